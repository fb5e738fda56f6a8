// What the controller's caches hold per website CR, without a cluster (issue #17): N CRs, their
// Deployments and Services, as JSON text the way a v1.20 API server sends them in watch events
// (cache-memory/objects.ts), fed through the controller's own informers, transforms, names index
// and CacheReader owner index (controller/crd/child-watch.ts childInformers) by a stand-in
// KubeClient. Reports the V8 heap each cache adds per object after full GCs, the transform's
// CPU per object, and the process's RSS. Not part of `npm test`.
//
// Usage: node --expose-gc dist/bench/cache-memory.js [--crs 10000] [--names-first] [--read-whole] [--churn K]
//   --names-first: each child's names-index event before its labelled one (the watches race)
//   --read-whole: the caches of an entry whose status templates read `.children` (kept whole)
//   --churn K: then K more versions of every object (watch events replacing the cached ones): the
//     garbage a fill leaves, for comparing V8 flags by the process's peak RSS
import type { ApiResource, KubeClient, KubeObject, WatchEvent } from '../shared/kube/index.js';
import { silentLogger } from '../shared/log.js';
import { Informer, realClock } from '../controller/engine/index.js';
import { CacheReader } from '../controller/crd/cache-reader.js';
import { childInformers } from '../controller/crd/child-watch.js';
import { crJson, deploymentJson, KATALOG, metadataJson, serviceJson, siteOf, type Site } from './cache-memory/objects.js';

const args = process.argv.slice(2);
const N = Number(args[args.indexOf('--crs') + 1] ?? 0) || 10_000;
const NAMES_FIRST = args.includes('--names-first');
const READ_WHOLE = args.includes('--read-whole');
const CHURN = args.includes('--churn') ? Number(args[args.indexOf('--churn') + 1]) : 0;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('run with node --expose-gc');
  process.exit(2);
}

const RESOURCES = {
  Website: { group: 'examples.orkspace.io', version: 'v1', resource: 'websites', kind: 'Website', namespaced: true },
  Deployment: { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true },
  Service: { group: '', version: 'v1', resource: 'services', kind: 'Service', namespaced: true },
} satisfies Record<string, ApiResource>;

type Feed = (json: string) => void;

/** A KubeClient that lists nothing and hands on the watch events the benchmark feeds it. */
function standInKube(feeds: Map<string, Feed>): KubeClient {
  const apiVersion = (r: ApiResource) => (r.group ? `${r.group}/${r.version}` : r.version);
  return {
    list: async () => ({ items: [], resourceVersion: '1' }),
    watch: (resource: ApiResource, options: { metadataOnly?: boolean }, onEvent: (e: WatchEvent) => void, signal: AbortSignal) => {
      feeds.set(`${resource.kind}${options.metadataOnly ? '/names' : ''}`, (json) => {
        const object = JSON.parse(json) as KubeObject;
        // As the client does for a metadata-only watch (cli/kube/watch.ts).
        onEvent({ type: 'ADDED', object: options.metadataOnly ? { apiVersion: apiVersion(resource), kind: resource.kind, metadata: object.metadata } : object });
      });
      return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    },
  } as unknown as KubeClient;
}

function heapUsed(): number {
  for (let i = 0; i < 4; i++) gc!();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  const feeds = new Map<string, Feed>();
  const kube = standInKube(feeds);
  const clock = realClock;
  const logger = silentLogger();
  const reader = new CacheReader(kube);
  const crs = new Informer({ client: kube, resource: RESOURCES.Website, clock });
  reader.watchCrs('examples.orkspace.io/v1', 'Website', crs, { crd: { name: 'website', namespaced: true } });
  const labelSelector = `orkestra.orkspace.io/managed=true,orkestra.orkspace.io/katalog=${KATALOG},orkestra-owner`;
  const informers: Informer[] = [crs];
  for (const [apiVersion, kind] of [['apps/v1', 'Deployment'], ['v1', 'Service']] as const) {
    const { informer, names } = childInformers(kube, RESOURCES[kind], { clock, logger, labelSelector, apiVersion, kind, readWhole: READ_WHOLE });
    reader.watchChildren(apiVersion, kind, informer, names);
    informers.push(informer, names);
  }
  for (const informer of informers) informer.start();
  while (feeds.size < informers.length) await new Promise((r) => setTimeout(r, 5));

  const rows: string[] = [];
  let before = heapUsed();
  const rssBefore = process.memoryUsage().rss;
  const phase = (label: string, feed: string, json: (s: Site) => string) => {
    const send = feeds.get(feed)!;
    let texts: string[] | undefined = Array.from({ length: N }, (_, i) => json(siteOf(i)));
    const cpu = process.cpuUsage();
    for (const text of texts) send(text);
    const used = process.cpuUsage(cpu);
    texts = undefined;
    const after = heapUsed();
    rows.push(`| ${label} | ${Math.round((after - before) / N)} B | ${(((used.user + used.system) / N)).toFixed(1)} µs |`);
    before = after;
  };
  phase('Website CR (CR cache)', 'Website', crJson);
  for (const kind of ['Deployment', 'Service'] as const) {
    const full = kind === 'Deployment' ? deploymentJson : serviceJson;
    const labelled = () => phase(`${kind} (labelled cache + owner index)`, kind, full);
    const names = () => phase(`${kind} (names index)`, `${kind}/names`, (s) => metadataJson(kind, s));
    if (NAMES_FIRST) { names(); labelled(); } else { labelled(); names(); }
  }
  const churnCpu = process.cpuUsage();
  for (let round = 1; round <= CHURN; round++) {
    for (let i = 0; i < N; i++) {
      const s = { ...siteOf(i), rv: 1000 + i * 7 + round * N * 7 };
      feeds.get('Website')!(crJson(s));
      feeds.get('Deployment')!(deploymentJson(s));
      feeds.get('Deployment/names')!(metadataJson('Deployment', s));
      feeds.get('Service/names')!(metadataJson('Service', s));
      feeds.get('Service')!(serviceJson(s));
    }
  }
  const churned = process.cpuUsage(churnCpu);
  const total = rows.reduce((sum, r) => sum + Number(/\| (\d+) B/.exec(r)![1]), 0);
  const mem = process.memoryUsage();
  console.log(`${N} website CRs${NAMES_FIRST ? ', names-index events first' : ''}${READ_WHOLE ? ', children read whole' : ''}; V8 heap added per object after full GCs, CPU per event (JSON.parse, transform, cache, handlers)\n`);
  console.log('| cache | heap per object | CPU per event |\n|---|---|---|');
  for (const r of rows) console.log(r);
  console.log(`| **per CR with its two children** | **${total} B (${(total / 1024).toFixed(2)} KiB)** | |`);
  console.log(`\nheap used ${(mem.heapUsed / 2 ** 20).toFixed(1)} MiB, heap committed ${(mem.heapTotal / 2 ** 20).toFixed(1)} MiB, RSS ${(mem.rss / 2 ** 20).toFixed(1)} MiB (${((mem.rss - rssBefore) / 2 ** 20).toFixed(1)} MiB more than before the objects)`);
  if (CHURN > 0) console.log(`after ${CHURN} more versions of every object: heap used after GC ${(heapUsed() / 2 ** 20).toFixed(1)} MiB, CPU ${((churned.user + churned.system) / 1e6).toFixed(1)} s`);
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB; node ${process.execArgv.join(' ')}`);
  if (reader.listOwned('website', { apiVersion: 'examples.orkspace.io/v1', kind: 'Website', metadata: { name: 'site-1', namespace: 'steady' } }).length !== 2) throw new Error('owner index: site-1 should own 2 children');
  await Promise.all(informers.map((i) => i.stop()));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
