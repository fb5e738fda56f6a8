// Template syntax of every string a CRD entry holds: any value containing `{{` must parse, and a
// parse error is reported at the YAML position of that value. Inline CRD manifests are data, not
// templates, and are skipped. Names resolve in the document's user-notes scope when it has one. Pure (the template checker parses; it does not evaluate).
// In a status field or a child's condition it is a warning: the Go runtime loads those unparsed
// and skips them when they fail, as the renderer does (shared/render: skipSince).
import type { Issue } from '../errors.js';
import { checkTemplate, type UserNotes } from '../template/index.js';
import { formatPath, type PathSegment } from './path.js';
import type { Locator } from './yaml-source.js';

export function templateIssues(entry: unknown, at: PathSegment[], file: string, locate: Locator, notes?: UserNotes): Issue[] {
  const issues: Issue[] = [];
  const visit = (value: unknown, path: PathSegment[]): void => {
    if (typeof value === 'string') {
      if (!value.includes('{{')) return;
      const error = checkTemplate(value, notes);
      if (!error) return;
      const where = value.includes('\n') ? ` (line ${error.line}, column ${error.col} of the template)` : ` (column ${error.col})`;
      const lenient = skippedAtRuntime(path);
      issues.push({ file, ...locate(path), path: formatPath(path), message: `template error: ${error.reason}${where}${lenient ? `; ${lenient}` : ''}`, ...(lenient ? { severity: 'warning' as const } : {}) });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (path.length === at.length && key === 'crd') continue;
        visit(child, [...path, key]);
      }
    }
  };
  visit(entry, at);
  return issues;
}

const PHASES = new Set(['onCreate', 'onReconcile', 'onDelete']);

/**
 * For a status field or a child's condition, which the Go runtime loads without parsing and skips
 * when it fails (the field is not written, the condition is false): what happens, for a warning.
 * Elsewhere (children, gates, rules) a template that does not parse stays an error.
 */
function skippedAtRuntime(path: PathSegment[]): string | undefined {
  const at = (i: number, key: string) => path[i] === key;
  for (let i = 0; i < path.length - 1; i++) {
    if (at(i, 'status') && at(i + 1, 'fields')) return 'the Go runtime loads it and leaves this status field out at every reconcile; so does Orkestra (fix the template)';
  }
  const phase = path.findIndex((p) => typeof p === 'string' && PHASES.has(p));
  if (phase >= 0 && path.slice(phase).some((p) => p === 'when' || p === 'or')) return 'the Go runtime loads it and reads the condition as false at every reconcile; so does Orkestra (fix the template)';
  return undefined;
}
