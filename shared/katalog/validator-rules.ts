// Rules of upstream's validator (pkg/katalog/validate, its testdata/validate/invalid cases) that a
// JSON Schema cannot express: lifecycle keys on the wrong kind of document and semver ranges that
// do not parse, namespaced against apiTypes.scope, a watch declared twice, a requeue.after that is neither a
// duration nor a template, a retryBackoff whose max is below its initial or whose multiplier is
// not above zero, and a serve block that contradicts itself. Each is one line at the place
// written. Pure.
import { parseConstraint } from '../template/notes/semver-constraint.js';
import { parseDuration } from './durations.js';
import type { EntryParts } from './layout.js';
import type { PathSegment } from './path.js';

type Rec = Record<string, unknown>;
type Report = (path: PathSegment[], message: string, part?: 'key' | 'value') => void;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

const FLOORS = ['alpha', 'beta', 'stable'];
/** Go's durations and the extended units upstream's runtime also reads (d, w, mo, y). */
const LOOSE_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h|d|w|mo|y))+$/;

/** lifecycle.accept and policy belong to a Komposer; compatibility ranges must parse. */
export function lifecycleRuleIssues(doc: Rec, report: Report): void {
  const lifecycle = isRecord(doc.lifecycle) ? doc.lifecycle : {};
  if (doc.kind === 'Katalog' && lifecycle.accept !== undefined) {
    report(['lifecycle', 'accept'], 'lifecycle.accept is a Komposer key (it acknowledges deprecated, alpha or beta imports); remove it from the Katalog', 'key');
  }
  const floor = isRecord(doc.policy) && isRecord(doc.policy.lifecycle) ? doc.policy.lifecycle.minMaturity : undefined;
  if (doc.kind === 'Katalog' && floor !== undefined && !FLOORS.includes(floor as string)) {
    report(['policy', 'lifecycle', 'minMaturity'], `${JSON.stringify(floor)} is not a floor: give alpha, beta or stable (policy is read on a Komposer)`);
  }
  const compatibility = isRecord(lifecycle.compatibility) ? lifecycle.compatibility : {};
  for (const key of ['kubernetes', 'orkestra']) {
    const range = compatibility[key];
    if (typeof range === 'string' && !parseConstraint(range)) {
      report(['lifecycle', 'compatibility', key], `"${range}" is not a semver range (write e.g. ">=1.28" or ">=0.7.0, <1.0.0")`);
    }
  }
}

/** The per-entry rules: namespaced, serve, duplicate watches, requeue.after, retryBackoff. */
export function entryRuleIssues(entry: Rec, parts: EntryParts, at: PathSegment[], report: Report): void {
  const scope = isRecord(entry.apiTypes) ? entry.apiTypes.scope : undefined;
  if (typeof entry.namespaced === 'boolean' && typeof scope === 'string' && (scope === 'Cluster') === entry.namespaced) {
    report([...at, 'namespaced'], `namespaced: ${entry.namespaced} contradicts apiTypes.scope: ${scope}; give one of them`);
  }
  // enrich beside enrichAll: shared/enrich/check.ts, with the enrich targets.
  if (isRecord(entry.serve)) serveIssues(entry.serve, [...at, 'serve'], report);
  const box = isRecord(entry.operatorBox) ? entry.operatorBox : undefined;
  if (box) {
    duplicateWatches(box.watch, [...at, 'operatorBox', 'watch'], report);
    const observe = isRecord(box.observe) ? box.observe : {};
    duplicateWatches(observe.watch, [...at, 'operatorBox', 'observe', 'watch'], report);
  }
  for (const { path, value } of parts.reconcilers) {
    if (!isRecord(value)) continue;
    const requeue = isRecord(value.requeue) ? value.requeue : {};
    if (typeof requeue.after === 'string' && requeue.after !== '' && !requeue.after.includes('{{') && !LOOSE_DURATION.test(requeue.after)) {
      report([...path, 'requeue', 'after'], `"${requeue.after}" is neither a duration (30s, 5m, 1h) nor a template`);
    }
    const queue = isRecord(value.queue) ? value.queue : {};
    backoffIssues(queue.retryBackoff, [...path, 'queue', 'retryBackoff'], report);
  }
}

/** The same apiVersion and kind watched twice would enqueue every change twice. */
function duplicateWatches(list: unknown, at: PathSegment[], report: Report): void {
  if (!Array.isArray(list)) return;
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    if (!isRecord(item) || typeof item.apiVersion !== 'string' || typeof item.kind !== 'string') return;
    const key = `${item.apiVersion} ${item.kind} ${String(item.namespace ?? '')} ${String(item.name ?? '')}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else report([...at, i], `${item.apiVersion} ${item.kind} is already watched by item ${first}; declare each resource once (merge their on: lists)`);
  });
}

/** {initial, max, multiplier}: max not below initial, multiplier above zero. */
function backoffIssues(backoff: unknown, at: PathSegment[], report: Report): void {
  if (!isRecord(backoff)) return;
  const initial = typeof backoff.initial === 'string' ? parseDuration(backoff.initial) : undefined;
  const max = typeof backoff.max === 'string' ? parseDuration(backoff.max) : undefined;
  if (initial !== undefined && max !== undefined && max < initial) {
    report([...at, 'max'], `max (${String(backoff.max)}) is below initial (${String(backoff.initial)}); the delay only grows from initial up to max`);
  }
  if (typeof backoff.multiplier === 'number' && backoff.multiplier <= 0) {
    report([...at, 'multiplier'], `${backoff.multiplier} is not above zero; write e.g. 2 (each retry waits twice as long)`);
  }
}

/** A serve field writes one path or fans out to values, not both; modes.target: false takes no target. */
function serveIssues(serve: Rec, at: PathSegment[], report: Report): void {
  const fields = isRecord(serve.fields) ? serve.fields : {};
  for (const [name, field] of Object.entries(fields)) {
    if (isRecord(field) && field.path !== undefined && field.values !== undefined) {
      report([...at, 'fields', name, 'values'], 'give path (one spec path) or values (several), not both', 'key');
    }
  }
  if (isRecord(serve.modes) && serve.modes.target === false && serve.target !== undefined) {
    report([...at, 'target'], 'serve.modes.target is false, so serve.target is never used: remove one of them', 'key');
  }
}
