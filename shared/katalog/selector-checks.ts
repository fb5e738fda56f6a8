// The selectors of a Katalog, checked when it loads as the API server will parse them: an entry's
// labelSelector (keys and values) and fieldSelector (dotted paths), and a secondary watch's
// labelSelector (a map, or text such as `app in (web,api),!legacy`). One the API server refuses
// would fail every list and watch of the informer at run time, which only retries; `ork validate`
// says which pair is wrong instead. Which field paths a CR accepts is cr-field-selector.ts. Pure.
import type { Issue } from '../errors.js';
import { FIELD_PATH } from './cr-selectors.js';
import { matches, valueAt } from './inert-keys.js';
import { labelKeyProblem, labelSelectorProblem, labelValueProblem } from './label-selector.js';
import { formatPath, type PathSegment } from './path.js';
import type { Locator } from './yaml-source.js';

const ENTRY = ['spec', 'crds', '*'];
const BOX = [...ENTRY, 'operatorBox'];
/** Where secondary watches are declared (shared/observe/watch.ts reads the same lists). */
const WATCH_LISTS = [[...BOX, 'observe', 'watch'], [...BOX, 'watch'], [...BOX, 'reconciler', 'watch'], [...BOX, 'reconcile', 'watch']];

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export function selectorIssues(doc: unknown, file: string, locate: Locator): Issue[] {
  const issues: Issue[] = [];
  const report = (path: PathSegment[], message: string, part: 'key' | 'value') => issues.push({ file, ...locate(path, part), path: formatPath(path), message });
  for (const path of matches(doc, [...ENTRY, 'labelSelector'])) labelMapIssues(valueAt(doc, path), path, report);
  for (const path of matches(doc, [...ENTRY, 'fieldSelector'])) {
    const map = valueAt(doc, path);
    if (!isRecord(map)) continue;
    for (const key of Object.keys(map)) {
      if (!FIELD_PATH.test(key)) report([...path, key], `"${key}" is not a field path; write it dotted, e.g. metadata.namespace`, 'key');
    }
  }
  for (const list of WATCH_LISTS) {
    for (const path of matches(doc, [...list, '*', 'labelSelector'])) {
      const selector = valueAt(doc, path);
      if (isRecord(selector)) labelMapIssues(selector, path, report);
      else if (typeof selector === 'string' && !selector.includes('{{')) {
        const problem = labelSelectorProblem(selector);
        if (problem) report(path, `the API server cannot parse this label selector: ${problem}`, 'value');
      }
    }
  }
  return issues;
}

/** A `{key: value}` label selector: each key and each static value as a label's. */
function labelMapIssues(map: unknown, path: PathSegment[], report: (path: PathSegment[], message: string, part: 'key' | 'value') => void): void {
  if (!isRecord(map)) return;
  for (const [key, value] of Object.entries(map)) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) {
      report([...path, key], keyProblem, 'key');
      continue;
    }
    const text = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
    if (text === undefined || text.includes('{{')) continue; // the schema and cr-selectors.ts say why
    const valueProblem = labelValueProblem(text);
    if (valueProblem) report([...path, key], valueProblem, 'value');
  }
}
