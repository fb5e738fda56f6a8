// Values (not keys) that ask for compiled Go code: `mode: typed` and a reconciler with
// `default: false` (a custom Go constructor). The keys that need Go code (apiTypes.location, hooks,
// constructor, providers) are refused by the schema (`x-needsGo`). One line each, saying what to do
// instead. Pure.
import type { PathSegment } from './path.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
type Report = (path: PathSegment[], message: string, part?: 'key' | 'value') => void;

export function needsGoIssues(entry: Rec, at: PathSegment[], report: Report): void {
  if (entry.mode === 'typed') {
    report([...at, 'mode'], 'not supported: mode typed needs compiled Go types, which this runtime cannot load; remove mode (this runtime reconciles unstructured objects, as mode dynamic does)');
  }
  const box = isRecord(entry.operatorBox) ? entry.operatorBox : {};
  if (box.default === false) {
    report([...at, 'operatorBox', 'default'], 'not supported: default: false needs a Go constructor, which this runtime cannot load; remove it and declare the children, status and rules instead (the declarative reconciler is the default)');
  }
  for (const key of ['reconciler', 'reconcile']) {
    const settings = box[key];
    if (isRecord(settings) && settings.default === false) {
      report([...at, 'operatorBox', key, 'default'], 'not supported: default: false needs a Go constructor, which this runtime cannot load; remove it and declare the children, status and rules instead (the declarative reconciler is the default)');
    }
  }
}
