// The acceptance suite's world, built once per test run and shared by every file under e2e/: an
// HTTPS server with a throw-away CA (bearer, github and basic auth, fault routes), a plain-HTTP Helm
// chart repository of charts packaged by the real `helm`, a real docker-registry holding an `oci://`
// chart pushed by the real `helm push` and a Katalog artifact, a second registry behind htpasswd,
// a signing key pair, and Komposer files on disk. Everything listens on 127.0.0.1 and is stopped
// at the end of the run (registries by their recorded PIDs through registry.sh).
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSigningKeyPair } from '../../../shared/bundle/keys.js';
import { CRD_LAYER_MEDIA_TYPE, KATALOG_ARTIFACT_TYPE, KATALOG_LAYER_MEDIA_TYPE } from '../../../resolver/sources/oci.js';
import { pushArtifact } from '../../fixtures/oci/push.js';
import { makeTestCa, startHttpServer, startHttpsServer, type Handler, type TestCa, type TestServer } from '../../support/https-server.js';
import { startRegistry, type TestRegistry } from '../../support/registry.js';
import { onTeardown } from '../../support/teardown.js';
import { getHelm, tempDir, type HelmTool } from '../../support/tools.js';

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/', import.meta.url));
export const chartsDir = join(fixtures, 'charts');
export const resolverFixtures = join(fixtures, 'resolver');

export interface World {
  /** Working directory of every run: holds the Komposers, local imports, keys and the CA file. */
  dir: string;
  ca: TestCa;
  caFile: string;
  /** HTTPS server; routes are added with `route`/`serve`. */
  https: TestServer;
  /** Plain-HTTP chart repository on loopback: `/repo/` (helm-packaged) and `/evil/` (hand-made). */
  charts: TestServer;
  chartRepoDir: string;
  registry: TestRegistry;
  authRegistry: TestRegistry;
  helm: HelmTool;
  privateKey: string;
  publicKey: string;
  otherPublicKey: string;
  /** Every credential the world hands out, in every encoding a leak could take. */
  secrets: string[];
  /** Environment with every credential set: what a successful run gets. */
  env: Record<string, string>;
  /** Replace what a path on the HTTPS server answers. */
  route(path: string, handler: Handler): void;
  /** Serve a body at a path, optionally only to an exact Authorization header. */
  serve(path: string, body: string | Buffer, opts?: { authorization?: string; delayMs?: () => number }): void;
  /** `${https.origin}${path}` */
  url(path: string): string;
  /** Digest-stable manifest of the open registry's Katalog artifact. */
  artifactDigest: string;
}

const token = (prefix: string) => `${prefix}-${randomBytes(12).toString('hex')}`;

/** A small Katalog with one CRD entry (apiTypes only) and optional extra YAML under the entry. */
export function katalogYaml(name: string, crd: string, group: string, kind: string, extra = ''): string {
  return [
    'apiVersion: orkestra.orkspace.io/v1',
    'kind: Katalog',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  crds:',
    `    ${crd}:`,
    `      apiTypes: {group: ${group}, version: v1, kind: ${kind}, plural: ${kind.toLowerCase()}s}`,
    ...(extra ? [extra.replace(/^/gm, '      ')] : []),
    '',
  ].join('\n');
}

let built: Promise<World> | undefined;

/** The shared world; the first caller builds it (≈ a few seconds), later callers reuse it. */
export function getWorld(): Promise<World> {
  built ??= buildWorld();
  return built;
}

async function buildWorld(): Promise<World> {
  const dir = tempDir('e2e-world');
  const ca = await makeTestCa();
  onTeardown('remove e2e CA', () => ca.remove(), () => undefined);
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, ca.caCert);

  const routes = new Map<string, Handler>();
  const dispatch: Handler = (req, res) => {
    const path = new URL(req.url ?? '/', 'https://x').pathname;
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404).end('not found');
  };
  const https = await startHttpsServer(ca, dispatch);
  onTeardown('close e2e https server', () => https.close(), () => undefined);

  const secrets = {
    bearer: token('bearer-s3cret'),
    github: token('ghp_s3cret'),
    basicUser: 'katalog-reader',
    basicPass: token('basic-pa55'),
    regUser: 'registry-puller',
    regPass: token('registry-pa55'),
  };
  const env = {
    BEARER_TOKEN: secrets.bearer,
    GITHUB_TOKEN: secrets.github,
    BASIC_USER: secrets.basicUser,
    BASIC_PASS: secrets.basicPass,
    REG_USER: secrets.regUser,
    REG_PASS: secrets.regPass,
  };
  const basicHeader = `Basic ${Buffer.from(`${secrets.basicUser}:${secrets.basicPass}`).toString('base64')}`;
  const regBasic = Buffer.from(`${secrets.regUser}:${secrets.regPass}`).toString('base64');

  const serve: World['serve'] = (path, body, opts = {}) => {
    routes.set(path, (req, res) => {
      const answer = () => {
        if (opts.authorization !== undefined) {
          const got = req.headers.authorization;
          if (got === undefined) return void res.writeHead(401, { 'www-authenticate': 'Bearer realm="test"' }).end('credentials required');
          if (got !== opts.authorization) return void res.writeHead(401).end('bad credentials');
        }
        res.writeHead(200, { 'content-type': 'application/yaml' }).end(body);
      };
      const delay = opts.delayMs?.() ?? 0;
      if (delay > 0) setTimeout(answer, delay);
      else answer();
    });
  };

  // Remote Katalogs, one CRD each, behind each kind of auth.
  serve('/bearer/katalog.yaml', katalogYaml('caches', 'cache', 'cache.example.org', 'Cache'), { authorization: `Bearer ${secrets.bearer}` });
  serve('/github/katalog.yaml', katalogYaml('queues', 'queue', 'queue.example.org', 'Queue'), { authorization: `Bearer ${secrets.github}` });
  serve('/basic/katalog.yaml', katalogYaml('buckets', 'bucket', 'storage.example.org', 'Bucket'), { authorization: basicHeader });
  // 403 for a valid token without access; 404 for a missing file behind auth.
  routes.set('/github/forbidden.yaml', (req, res) => {
    if (req.headers.authorization === `Bearer ${secrets.github}`) return void res.writeHead(403).end('no access');
    res.writeHead(401).end();
  });

  // Charts: packaged and indexed by the real helm, served over plain HTTP on loopback.
  const helm = await getHelm();
  const chartRepoDir = join(dir, 'chart-repo');
  const evilDir = join(dir, 'chart-evil');
  mkdirSync(chartRepoDir);
  mkdirSync(evilDir);
  for (const chart of ['platform-crds', 'templated-katalog']) await helm.run(['package', join(chartsDir, chart), '-d', chartRepoDir]);
  await helm.run(['repo', 'index', chartRepoDir]);
  const charts = await startHttpServer(staticHandler({ '/repo/': chartRepoDir, '/evil/': evilDir }));
  onTeardown('close e2e chart server', () => charts.close(), () => undefined);

  // Registries: an open one (helm push, Katalog artifact) and one behind htpasswd.
  const [registry, authRegistry] = await Promise.all([
    startRegistry(),
    startRegistry({ htpasswd: { user: secrets.regUser, password: secrets.regPass } }),
  ]);
  await helm.run(['push', join(chartRepoDir, 'templated-katalog-0.1.0.tgz'), `oci://${registry.address}/charts`, '--plain-http']);
  const artifactDir = join(fixtures, 'oci', 'artifact');
  const pushed = await pushArtifact(
    { address: registry.address, repository: 'orkestra/postgres', tag: '1.4.0' },
    [
      { mediaType: KATALOG_LAYER_MEDIA_TYPE, data: readFileSync(join(artifactDir, 'katalog.yaml')), title: 'katalog.yaml' },
      { mediaType: CRD_LAYER_MEDIA_TYPE, data: readFileSync(join(artifactDir, 'crds', 'database.yaml')), title: 'crds/database.yaml' },
    ],
    { artifactType: KATALOG_ARTIFACT_TYPE },
  );
  await pushArtifact(
    { address: authRegistry.address, repository: 'private/backup', tag: '1.0.0', basic: `${secrets.regUser}:${secrets.regPass}` },
    [{ mediaType: KATALOG_LAYER_MEDIA_TYPE, data: katalogYaml('backups', 'backup', 'data.example.org', 'Backup', 'dependsOn: {database: started}'), title: 'katalog.yaml' }],
    { artifactType: KATALOG_ARTIFACT_TYPE },
  );

  const keys = generateSigningKeyPair();
  const other = generateSigningKeyPair();
  mkdirSync(join(dir, 'keys'));
  writeFileSync(join(dir, 'keys', 'private.pem'), keys.privateKeyPem, { mode: 0o600 });
  writeFileSync(join(dir, 'keys', 'public.pem'), keys.publicKeyPem);
  writeFileSync(join(dir, 'keys', 'other-public.pem'), other.publicKeyPem);

  const world: World = {
    dir,
    ca,
    caFile,
    https,
    charts,
    chartRepoDir,
    registry,
    authRegistry,
    helm,
    privateKey: join(dir, 'keys', 'private.pem'),
    publicKey: join(dir, 'keys', 'public.pem'),
    otherPublicKey: join(dir, 'keys', 'other-public.pem'),
    secrets: [secrets.bearer, secrets.github, secrets.basicPass, secrets.regPass, basicHeader.slice('Basic '.length), regBasic],
    env,
    route: (path, handler) => void routes.set(path, handler),
    serve,
    url: (path) => `${https.origin}${path}`,
    artifactDigest: pushed.manifestDigest,
  };
  writeTree(world);
  for (const name of readdirSync(join(resolverFixtures, 'remote')).sort()) {
    serve(`/public/${name}`, readFileSync(join(resolverFixtures, 'remote', name)));
  }
  return world;
}

/** Copies test/fixtures/resolver into the world dir, filling in the servers' addresses. */
function writeTree(world: World): void {
  const vars: Record<string, string> = {
    HTTPS: world.https.origin,
    CHARTS: world.charts.origin,
    REGISTRY: world.registry.address,
    AUTH_REGISTRY: world.authRegistry.address,
  };
  for (const rel of listFiles(resolverFixtures).filter((f) => !f.startsWith('remote/'))) {
    const text = readFileSync(join(resolverFixtures, rel), 'utf8').replace(/\$\{(\w+)\}/g, (m, name: string) => vars[name] ?? m);
    mkdirSync(dirname(join(world.dir, rel)), { recursive: true });
    writeFileSync(join(world.dir, rel), text);
  }
}

function listFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  const entries = readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(root, path));
    else out.push(path);
  }
  return out;
}

/** Serves files from directories by URL prefix. */
export function staticHandler(routes: Record<string, string>): Handler {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const prefix = Object.keys(routes).find((p) => path.startsWith(p));
    if (prefix === undefined) return void res.writeHead(404).end('not found');
    const rel = normalize(decodeURIComponent(path.slice(prefix.length)));
    if (rel.startsWith('..')) return void res.writeHead(400).end();
    try {
      res.writeHead(200).end(readFileSync(join(routes[prefix]!, rel)));
    } catch {
      res.writeHead(404).end('not found');
    }
  };
}

/** Copies a file into the world (for tests that need a variant of a fixture). */
export function copyInto(world: World, from: string, rel: string): string {
  const to = join(world.dir, rel);
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  return to;
}
