// `make bench-resolve`: `ork resolve` of a Komposer with 50 imports — 20 local files, 15 HTTPS URLs
// (bearer auth, test CA), 10 Helm charts (8 from an HTTP chart repository, 2 `oci://` charts pushed by
// the real `helm push`) and 5 OCI Katalog artifacts in a real docker-registry — all on 127.0.0.1,
// timed as a child process with its peak RSS (/usr/bin/time). In the same run, the floor: a child
// that makes the same 50 fetches with plain undici (one keep-alive agent, same concurrency) and
// checks nothing. Then `ork verify` of a ≈ 5 MB bundle against `node -e 0` and `openssl dgst`.
// `ork` is what the image runs (the bundled CLI when `npm run build` left it: productionCli).
// Usage: node dist/bench/resolve.js [--rounds N] [--json FILE]      (internal: --floor PLAN.json)
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Agent, request } from 'undici';
import { productionCli } from './reconcile/controller-child.js';
import type { ResolveBench, TimedRun } from './report/results.js';

const run = promisify(execFile);
const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const cliMain = productionCli(fileURLToPath(new URL('../../', import.meta.url)));
const jsonAt = args.indexOf('--json');
const self = fileURLToPath(import.meta.url);
const CONCURRENCY = 8;

/** One fetch of the floor: what the resolver would request for an import, with nothing checked. */
type FloorFetch =
  | { kind: 'file'; path: string }
  | { kind: 'get'; urls: string[]; headers?: Record<string, string> }
  | { kind: 'oci'; registry: string; repository: string; tag: string };

interface Plan {
  ca: string;
  fetches: FloorFetch[];
}

if (args[0] === '--floor') {
  await floor(JSON.parse(readFileSync(args[1]!, 'utf8')) as Plan);
} else {
  await main();
}

/** The floor: the same requests over one keep-alive undici agent, bodies read and dropped. */
async function floor(plan: Plan): Promise<void> {
  const agent = new Agent({ connect: { ca: plan.ca } });
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await request(url, { dispatcher: agent, headers });
    const body = Buffer.from(await res.body.arrayBuffer());
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
    return body;
  };
  const one = async (f: FloorFetch) => {
    if (f.kind === 'file') return void (await readFile(f.path));
    if (f.kind === 'get') {
      for (const url of f.urls) await get(url, f.headers);
      return;
    }
    const base = `http://${f.registry}/v2/${f.repository}`;
    const manifest = JSON.parse((await get(`${base}/manifests/${f.tag}`, { accept: 'application/vnd.oci.image.manifest.v1+json' })).toString());
    for (const layer of [manifest.config, ...manifest.layers]) await get(`${base}/blobs/${layer.digest}`);
  };
  let next = 0;
  const worker = async () => {
    while (next < plan.fetches.length) await one(plan.fetches[next++]!);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await agent.close();
}

async function main(): Promise<void> {
  // Test infrastructure, loaded only here so that the --floor child stays minimal.
  const { getHelm, tempDir } = await import('../test/support/tools.js');
  const { startRegistry } = await import('../test/support/registry.js');
  const { makeTestCa, startHttpServer, startHttpsServer } = await import('../test/support/https-server.js');
  const { runTeardowns } = await import('../test/support/teardown.js');
  const { pushArtifact } = await import('../test/fixtures/oci/push.js');
  const { generateSigningKeyPair, parsePrivateKeyPem } = await import('../shared/bundle/keys.js');
  const { KATALOG_ARTIFACT_TYPE, KATALOG_LAYER_MEDIA_TYPE } = await import('../resolver/sources/oci.js');
  const rounds = flag('--rounds', 5);

  const dir = tempDir('bench-resolve');
  const katalog = (name: string, group: string) =>
    `apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata:\n  name: ${name}s\nspec:\n  crds:\n    ${name}:\n` +
    `      apiTypes: {group: ${group}, version: v1, kind: K${name}, plural: ${name}s}\n` +
    `      operatorBox:\n        onReconcile:\n          deployments:\n            - image: "{{ .spec.image }}"\n              replicas: "{{ .spec.replicas }}"\n`;
  const fetches: FloorFetch[] = [];
  const files: unknown[] = [];

  // 20 local files.
  mkdirSync(join(dir, 'local'));
  for (let i = 0; i < 20; i++) {
    writeFileSync(join(dir, 'local', `f${i}.yaml`), katalog(`f${i}`, 'files.bench.org'));
    files.push(`./local/f${i}.yaml`);
    fetches.push({ kind: 'file', path: join(dir, 'local', `f${i}.yaml`) });
  }

  // 15 HTTPS URLs behind bearer auth.
  const ca = await makeTestCa();
  const token = 'bench-token';
  const bodies = new Map<string, string>();
  for (let i = 0; i < 15; i++) bodies.set(`/u${i}.yaml`, katalog(`u${i}`, 'urls.bench.org'));
  const https = await startHttpsServer(ca, (req, res) => {
    const body = bodies.get(req.url ?? '');
    if (req.headers.authorization !== `Bearer ${token}`) return void res.writeHead(401).end();
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/yaml' }).end(body);
  });
  for (let i = 0; i < 15; i++) {
    files.push({ url: `${https.origin}/u${i}.yaml`, auth: { type: 'bearer', fromEnv: 'BENCH_TOKEN' } });
    fetches.push({ kind: 'get', urls: [`${https.origin}/u${i}.yaml`], headers: { authorization: `Bearer ${token}` } });
  }

  // 10 charts: packaged by helm; 8 served by an HTTP chart repository, 2 pushed to the registry.
  const helm = await getHelm();
  const repoDir = join(dir, 'repo');
  mkdirSync(repoDir);
  for (let i = 0; i < 10; i++) {
    const chart = join(dir, 'charts', `c${i}`);
    mkdirSync(join(chart, 'crds'), { recursive: true });
    writeFileSync(join(chart, 'Chart.yaml'), `apiVersion: v2\nname: c${i}\nversion: 1.0.${i}\n`);
    writeFileSync(join(chart, 'katalog.yaml'), katalog(`c${i}`, 'charts.bench.org').replace(`apiTypes: {group: charts.bench.org, version: v1, kind: Kc${i}, plural: c${i}s}`, `crdFile: crds/c${i}.yaml`));
    writeFileSync(
      join(chart, 'crds', `c${i}.yaml`),
      `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: c${i}s.charts.bench.org\nspec:\n  group: charts.bench.org\n  scope: Namespaced\n` +
        `  names: {kind: Kc${i}, plural: c${i}s, singular: c${i}}\n  versions:\n    - name: v1\n      served: true\n      storage: true\n` +
        `      schema:\n        openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}\n`,
    );
    await helm.run(['package', chart, '-d', repoDir]);
  }
  await helm.run(['repo', 'index', repoDir]);
  const repoServer = await startHttpServer((req, res) => {
    try {
      res.writeHead(200).end(readFileSync(join(repoDir, (req.url ?? '').replace(/^\/+/, '').replace(/\.\./g, ''))));
    } catch {
      res.writeHead(404).end();
    }
  });
  const registry = await startRegistry();
  const helmImports: unknown[] = [];
  for (let i = 0; i < 10; i++) {
    if (i < 8) {
      helmImports.push({ repo: repoServer.origin, chart: `c${i}`, version: `1.0.${i}` });
      fetches.push({ kind: 'get', urls: [`${repoServer.origin}/index.yaml`, `${repoServer.origin}/c${i}-1.0.${i}.tgz`] });
    } else {
      await helm.run(['push', join(repoDir, `c${i}-1.0.${i}.tgz`), `oci://${registry.address}/charts`, '--plain-http']);
      helmImports.push({ repo: `oci://${registry.address}/charts`, chart: `c${i}`, version: `1.0.${i}` });
      fetches.push({ kind: 'oci', registry: registry.address, repository: `charts/c${i}`, tag: `1.0.${i}` });
    }
  }

  // 5 OCI Katalog artifacts.
  const oci: unknown[] = [];
  for (let i = 0; i < 5; i++) {
    await pushArtifact(
      { address: registry.address, repository: `katalogs/o${i}`, tag: '1.0.0' },
      [{ mediaType: KATALOG_LAYER_MEDIA_TYPE, data: katalog(`o${i}`, 'oci.bench.org'), title: 'katalog.yaml' }],
      { artifactType: KATALOG_ARTIFACT_TYPE },
    );
    oci.push({ ref: `${registry.address}/katalogs/o${i}:1.0.0` });
    fetches.push({ kind: 'oci', registry: registry.address, repository: `katalogs/o${i}`, tag: '1.0.0' });
  }

  const { stringify } = await import('yaml');
  writeFileSync(join(dir, 'komposer.yaml'), stringify({ apiVersion: 'orkestra.orkspace.io/v1', kind: 'Komposer', metadata: { name: 'bench' }, imports: { files, helm: helmImports, oci }, spec: { crds: {} } }));
  writeFileSync(join(dir, 'ca.pem'), ca.caCert);
  writeFileSync(join(dir, 'plan.json'), JSON.stringify({ ca: ca.caCert, fetches } satisfies Plan));
  const keys = generateSigningKeyPair();
  writeFileSync(join(dir, 'key.pem'), keys.privateKeyPem);
  writeFileSync(join(dir, 'pub.pem'), keys.publicKeyPem);

  /** Wall seconds of a child (measured here: /usr/bin/time rounds to 10 ms) and its peak RSS in MB (from /usr/bin/time). */
  const timed = async (argv: string[], env: NodeJS.ProcessEnv = {}): Promise<TimedRun> => {
    const out = join(dir, 'time.txt');
    const started = performance.now();
    await run('/usr/bin/time', ['-f', '%M', '-o', out, ...argv], { cwd: dir, env: { PATH: process.env.PATH, ...env }, maxBuffer: 64 * 1024 * 1024 });
    const wall = (performance.now() - started) / 1000;
    const kb = Number(readFileSync(out, 'utf8').trim().split('\n').at(-1));
    return { wall, rssMb: kb / 1024 };
  };
  const resolveArgv = ['resolve', '-f', 'komposer.yaml', '--out', 'bundle', '--key', 'key.pem', '--ca-file', 'ca.pem', '--allow-http-loopback', '--concurrency', String(CONCURRENCY)];

  // Warm-up (page cache, registry), and a check that both paths really work.
  await timed([process.execPath, cliMain, ...resolveArgv], { BENCH_TOKEN: token });
  await timed([process.execPath, self, '--floor', join(dir, 'plan.json')]);
  const ork: TimedRun[] = [];
  const raw: TimedRun[] = [];
  const startup: TimedRun[] = [];
  for (let r = 0; r < rounds; r++) {
    ork.push(await timed([process.execPath, cliMain, ...resolveArgv], { BENCH_TOKEN: token }));
    raw.push(await timed([process.execPath, self, '--floor', join(dir, 'plan.json')]));
    startup.push(await timed([process.execPath, '-e', '0']));
  }
  const bundle = JSON.parse(readFileSync(join(dir, 'bundle', 'bundle.json'), 'utf8')) as { imports: unknown[] };
  if (bundle.imports.length !== 50) throw new Error(`expected 50 imports in the bundle, got ${bundle.imports.length}`);

  // Where the time goes: one in-process resolve with per-import durations by kind.
  const { resolveKomposer } = await import('../resolver/resolve.js');
  const perKind = new Map<string, number[]>();
  const t0 = performance.now();
  await resolveKomposer({
    komposer: 'komposer.yaml', cwd: dir, env: { BENCH_TOKEN: token }, caCertificates: ca.caCert, concurrency: CONCURRENCY,
    sources: { allowHttpLoopback: true },
    onEvent: (e) => {
      const kind = e.label.startsWith('helm:oci') ? 'oci:// chart' : e.label.split(':')[0]!;
      perKind.set(kind, [...(perKind.get(kind) ?? []), e.durationMs]);
    },
  });
  const inProcessResolve = performance.now() - t0;

  // ork verify on a ≈ 5 MB bundle.
  const { signBundle } = await import('../shared/bundle/sign.js');
  const { buildBundlePayload } = await import('../shared/bundle/payload.js');
  const { writeBundleAtomically } = await import('../resolver/bundle-writer.js');
  const { verifyBundle } = await import('../shared/bundle/verify.js');
  const { parsePublicKeyPem } = await import('../shared/bundle/keys.js');
  const crds: Record<string, unknown> = {};
  for (let i = 0; i < 400; i++) {
    crds[`big${i}`] = {
      apiTypes: { group: 'big.bench.org', version: 'v1', kind: `Big${i}`, plural: `big${i}s` },
      operatorBox: { onReconcile: { configMaps: [{ name: '{{ .metadata.name }}', data: { 'page.html': `<p>{{ .spec.title }}</p>${'x'.repeat(12_400)}` } }] } },
    };
  }
  const payload = buildBundlePayload({
    resolverVersion: '0.1.0',
    katalog: { apiVersion: 'orkestra.orkspace.io/v1', kind: 'Katalog', metadata: { name: 'big' }, spec: { crds } } as never,
    crds: [],
    imports: [],
  });
  const signed = signBundle(payload, parsePrivateKeyPem(keys.privateKeyPem, 'key.pem'));
  await writeBundleAtomically(join(dir, 'big'), signed);
  const verifyArgv = [process.execPath, cliMain, 'verify', '--bundle', 'big', '--key', 'pub.pem', '--expected-digest', signed.digest];
  await timed(verifyArgv);
  const verify: TimedRun[] = [];
  const sha: TimedRun[] = [];
  const inProcess: number[] = [];
  const publicKey = parsePublicKeyPem(keys.publicKeyPem, 'pub.pem');
  for (let r = 0; r < rounds; r++) {
    verify.push(await timed(verifyArgv));
    sha.push(await timed(['openssl', 'dgst', '-sha256', join(dir, 'big', 'bundle.json')]));
    const t0 = performance.now();
    verifyBundle({ bundleBytes: signed.bundleBytes, envelopeBytes: signed.envelopeBytes, publicKey, expectedDigest: signed.digest });
    inProcess.push(performance.now() - t0);
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const summary = (xs: TimedRun[]) => ({ wallMs: median(xs.map((x) => x.wall)) * 1000, rssMb: median(xs.map((x) => x.rssMb)), roundsMs: xs.map((x) => Math.round(x.wall * 1000)) });
  const result: ResolveBench = {
    imports: 50, concurrency: CONCURRENCY, rounds, cli: cliMain.includes('/bundle/') ? 'bundled' : 'compiled',
    nodeStart: summary(startup), floor: summary(raw), resolve: summary(ork),
    ratio: median(ork.map((x) => x.wall)) / median(raw.map((x) => x.wall)),
    inProcessResolveMs: inProcessResolve,
    perKindMs: Object.fromEntries([...perKind].map(([kind, xs]) => [kind, { count: xs.length, medianMs: median(xs) }])),
    verify: { bundleMiB: signed.bundleBytes.length / 1024 / 1024, sha256: summary(sha), ork: summary(verify), inProcessMs: median(inProcess) },
  };
  printResolve(result);
  if (jsonAt >= 0) writeFileSync(args[jsonAt + 1]!, `${JSON.stringify(result, null, 2)}\n`);

  await https.close();
  await repoServer.close();
  await ca.remove();
  await runTeardowns();
}

/** The tables `make bench-resolve` prints. */
function printResolve(r: ResolveBench): void {
  const row = (name: string, x: ResolveBench['floor']) => `| ${name} | ${x.wallMs.toFixed(0)} ms | ${x.rssMb.toFixed(0)} MB |`;
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; ${r.rounds} rounds, medians; ork = ${r.cli} CLI`);
  console.log(`\n50 imports (20 files, 15 HTTPS URLs, 8 HTTP-repo charts, 2 oci:// charts, 5 OCI artifacts), concurrency ${r.concurrency}\n`);
  console.log('| path | wall | peak RSS |\n|---|---|---|');
  console.log(row('`node -e 0` (process start)', r.nodeStart));
  console.log(row('plain undici, same 50 fetches, no checks (floor)', r.floor));
  console.log(row('`ork resolve` (fetch, verify, validate, merge, sign, write)', r.resolve));
  console.log(`\nork resolve / floor: ${r.ratio.toFixed(2)}×`);
  console.log(`\nin process: resolveKomposer ${r.inProcessResolveMs.toFixed(0)} ms; per-import fetch time (median, with ${r.concurrency} in flight):`);
  for (const [kind, x] of Object.entries(r.perKindMs)) console.log(`  ${kind.padEnd(13)} ${String(x.count).padStart(2)} × ${x.medianMs.toFixed(0)} ms`);
  console.log(`\nverify a ${r.verify.bundleMiB.toFixed(1)} MiB bundle\n`);
  console.log('| path | wall | peak RSS |\n|---|---|---|');
  console.log(row('`openssl dgst -sha256 bundle.json` (floor: hash only)', r.verify.sha256));
  console.log(row('`ork verify --expected-digest` (child process)', r.verify.ork));
  console.log(`| verifyBundle in process (read excluded) | ${r.verify.inProcessMs.toFixed(1)} ms | – |`);
}
