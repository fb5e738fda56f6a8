// resolveKomposer, the runner, against local files and a plain-HTTP server on 127.0.0.1: what is
// fetched (declared imports, CRD files beside them, the Komposer's own remote crdFile) and in which
// order it is recorded, the concurrency bound as the server sees it, order-independence of the
// payload, progress events, path confinement, and cancellation.
import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { FetchEvent } from '../../resolver/fetch-all.js';
import { resolveKomposer, type ResolveOptions } from '../../resolver/resolve.js';
import { OrkError } from '../../shared/errors.js';
import { startHttpServer, type TestServer } from '../support/https-server.js';
import { tempDir } from '../support/tools.js';

const katalog = (crd: string, kind: string, extra = '') => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: ${crd}s
spec:
  crds:
    ${crd}:
${extra || `      apiTypes: {group: run.example.org, version: v1, kind: ${kind}, plural: ${crd}s}`}
`;

const crdManifest = (plural: string, kind: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${plural}.run.example.org
spec:
  group: run.example.org
  scope: Namespaced
  names: {kind: ${kind}, plural: ${plural}, singular: ${kind.toLowerCase()}}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
`;

const komposer = (imports: string, crds = '{}') => `apiVersion: orkestra.orkspace.io/v1
kind: Komposer
metadata:
  name: runner
imports:
${imports}
spec:
  crds: ${crds}
`;

describe('resolver/resolve (resolveKomposer)', function () {
  this.timeout(30_000);
  const dir = tempDir('resolve');
  let server: TestServer;
  const served = new Map<string, { body: string; delayMs: number; auth?: string }>();
  let inFlight = 0;
  let maxInFlight = 0;

  before(async () => {
    server = await startHttpServer((req: IncomingMessage, res: ServerResponse) => {
      const item = served.get(new URL(req.url ?? '/', 'http://x').pathname);
      if (!item) return void res.writeHead(404).end();
      if (item.auth && req.headers.authorization !== item.auth) return void res.writeHead(401).end();
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200).end(item.body);
      }, item.delayMs);
    });
    for (let i = 0; i < 10; i++) served.set(`/k${i}.yaml`, { body: katalog(`k${i}`, `K${i}`), delayMs: 0 });
    served.set('/secured/katalog.yaml', { body: katalog('sec', 'Sec', '      crdFile: crds/secs.yaml'), delayMs: 0, auth: 'Bearer run-token' });
    served.set('/secured/crds/secs.yaml', { body: crdManifest('secs', 'Sec'), delayMs: 0, auth: 'Bearer run-token' });
    served.set('/own/widgets.yaml', { body: crdManifest('widgets', 'Widget'), delayMs: 0 });
    mkdirSync(join(dir, 'local', 'crds'), { recursive: true });
    writeFileSync(join(dir, 'local', 'katalog.yaml'), katalog('loc', 'Loc', '      crdFile: crds/locs.yaml'));
    writeFileSync(join(dir, 'local', 'crds', 'locs.yaml'), crdManifest('locs', 'Loc'));
    mkdirSync(join(dir, 'nested'));
    writeFileSync(join(dir, 'plain-katalog.yaml'), katalog('plain', 'Plain'));
  });
  after(async () => {
    await server.close();
  });

  const base = (file: string, extra: Partial<ResolveOptions> = {}): ResolveOptions => ({ komposer: file, cwd: dir, env: {}, sources: { allowHttpLoopback: true }, ...extra });

  it('resolves a plain Katalog (no imports) to a payload with no imports', async () => {
    const got = await resolveKomposer(base('plain-katalog.yaml'));
    expect(got.imports).to.deep.equal([]);
    expect(Object.keys(got.payload.katalog.spec.crds)).to.deep.equal(['plain']);
  });

  it('records the Komposer\'s own remote crdFile first, then declared imports, then CRD files found beside them', async () => {
    writeFileSync(
      join(dir, 'order.yaml'),
      komposer(
        `  files:\n    - ./local/katalog.yaml\n    - url: ${server.origin}/secured/katalog.yaml\n      auth: {type: bearer, fromEnv: RUN_TOKEN}\n    - ${server.origin}/k0.yaml`,
        `{widget: {crdFile: "${server.origin}/own/widgets.yaml"}}`,
      ),
    );
    const got = await resolveKomposer(base('order.yaml', { env: { RUN_TOKEN: 'run-token' } }));
    expect(got.imports.map((i) => i.source)).to.deep.equal([
      `url:${server.origin}/own/widgets.yaml`,
      'file:./local/katalog.yaml',
      `url:${server.origin}/secured/katalog.yaml`,
      `url:${server.origin}/k0.yaml`,
      'file:./local/crds/locs.yaml',
      `url:${server.origin}/secured/crds/secs.yaml`,
    ]);
    expect(got.payload.crds.map((c) => c.metadata.name)).to.deep.equal(['locs.run.example.org', 'secs.run.example.org', 'widgets.run.example.org']);
    expect(Object.keys(got.payload.katalog.spec.crds).sort()).to.deep.equal(['k0', 'loc', 'sec', 'widget']);
    // The CRD file beside the secured import was fetched with the import's credentials.
    const beside = server.requests.filter((r) => r.path === '/secured/crds/secs.yaml');
    expect(beside.map((r) => r.headers.authorization)).to.deep.equal(['Bearer run-token']);
  });

  it('keeps at most `concurrency` requests at the server and gives the same payload for 1, 3 and 10', async () => {
    writeFileSync(join(dir, 'many.yaml'), komposer(`  files:\n${Array.from({ length: 10 }, (_, i) => `    - ${server.origin}/k${i}.yaml`).join('\n')}`));
    const payloads = [];
    for (const [concurrency, reversed] of [[1, false], [3, true], [10, true]] as const) {
      for (let i = 0; i < 10; i++) served.get(`/k${i}.yaml`)!.delayMs = 60 + (reversed ? 10 - i : i) * 20;
      maxInFlight = 0;
      const events: FetchEvent[] = [];
      const got = await resolveKomposer(base('many.yaml', { concurrency, onEvent: (e) => events.push(e) }));
      expect(maxInFlight, `concurrency ${concurrency}`).to.equal(concurrency);
      expect(events.map((e) => e.type)).to.deep.equal(Array(10).fill('fetched'));
      if (reversed && concurrency === 10) expect(events[0]!.index, 'the last declared finished first').to.equal(9);
      payloads.push(JSON.stringify(got.payload));
    }
    for (let i = 0; i < 10; i++) served.get(`/k${i}.yaml`)!.delayMs = 0;
    expect(payloads[1]).to.equal(payloads[0]);
    expect(payloads[2]).to.equal(payloads[0]);
  });

  it('reads a ../ YAML import as upstream does; refuses an absolute one outside the tree unless allowOutsidePaths', async () => {
    writeFileSync(join(dir, 'nested', 'komposer.yaml'), komposer('  files: [../plain-katalog.yaml]'));
    const up = await resolveKomposer(base('nested/komposer.yaml'));
    expect(up.imports.map((i) => i.source)).to.deep.equal(['file:../plain-katalog.yaml']);
    writeFileSync(join(dir, 'nested', 'absolute.yaml'), komposer(`  files: [${join(dir, 'plain-katalog.yaml')}]`));
    let caught: unknown;
    await resolveKomposer(base('nested/absolute.yaml')).catch((e) => (caught = e));
    expect((caught as OrkError).code).to.equal('IMPORT_INVALID');
    const got = await resolveKomposer(base('nested/absolute.yaml', { allowOutsidePaths: true }));
    expect(got.imports.map((i) => i.source)).to.deep.equal([`file:${join(dir, 'plain-katalog.yaml')}`]);
  });

  it('stops under an aborted signal with IMPORT_TIMEOUT, without waiting for slow servers', async () => {
    served.set('/slow.yaml', { body: katalog('slow', 'Slow'), delayMs: 5_000 });
    writeFileSync(join(dir, 'slow.yaml'), komposer(`  files: ["${server.origin}/slow.yaml"]`));
    const started = performance.now();
    let caught: unknown;
    await resolveKomposer(base('slow.yaml', { signal: AbortSignal.timeout(200) })).catch((e) => (caught = e));
    expect(caught).to.be.instanceOf(OrkError);
    expect((caught as OrkError).code).to.equal('IMPORT_TIMEOUT');
    expect(performance.now() - started).to.be.below(2_000);
  });

  it('reports an invalid Komposer as KATALOG_INVALID with file:line:col issues', async () => {
    writeFileSync(join(dir, 'invalid.yaml'), 'apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata:\n  name: Bad_Name\nspec:\n  crds: {}\n');
    let caught: unknown;
    await resolveKomposer(base('invalid.yaml')).catch((e) => (caught = e));
    const e = caught as OrkError;
    expect(e.code).to.equal('KATALOG_INVALID');
    expect(e.issues[0]).to.include({ file: join(dir, 'invalid.yaml'), line: 4, path: 'metadata.name' });
  });
});
