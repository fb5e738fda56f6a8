// A Katalog or Komposer kept as a data key of a ConfigMap (upstream's deployment examples: the
// ConfigMap is mounted into the runtime's pod and `ork run --katalog /katalogs/<key>` reads the
// mounted file). `ork validate`, `template` and `run` given the ConfigMap's file read the Katalog
// from its data key, with one warning saying so; problems keep `file:line:col` of the outer file
// when the key is a literal block (`|`), else they point at the key. Pure.
import type { Issue } from '../errors.js';
import { parseYaml } from './yaml-source.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface Unwrapped {
  /** The data key's text: the Katalog or Komposer document. */
  text: string;
  key: string;
  /** Moves an issue about the inner text to where it was written in the outer file. */
  place: (issue: Issue) => Issue;
  warning: Issue;
}

/**
 * The Katalog inside `text` when it is one ConfigMap whose data holds a Katalog or Komposer;
 * undefined for any other file; `{issues}` when the ConfigMap holds several (which one is meant?).
 */
export function unwrapConfigMap(text: string, file: string): Unwrapped | { issues: Issue[] } | undefined {
  if (!/^\s*kind:\s*["']?ConfigMap\b/m.test(text)) return undefined;
  const { documents, issues } = parseYaml(text, file);
  if (documents.length !== 1 || issues.some((i) => i.severity !== 'warning')) return undefined;
  const [document] = documents;
  const value = document!.value;
  if (!isRecord(value) || value.kind !== 'ConfigMap' || !isRecord(value.data)) return undefined;
  const keys = Object.entries(value.data).filter(([, v]) => typeof v === 'string' && /^\s*kind:\s*["']?(Katalog|Komposer)["']?\s*$/m.test(v)).map(([k]) => k);
  if (keys.length === 0) return undefined;
  if (keys.length > 1) {
    const at = document!.locate(['data', keys[1]!], 'key');
    return { issues: [{ file, ...at, path: `data.${keys[1]}`, message: `this ConfigMap holds ${keys.length} Katalogs (data keys ${keys.join(', ')}); give ork one of them: extract it into a file of its own` }] };
  }
  const key = keys[0]!;
  const inner = value.data[key] as string;
  const keyAt = document!.locate(['data', key], 'key');
  const header = document!.locate(['data', key], 'value');
  const lines = text.split('\n');
  const literal = lines[header.line - 1]?.slice(header.col - 1).startsWith('|') ?? false;
  const indent = literal ? blockIndent(lines, header.line) : 0;
  const place = (issue: Issue): Issue => {
    if (issue.file !== file) return issue;
    if (!literal || issue.line === undefined) return { ...issue, ...keyAt };
    return { ...issue, line: header.line + issue.line, ...(issue.col === undefined ? {} : { col: issue.col + indent }) };
  };
  const warning: Issue = { file, ...keyAt, path: `data.${key}`, severity: 'warning', message: `this file is a ConfigMap; read the Katalog in its data key ${key} (ork run in a pod reads the mounted file; you can also extract it into a file of its own)` };
  return { text: inner, key, place, warning };
}

/** The indentation of a block scalar: that of its first non-blank line after the header. */
function blockIndent(lines: string[], headerLine: number): number {
  for (let i = headerLine; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() !== '') return line.length - line.trimStart().length;
  }
  return 0;
}
