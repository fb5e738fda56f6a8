// The CR status a reconcile wants: the Ready condition (and Available when the entry asks for
// conditions), observedGeneration, and the declared status fields at their paths; and the patch
// that gets there — none when the live status already says it, so a no-op resync writes nothing.
// Pure: the clock comes in as `now`.
import type { StatusSpec } from '../../shared/katalog/types.js';
import { parsePath } from '../../shared/render/paths.js';
import { conditionsOf, nextCondition, withCondition, type Condition, type ConditionOutcome } from './conditions.js';
import { semanticSubset } from './subset.js';

export type Outcome = Omit<ConditionOutcome, 'observedGeneration'>;

export interface StatusInput {
  liveStatus: unknown;
  generation: number | undefined;
  /**
   * False when the CRD has no status subresource: there every status write bumps
   * metadata.generation, so recording it would never settle.
   */
  recordGeneration: boolean;
  /** Ready and, when the entry sets `status.conditions: true`, Available. */
  conditions: Outcome[];
  /** Declared fields by dotted path under .status; undefined keeps the live values (render failed). */
  fields: Record<string, unknown> | undefined;
  /** The unconditional paths the entry declares, so fields no longer rendered are removed. */
  declaredPaths: readonly string[];
  now: Date;
}

/**
 * The status to converge on, as a JSON merge patch body for `.status`: declared paths that are
 * not rendered any more are `null` (removed); conditions of other writers are kept.
 */
export function desiredStatus(input: StatusInput): Record<string, unknown> {
  const live = isRecord(input.liveStatus) ? input.liveStatus : {};
  const out: Record<string, unknown> = {};
  if (input.fields !== undefined) {
    for (const path of input.declaredPaths) setDotted(out, path, null);
    for (const [path, value] of Object.entries(input.fields)) setDotted(out, path, value);
  }
  const generation = input.recordGeneration ? input.generation : undefined;
  if (generation !== undefined) out.observedGeneration = generation;
  let conditions: Condition[] = conditionsOf(live);
  for (const outcome of input.conditions) {
    const previous = conditions.find((c) => c.type === outcome.type);
    const full: ConditionOutcome = generation === undefined ? outcome : { ...outcome, observedGeneration: generation };
    conditions = withCondition(conditions, nextCondition(previous, full, input.now));
  }
  if (input.conditions.length > 0) out.conditions = conditions;
  return out;
}

/** The merge patch body for .status, or undefined when the live status already matches. */
export function statusPatch(liveStatus: unknown, desired: Record<string, unknown>): Record<string, unknown> | undefined {
  return semanticSubset(desired, liveStatus ?? {}) ? undefined : desired;
}

/**
 * The status paths an entry removes when they are not rendered, normalised as the renderer keys
 * them (`url`, `db.host`). A field with conditions (`when`/`or`) is not among them: while its
 * conditions fail the Go runtime keeps the value last written (a state machine's phase stays put),
 * unless it says `clearOnFalse: true`. Upstream then writes ""; here the field is removed (a merge
 * patch writing "" to a `type: string` status field was refused by the API server in our tests).
 */
export function declaredStatusPaths(spec: StatusSpec | undefined): string[] {
  const fields = Array.isArray(spec?.fields) ? spec.fields : [];
  const out: string[] = [];
  for (const field of fields) {
    const conditional = field?.when !== undefined || field?.or !== undefined;
    if (typeof field?.path !== 'string' || (conditional && field.clearOnFalse !== true)) continue;
    const segments = parsePath(field.path);
    if (!segments) continue;
    const rest = segments[0] === 'status' ? segments.slice(1) : segments;
    if (rest.length > 0 && rest.every((s) => typeof s === 'string')) out.push(rest.join('.'));
  }
  return out;
}

function setDotted(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = root;
  for (const key of keys.slice(0, -1)) {
    if (!isRecord(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
