// The end-to-end tests' world: a fixture Katalog copied with a CRD group of its own, resolved and
// signed into a bundle directory with an ephemeral key (as `ork run` does), and the WHOLE
// controller (startController: informers, queues, workers, cache reader) running in-process
// against the test cluster — through a KubeClient wrapper that records every write it makes.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createKubeClient, type HttpKubeClient } from '../../../cli/kube/http-client.js';
import { loadKubeConfig } from '../../../cli/kube/config.js';
import type { KubeClient, KubeObject } from '../../../shared/kube/index.js';
import { startController, type RunningController } from '../../../controller/run.js';
import { writeBundleAtomically } from '../../../resolver/bundle-writer.js';
import { resolveKomposer, type ResolveOptions } from '../../../resolver/resolve.js';
import { generateSigningKeyPair, parsePrivateKeyPem } from '../../../shared/bundle/keys.js';
import { signBundle } from '../../../shared/bundle/sign.js';
import { getTestCluster, type TestCluster } from '../../support/cluster.js';
import { repoRoot, tempDir } from '../../support/tools.js';
import { poll as pollEvery } from '../../support/poll.js';
import { memoryLogger, type LogLine } from '../../support/memory-logger.js';

/** The group every fixture CRD is written in; each world replaces it with one of its own. */
export const FIXTURE_GROUP = 'e2e.orkspace.test';

let worlds = 0;

/** A fixture directory under test/fixtures/controller/, copied with a unique CRD group. */
export function fixtureCopy(name: string): { dir: string; group: string } {
  const group = `e2e${process.pid}x${++worlds}.orkspace.test`;
  const dir = tempDir(`e2e-${name}`);
  cpSync(join(repoRoot, 'test/fixtures/controller', name), dir, { recursive: true });
  for (const file of readdirSync(dir)) {
    const path = join(dir, file);
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll(FIXTURE_GROUP, group));
  }
  return { dir, group };
}

export interface SignedBundleDir {
  bundleDir: string;
  publicKeyPath: string;
  digest: string;
  /** Where the bundle and key live (a temp dir removed at the end of the run). */
  dir: string;
}

/** Resolve → sign with a throw-away key → write atomically, like `ork run`. */
export async function resolveToBundle(options: Omit<ResolveOptions, 'env'> & { env?: ResolveOptions['env']; configChecksum?: string }): Promise<SignedBundleDir> {
  const { configChecksum, ...resolveOptions } = options;
  const resolution = await resolveKomposer({ env: {}, ...resolveOptions });
  const keys = generateSigningKeyPair();
  const signed = signBundle(resolution.payload, parsePrivateKeyPem(keys.privateKeyPem, 'ephemeral key'), { configChecksum, issuedAt: new Date() });
  const dir = tempDir('e2e-bundle');
  const bundleDir = join(dir, 'bundle');
  await writeBundleAtomically(bundleDir, signed);
  const publicKeyPath = join(dir, 'public.pem');
  await writeFile(publicKeyPath, keys.publicKeyPem);
  return { bundleDir, publicKeyPath, digest: signed.digest, dir };
}

/** One write the controller sent to the API server. */
export interface Write {
  verb: 'apply' | 'applyStatus' | 'create' | 'patch' | 'delete' | 'request';
  /** `Kind ns/name`, or the path of a raw request. */
  target: string;
}

/** Forwards every call to `inner`, recording the writes (and, given `gets`, each object GET as `Kind ns/name`). */
export function recordingClient(inner: KubeClient, writes: Write[], gets?: string[]): KubeClient {
  const named = (o: KubeObject) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  return {
    resourceFor: (a, k) => inner.resourceFor(a, k),
    invalidateDiscovery: (apiVersions) => inner.invalidateDiscovery(apiVersions),
    get: (r, ns, n) => { gets?.push(`${r.kind} ${ns ?? ''}/${n}`); return inner.get(r, ns, n); },
    list: (r, o) => inner.list(r, o),
    watch: (r, o, on, s) => inner.watch(r, o, on, s),
    apply: (o, opts) => { writes.push({ verb: 'apply', target: named(o) }); return inner.apply(o, opts); },
    applyStatus: (o, opts) => { writes.push({ verb: 'applyStatus', target: named(o) }); return inner.applyStatus(o, opts); },
    create: (o, opts) => { writes.push({ verb: 'create', target: named(o) }); return inner.create(o, opts); },
    patch: (r, ns, n, p, t, opts) => {
      writes.push({ verb: 'patch', target: `${r.kind} ${ns ?? ''}/${n}${opts?.subresource ? `/${opts.subresource}` : ''}` });
      return inner.patch(r, ns, n, p, t, opts);
    },
    delete: (r, ns, n, opts) => { writes.push({ verb: 'delete', target: `${r.kind} ${ns ?? ''}/${n}` }); return inner.delete(r, ns, n, opts); },
    request: (method, path, body, type) => {
      if (method !== 'GET') writes.push({ verb: 'request', target: `${method} ${path}` });
      return inner.request(method, path, body, type);
    },
    close: () => inner.close(),
  };
}

export { memoryLogger, type LogLine };

export interface World {
  cluster: TestCluster;
  group: string;
  bundle: SignedBundleDir;
  /** Writes made by every controller this world started, in order. */
  writes: Write[];
  /** Object GETs (`KubeClient.get`) of those controllers, as `Kind ns/name`. */
  gets: string[];
  logs: LogLine[];
  controller: RunningController | undefined;
  /** Starts a controller on the world's bundle (stopping a running one first); resolves when ready. */
  start(): Promise<RunningController>;
  stop(): Promise<void>;
  /** Stops the controller and closes the client: for `after` hooks. */
  close(): Promise<void>;
  /** `/apis/<group>/v1/namespaces/<ns>/<plural>[/<name>]` */
  crPath(plural: string, ns: string, name?: string): string;
}

/** A world on a fixture Katalog; the controller is not started yet. */
export async function fixtureWorld(fixture: string): Promise<World> {
  const { dir, group } = fixtureCopy(fixture);
  const bundle = await resolveToBundle({ komposer: join(dir, 'katalog.yaml'), cwd: dir });
  return worldOn(bundle, group);
}

export async function worldOn(bundle: SignedBundleDir, group: string): Promise<World> {
  const cluster = await getTestCluster();
  const http: HttpKubeClient = createKubeClient(loadKubeConfig({ env: {}, path: cluster.kubeconfigPath }), { userAgent: 'orkestra-e2e' });
  const writes: Write[] = [];
  const gets: string[] = [];
  const logs: LogLine[] = [];
  const kube = recordingClient(http, writes, gets);
  const world: World = {
    cluster,
    group,
    bundle,
    writes,
    gets,
    logs,
    controller: undefined,
    async start() {
      await world.stop();
      world.controller = await startController({
        bundleDir: bundle.bundleDir,
        publicKeyPath: bundle.publicKeyPath,
        expectedDigest: bundle.digest,
        env: {},
        logger: memoryLogger(logs),
        kube,
      });
      return world.controller;
    },
    async stop() {
      const running = world.controller;
      world.controller = undefined;
      await running?.stop();
    },
    async close() {
      await world.stop();
      await http.close();
    },
    crPath: (plural, ns, name) => `/apis/${group}/v1/namespaces/${ns}/${plural}${name ? `/${name}` : ''}`,
  };
  return world;
}

/** Polls `fn` every 50 ms until it returns something other than undefined. */
export function poll<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined>): Promise<T> {
  return pollEvery(what, timeoutMs, fn, 50);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
  observedGeneration?: number;
  lastTransitionTime?: string;
}

export function readyOf(cr: { status?: { conditions?: Condition[] } } | undefined): Condition | undefined {
  return cr?.status?.conditions?.find((c) => c.type === 'Ready');
}
