// Lays out what one corpus case describes: its files in a fresh working directory, its routes on
// the HTTPS server (under a path of its own), its charts as a Helm repository there, its artifacts
// pushed to the real registries, and its tampered bundle. Returns the ${…} variables it uses.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { CRD_LAYER_MEDIA_TYPE, KATALOG_ARTIFACT_TYPE, KATALOG_LAYER_MEDIA_TYPE, KATALOG_TAR_LAYER_MEDIA_TYPE } from '../../resolver/sources/oci.js';
import { pushArtifact } from '../fixtures/oci/push.js';
import { tempDir } from '../support/tools.js';
import { applyBundleOps } from './bundle-ops.js';
import { expandDeep, type CaseFile, type CorpusCase, type Route } from './case-format.js';
import type { CorpusWorld } from './corpus-world.js';
import { tarGz } from './tar-writer.js';

const MEDIA: Record<string, string> = {
  katalog: KATALOG_LAYER_MEDIA_TYPE,
  crd: CRD_LAYER_MEDIA_TYPE,
  'katalog-tar': KATALOG_TAR_LAYER_MEDIA_TYPE,
  chart: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
};
const ARTIFACT: Record<string, string> = { katalog: KATALOG_ARTIFACT_TYPE };
const CONFIG: Record<string, string> = { helm: 'application/vnd.cncf.helm.config.v1+json' };

export interface Laid {
  dir: string;
  tmp: string;
  vars: Record<string, string>;
}

/** The variables a case may use before anything is laid out. */
export function caseVars(cw: CorpusWorld, c: CorpusCase, dir: string, extra: Record<string, string>): Record<string, string> {
  const slug = c.id.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  const w = cw.world;
  return {
    DIR: dir,
    CASE: slug,
    HTTPS: w.url(`/corpus/${slug}`),
    ORIGIN: w.https.origin,
    REGISTRY: w.registry.address,
    AUTH_REGISTRY: w.authRegistry.address,
    OUT: join(dir, 'out'),
    TERM: join(dir, 'termination-log'),
    BUNDLE: join(dir, 'bundle'),
    KEY: w.privateKey,
    PUB: w.publicKey,
    OTHER_PUB: w.otherPublicKey,
    CA: w.caFile,
    HELM: w.helm.helm,
    SECRET: cw.secret,
    REG_PASS: cw.world.env.REG_PASS!,
    KUBECONFIG: join(dir, 'no-kubeconfig'),
    NS: 'default',
    ...extra,
  };
}

function writeFile(path: string, file: CaseFile): void {
  mkdirSync(dirname(path), { recursive: true });
  if (typeof file === 'string') writeFileSync(path, file);
  else if ('base64' in file) writeFileSync(path, Buffer.from(file.base64, 'base64'));
  else if ('fifo' in file) execFileSync('mkfifo', [path]);
  else if ('symlink' in file) symlinkSync(file.symlink, path);
  else if ('dir' in file) mkdirSync(path, { recursive: true });
  else if ('zeros' in file) writeFileSync(path, Buffer.alloc(file.zeros));
  else if ('archive' in file) writeFileSync(path, tarGz(file.archive));
}

function echoKatalog(header: string): string {
  const quoted = JSON.stringify(header);
  return `apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: echo}\nspec:\n  crds:\n    echo:\n      apiTypes: {group: e.example.org, version: v1, kind: Echo, plural: echos}\n      ${quoted}: true\n`;
}

function handler(route: Route, cw: CorpusWorld): (req: IncomingMessage, res: ServerResponse) => void {
  const env = cw.world.env;
  const wanted: Record<string, string> = {
    bearer: `Bearer ${env.BEARER_TOKEN}`,
    github: `Bearer ${env.GITHUB_TOKEN}`,
    basic: `Basic ${Buffer.from(`${env.BASIC_USER}:${env.BASIC_PASS}`).toString('base64')}`,
  };
  const body = route.archive ? tarGz(route.archive) : route.bytes !== undefined ? Buffer.alloc(route.bytes, 'x') : Buffer.from(route.body ?? '', 'utf8');
  return (req, res) => {
    const answer = (): void => {
      if (route.echoAuth) {
        if (!req.headers.authorization) return void res.writeHead(401, { 'www-authenticate': 'Bearer realm="corpus"' }).end();
        return void res.writeHead(200).end(echoKatalog(req.headers.authorization));
      }
      if (route.auth && req.headers.authorization !== wanted[route.auth]) return void res.writeHead(401, { 'www-authenticate': 'Bearer realm="corpus"' }).end('no');
      res.writeHead(route.status ?? 200, route.headers ?? {}).end(body);
    };
    if (route.delayMs) setTimeout(answer, route.delayMs);
    else answer();
  };
}

function serveCharts(c: CorpusCase, cw: CorpusWorld, base: string, origin: string): void {
  const entries: Record<string, object[]> = {};
  for (const [name, chart] of Object.entries(c.charts ?? {})) {
    const files = { 'Chart.yaml': `apiVersion: v2\nname: ${name}\nversion: ${chart.version}\n`, ...chart.files };
    const tgz = tarGz(chart.archive ?? { entries: Object.entries(files).map(([p, body]) => ({ path: `${name}/${p}`, body })) });
    const file = `${name}-${chart.version}.tgz`;
    cw.world.route(`${base}/charts/${file}`, (_req, res) => void res.writeHead(200).end(tgz));
    const digest = createHash('sha256').update(tgz).digest('hex');
    entries[name] = [{ apiVersion: 'v2', name, version: chart.version, digest, urls: [`${origin}${base}/charts/${file}`] }];
  }
  const index = stringify({ apiVersion: 'v1', entries });
  cw.world.route(`${base}/charts/index.yaml`, (_req, res) => void res.writeHead(200).end(index));
}

async function pushOci(c: CorpusCase, cw: CorpusWorld): Promise<void> {
  for (const push of c.oci ?? []) {
    const auth = push.registry === 'auth';
    const w = cw.world;
    await pushArtifact(
      {
        address: auth ? w.authRegistry.address : w.registry.address,
        repository: push.repo,
        tag: push.tag,
        ...(auth ? { basic: `${w.env.REG_USER}:${w.env.REG_PASS}` } : {}),
      },
      push.layers.map((l) => ({
        mediaType: MEDIA[l.media] ?? l.media,
        data: l.archive ? tarGz(l.archive) : (l.body ?? ''),
        ...(l.title ? { title: l.title } : {}),
      })),
      {
        ...(push.artifactType ? { artifactType: ARTIFACT[push.artifactType] ?? push.artifactType } : {}),
        ...(push.configMediaType ? { configMediaType: CONFIG[push.configMediaType] ?? push.configMediaType } : {}),
      },
    );
  }
}

/** Everything the case needs, in a fresh directory; `extra` adds variables (the cluster's). */
export async function layOut(raw: CorpusCase, cw: CorpusWorld, extra: Record<string, string> = {}): Promise<{ c: CorpusCase; laid: Laid }> {
  const dir = tempDir('corpus');
  const tmp = join(dir, '.tmp');
  mkdirSync(tmp);
  const vars = caseVars(cw, raw, dir, extra);
  const c = expandDeep(raw, vars, raw.id);
  for (const [name, file] of Object.entries(c.files ?? {})) writeFile(join(dir, name), file);
  const base = new URL(vars.HTTPS!).pathname;
  if (c.charts) serveCharts(c, cw, base, vars.ORIGIN!);
  for (const [path, route] of Object.entries(c.serve ?? {})) cw.world.route(`${base}${path}`, handler(route, cw));
  await pushOci(c, cw);
  if (c.bundle) {
    cpSync(cw.goodBundle, vars.BUNDLE!, { recursive: true });
    applyBundleOps(vars.BUNDLE!, c.bundle, cw.keys);
  }
  if (c.oldBundle) cpSync(cw.goodBundle, vars.OUT!, { recursive: true });
  return { c, laid: { dir, tmp, vars } };
}
