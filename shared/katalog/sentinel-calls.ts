// Upstream's gates call a declared sentinel as a template function (`field: "{{ labelsChanged }}"`);
// the runtime gives gate conditions the event's sentinels as `.sentinels.<name>` ("true"/"false").
// The call is read as that field, in preReconcile only; a sentinel the block does not declare is
// refused naming it, as upstream's validator refuses it. Pure: returns a rewritten copy.
import type { PathSegment } from './path.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Upstream's sentinel names (controller/crd/sentinels.ts computes them). */
export const SENTINEL_NAMES = [
  'generationChanged', 'labelsChanged', 'annotationsChanged', 'deletionStarted', 'finalizersChanged', 'nameChanged',
  'namespaceChanged', 'generateNameChanged', 'uidChanged', 'resourceVersionChanged', 'creationTimestampChanged',
  'deletionGracePeriodSecondsChanged', 'ownerReferenceChanged', 'managedFieldsChanged',
] as const;

const ACTION = /\{\{(.*?)\}\}/gs;
const CALL = new RegExp(`(^|[^\\w.$])(${SENTINEL_NAMES.join('|')})(?![\\w])`, 'g');

export interface SentinelProblem {
  path: PathSegment[];
  message: string;
}

/** preReconcile with each declared sentinel call read as `.sentinels.<name>`, and the undeclared ones found. */
export function rewriteSentinelCalls(pre: Rec, at: PathSegment[]): { value: Rec; problems: SentinelProblem[] } {
  const declared = new Set(Array.isArray(pre.sentinels) ? pre.sentinels.filter((s) => typeof s === 'string') : []);
  const problems: SentinelProblem[] = [];
  const walk = (value: unknown, path: PathSegment[]): unknown => {
    if (typeof value === 'string') return value.includes('{{') ? rewriteText(value, path) : value;
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i]));
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'sentinels' ? v : walk(v, [...path, k])]));
    return value;
  };
  const rewriteText = (text: string, path: PathSegment[]): string =>
    text.replace(ACTION, (_action: string, inner: string) => `{{${inner.replace(CALL, (_m, before: string, name: string) => {
      if (!declared.has(name)) problems.push({ path, message: `${name} is a sentinel this preReconcile does not declare; add it to preReconcile.sentinels` });
      return `${before}.sentinels.${name}`;
    })}}}`);
  return { value: walk(pre, at) as Rec, problems };
}
