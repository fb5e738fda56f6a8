// Template syntax of every string a CRD entry holds: any value containing `{{` must parse, and a
// parse error is reported at the YAML position of that value. Inline CRD manifests are data, not
// templates, and are skipped. Names resolve in the document's user-notes scope when it has one. Pure (the template checker parses; it does not evaluate).
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
      issues.push({ file, ...locate(path), path: formatPath(path), message: `template error: ${error.reason}${where}` });
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
