// Keys the format accepts with upstream's meaning but this runtime does not act on yet. They load
// into the model (never silently dropped) and `ork validate` prints one warning line per use, so a
// user knows the Katalog will run without that behaviour. Remove a row when the runtime implements
// it. Paths are as written (either layout); `*` matches any one key or list index. Pure.
import type { Issue } from '../errors.js';
import { formatPath, type PathSegment } from './path.js';
import { PLACEHOLDER_LISTS } from './placeholder-lists.js';
import type { Locator } from './yaml-source.js';

type Rec = Record<string, unknown>;

const ENTRY = ['spec', 'crds', '*'];
const BOX = [...ENTRY, 'operatorBox'];
/** The phase blocks, in both layouts. */
const PHASE_PATHS = ['onCreate', 'onReconcile', 'onDelete'].flatMap((phase) => [[...BOX, phase], [...BOX, 'reconcile', phase]]);
const LIVE_PHASE_PATHS = ['onCreate', 'onReconcile'].flatMap((phase) => [[...BOX, phase], [...BOX, 'reconcile', phase]]);

/** The secondary watch lists (observe.watch and its older places). */
const WATCH_LISTS = [[...BOX, 'observe', 'watch'], [...BOX, 'watch'], [...BOX, 'reconciler', 'watch']];
/** The validation and mutation blocks, in both layouts. */
const ADMISSION_BLOCKS = ['validation', 'mutation'].flatMap((key) => [[...ENTRY, key], [...ENTRY, 'admission', key]]);

/** The `external:` call lists the controller makes (phase blocks, preReconcile and its gates). */
export const EXTERNAL_LISTS = [...PHASE_PATHS.map((phase) => [...phase, 'external']), [...BOX, 'preReconcile', 'external'], [...BOX, 'preReconcile', '*', 'external']];

const NO_DELETE_PAUSE = 'an object onDelete names is deleted without a pause, as upstream (which pauses only before an onDelete Job; a Job\'s sleep is honoured)';

/** [path, what is missing, and when given: only warn for values it accepts]. `!a,b` matches any key but those. */
type Row = readonly [string[], string, ((value: unknown) => boolean)?];
export const INERT_KEYS: ReadonlyArray<Row> = [
  [[...BOX, '*', 'queue', 'shared'], 'every CRD has its own queue here'],
  [[...BOX, 'preReconcile', 'enqueueGate', 'eventAware'], 'upstream reads eventAware on the reconcileGate only; move it there'],
  [[...BOX, 'reconcile', 'watch'], 'secondary watches are started from observe.watch, watch or reconciler.watch; move it there'],
  // Under onDelete these run (controller/reconcile/deletion.ts); elsewhere upstream ignores them too.
  ...LIVE_PHASE_PATHS.map((phase) => [[...phase, 'ordered'], 'only onDelete runs groups in order'] as Row),
  ...LIVE_PHASE_PATHS.map((phase) => [[...phase, 'groups'], 'only onDelete runs groups in order'] as Row),
  ...LIVE_PHASE_PATHS.map((phase) => [[...phase, 'timeout'], 'only onDelete has a timeout'] as Row),
  // external calls: the controller only reaches hosts the Katalog writes out (shared/external/calls.ts).
  ...EXTERNAL_LISTS.map((list) => [[...list, '*', 'url'], 'a URL whose scheme or host is rendered from a template is never called here (the call fails); write scheme and host in the Katalog and template only the path', templatedHost] as Row),
  ...EXTERNAL_LISTS.map((list) => [[...list, '*', 'include'], 'include files of external calls are not read yet; list the calls inline'] as Row),
  ...EXTERNAL_LISTS.flatMap((list) => (['retryBackoff', 'poolSize'] as const).map((key) => [[...list, '*', key], 'the call is made once per reconcile, without its own retries (the reconcile is retried)'] as Row)),
  // A child's sleep pauses a live reconcile (shared/render/pause.ts) and holds an onDelete Job back
  // (shared/render/delete-plan.ts); upstream pauses neither a deletion nor an external call.
  ...PHASE_PATHS.filter((phase) => phase.includes('onDelete')).flatMap((phase) => [
    [[...phase, '!jobs,external,groups', '*', 'sleep'], NO_DELETE_PAUSE] as Row,
    [[...phase, 'groups', '*', '!jobs', '*', 'sleep'], NO_DELETE_PAUSE] as Row,
  ]),
  ...EXTERNAL_LISTS.map((list) => [[...list, '*', 'sleep'], 'the Go runtime\'s external runner does not act on it either (it never reads it); a child\'s sleep is honoured'] as Row),
  // forceConflict: false is honoured on live children (controller/reconcile/execute.ts); onDelete's are created, never applied.
  ...PHASE_PATHS.filter((phase) => phase.includes('onDelete')).map((phase) => [[...phase, '*', '*', 'forceConflict'], 'onDelete children are created when absent, never applied over another manager\'s fields', (v) => v === false] as Row),
  [[...ENTRY, 'mutation', 'mutateFirst'], 'mutation always runs before validation here', (v) => v === false],
  [[...ENTRY, 'admission', 'mutation', 'mutateFirst'], 'mutation always runs before validation here', (v) => v === false],
  [[...ENTRY, 'deletionProtection', 'strictMode'], 'no label marks protected CRs here: every CR of a protected CRD is protected, so there is no label to remove'],
  [[...ENTRY, 'serve'], 'the Gateway API is not served by this runtime'],
  [[...ENTRY, 'idp'], 'the Control Center form is not served by this runtime'],
  [['security', 'deletionProtection', 'strictMode'], 'no label marks protected CRs here: every CR of a protected CRD is protected, so there is no label to remove'],
  [['security', 'deletionProtection', 'cleanupOnShutdown'], 'the webhook registration, protection included, is removed when the webhook stops, as for the other webhooks'],
  [['security', 'namespaceProtection', 'cleanupOnShutdown'], 'the webhook registration, namespace protection included, is removed when the webhook stops, as for the other webhooks'],
  [['security', 'namespaceProtection', 'serviceName'], 'the webhook is reached where the install registers it (docs/webhook.md), for every webhook alike'],
  [['security', 'deletionProtection', 'serviceName'], 'the webhook is reached where the install registers it (docs/webhook.md), for every webhook alike'],
  [['security', 'rbac'], "RBAC comes from 'ork rbac' and the chart, reviewed and applied by you, never from the Katalog at start"],
  ...(['serviceName', 'gatewayEndpoint', 'webhooks', 'conversion'] as const).map((key): Row => [['security', key], 'not enforced by this runtime (security.deletionProtection and namespaceProtection are)']),
  [['gateway'], 'the Gateway API is not served by this runtime'],
  [['publish', 'tests'], 'this runtime has no push command to run the quality gates'],
  [[...ENTRY, 'setup', 'helm'], 'ork run applies setup.apply only; install the charts with helm first'],
  [[...ENTRY, 'setup', 'wait'], 'ork run applies setup.apply in order and waits only for a kind a setup CRD adds'],
  [[...ENTRY, 'setup', 'apply', '*', 'wait'], 'ork run applies setup.apply in order and waits only for a kind a setup CRD adds'],
  ...PHASE_PATHS.flatMap((phase) => PLACEHOLDER_LISTS.map((key): Row => [[...phase, key], 'a placeholder list the Go runtime accepts and ignores too: nothing is created (custom: creates objects of any kind)'])),
  ...WATCH_LISTS.flatMap((list) => [
    [[...list, '*', 'index'], 'watched objects are matched to CRs by keyFrom, owner reference or broadcast; no index is built'] as Row,
    [[...list, '*', 'enqueueGate'], 'a watch event queues its CRs without this gate'] as Row,
  ]),
  [[...BOX, 'observe', 'events', '*', 'enqueueGate'], 'a matching Event queues its CRs without this gate'],
  [[...BOX, 'runtime', 'cleanup'], 'CRs are not deleted when their conditions hold; delete them yourself'],
  ...ADMISSION_BLOCKS.map((block) => [[...block, 'external'], 'the calls are not made, so a rule reading .external sees nothing'] as Row),
  ...(['imports', 'sources'] as const).flatMap((key): Row[] => [
    [[key, 'helm', '*', 'path'], "upstream reads it only for a Git repo: (the chart's directory in the clone), which is refused here with what to do; for a chart repository upstream ignores it too: remove it"],
  ]),
];

/** A URL template whose scheme or host is not written out. */
function templatedHost(url: unknown): boolean {
  return typeof url === 'string' && !/^https?:\/\/[^/?#{]+(?:[/?#]|$)/i.test(url);
}

export function inertKeyWarnings(doc: unknown, file: string, locate: Locator): Issue[] {
  const issues: Issue[] = [];
  for (const [pattern, missing, applies] of INERT_KEYS) {
    for (const path of matches(doc, pattern)) {
      if (applies && !applies(valueAt(doc, path))) continue;
      const key = String(path[path.length - 1]);
      issues.push({ file, ...locate(path, 'key'), path: formatPath(path), severity: 'warning', message: `${key} is accepted but not acted on by this runtime yet (${missing})` });
    }
  }
  return issues;
}

/** Every present path in `value` that `pattern` names. */
export function matches(value: unknown, pattern: string[], at: PathSegment[] = []): PathSegment[][] {
  if (pattern.length === 0) return [at];
  if (value === null || typeof value !== 'object') return [];
  const [head, ...rest] = pattern as [string, ...string[]];
  const node = value as Rec;
  const all = (): PathSegment[] => (Array.isArray(value) ? value.map((_, i) => i) : Object.keys(node));
  const but = head.startsWith('!') ? head.slice(1).split(',') : undefined;
  const keys: PathSegment[] = head === '*' ? all() : but ? all().filter((k) => !but.includes(String(k))) : Object.hasOwn(node, head) ? [head] : [];
  return keys.flatMap((key) => {
    const child = node[key as string];
    return rest.length === 0 && child === undefined ? [] : matches(child, rest, [...at, key]);
  });
}

export function valueAt(doc: unknown, path: PathSegment[]): unknown {
  let node = doc;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Rec)[key as string] : undefined;
  return node;
}
