// `make bench-render`: renders the website example for many CRs and compares with a hand-written
// function that builds the same children as object literals (the cost floor: no templates, no
// checks), so the ratio says what the renderer's generality costs. Not part of the test suite.
// Usage: node dist/bench/render.js [--crs N] [--rounds R] [--json FILE]
import { writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadKatalogFile } from '../resolver/katalog-files.js';
import type { CrdEntry } from '../shared/katalog/types.js';
import { renderDesired, type KubeObject } from '../shared/render/index.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const COUNT = flag('--crs', 10_000);
const ROUNDS = flag('--rounds', 3);
const JSON_OUT = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;

function makeCrs(n: number): KubeObject[] {
  return Array.from({ length: n }, (_, i) => ({
    apiVersion: 'examples.orkspace.io/v1',
    kind: 'Website',
    metadata: { name: `site-${i}`, namespace: `team-${i % 50}`, uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
    spec: { image: `nginx:1.${i % 30}`, replicas: 1 + (i % 5), public: i % 3 === 0, ...(i % 4 === 0 ? { title: `Site ${i}` } : {}) },
  }));
}

/** The website example's children for one CR, written out by hand. Must equal the renderer's. */
function handWritten(cr: KubeObject): KubeObject[] {
  const name = cr.metadata.name;
  const ns = cr.metadata.namespace!;
  const spec = cr.spec as { image: string; replicas?: number; port?: number; public?: boolean; title?: string };
  const replicas = spec.replicas ?? 2;
  const port = spec.port ?? 8080;
  const owner = [{ apiVersion: cr.apiVersion, kind: cr.kind, name, uid: cr.metadata.uid!, controller: true, blockOwnerDeletion: true }];
  const labels = {
    'orkestra-owner': name,
    'orkestra.orkspace.io/crd': 'website',
    'orkestra.orkspace.io/katalog': 'website',
    'orkestra.orkspace.io/managed': 'true',
  };
  const meta = (n: string) => ({ name: n, namespace: ns, labels, ownerReferences: owner });
  const service = (n: string, type: string): KubeObject => ({
    apiVersion: 'v1', kind: 'Service', metadata: meta(n),
    spec: { type, selector: { 'orkestra-owner': name }, ports: [{ port: 80, targetPort: port, protocol: 'TCP' }] },
  });
  const out = [service(`${name}-svc`, 'ClusterIP')];
  if (spec.public === true) out.push(service(`${name}-public`, 'LoadBalancer'));
  out.push({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(name),
    spec: {
      replicas,
      selector: { matchLabels: { 'orkestra-owner': name } },
      template: {
        metadata: { labels: { 'orkestra-owner': name, 'orkestra.orkspace.io/managed': 'true' } },
        spec: {
          containers: [{
            name, image: spec.image, ports: [{ containerPort: port, protocol: 'TCP' }],
            env: [{ name: 'SITE_TITLE', value: spec.title ?? name }],
            resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
          }],
        },
      },
    },
  });
  return out;
}

function measure(label: string, crs: KubeObject[], fn: (cr: KubeObject) => unknown): { label: string; perSecond: number; usPer: number; ms: number; rssMb: number } {
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.hrtime.bigint();
    for (const cr of crs) fn(cr);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)]!;
  return { label, ms, perSecond: (crs.length / ms) * 1000, usPer: (ms * 1000) / crs.length, rssMb: process.resourceUsage().maxRSS / 1024 };
}

const katalogPath = fileURLToPath(new URL('../../examples/website/katalog.yaml', import.meta.url));
const loaded = await loadKatalogFile(katalogPath);
const crd = loaded.crds.find((c) => c.name === 'website');
if (!loaded.document || !crd) {
  process.stderr.write(`cannot load ${katalogPath}: ${loaded.issues.map((i) => i.message).join('; ')}\n`);
  process.exit(1);
}
const entry: CrdEntry = crd.entry;
const render = (cr: KubeObject) => renderDesired({ crdName: 'website', entry, cr, katalogName: 'website' }).children;

const crs = makeCrs(COUNT);
// The floor is only a floor if it builds the same objects.
for (const cr of crs.slice(0, 200)) {
  if (!isDeepStrictEqual(render(cr).map((c) => c.object), handWritten(cr))) {
    process.stderr.write(`baseline differs from the renderer for ${cr.metadata.name}; fix handWritten()\n`);
    process.exit(1);
  }
}
const children = crs.reduce((n, cr) => n + handWritten(cr).length, 0);
// Warm both paths up so the JIT has compiled them before timing.
for (const cr of crs.slice(0, 2000)) { handWritten(cr); render(cr); }

const baseline = measure('hand-written objects (floor)', crs, handWritten);
const renderer = measure('renderDesired (website example)', crs, render);

const cpu = cpus();
process.stdout.write(`render benchmark: ${COUNT} CRs (${children} children), median of ${ROUNDS} rounds\n`);
process.stdout.write(`node ${process.version}, ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? 'unknown'})\n\n`);
const rows = [baseline, renderer];
const w = Math.max(...rows.map((r) => r.label.length));
process.stdout.write(`${'path'.padEnd(w)} | renders/s | µs/render | total ms | peak RSS MB\n`);
process.stdout.write(`${'-'.repeat(w)}-|-----------|-----------|----------|------------\n`);
for (const r of rows) {
  process.stdout.write(`${r.label.padEnd(w)} | ${Math.round(r.perSecond).toString().padStart(9)} | ${r.usPer.toFixed(1).padStart(9)} | ${r.ms.toFixed(0).padStart(8)} | ${r.rssMb.toFixed(0).padStart(11)}\n`);
}
process.stdout.write(`\nrenderer / floor: ${(renderer.ms / baseline.ms).toFixed(1)}x the time of building the objects by hand\n`);
if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify({ crs: COUNT, children, rounds: ROUNDS, floor: baseline, renderer }, null, 2));
