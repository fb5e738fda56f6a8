// planImports: which source serves each import, in declaration order (files, helm, oci, registry),
// string URL vs path, and where a file *beside* an import is fetched from (with or without the
// import's credentials). Constructing sources must neither fetch nor throw.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isUrl, planImports, plainUrlSource } from '../../../resolver/sources/select.js';
import type { Imports } from '../../../shared/katalog/types.js';
import { startHttpServer, type TestServer } from '../../support/https-server.js';

const pin = `sha256:${'a'.repeat(64)}`;

describe('resolver/sources/select', () => {
  describe('isUrl', () => {
    const cases: [string, boolean][] = [
      ['https://h/k.yaml', true],
      ['HTTPS://H/k.yaml', true],
      ['http://127.0.0.1/k.yaml', true],
      ['./https://h', false],
      ['https:/h', false],
      ['oci://r/x', false],
      ['file:///etc/x', false],
      ['base/katalog.yaml', false],
    ];
    for (const [text, expected] of cases) it(`isUrl(${JSON.stringify(text)}) = ${expected}`, () => expect(isUrl(text)).to.equal(expected));
  });

  it('plans files, then helm, then oci, then registry, each in the order written (whatever order the keys appear in)', () => {
    const imports = {
      registry: [{ url: 'oci://r.example/team/cache', oci: true, version: '2.0.0' }],
      oci: [{ ref: 'r.example/orkestra/postgres:1.4.0' }, { ref: `r.example/orkestra/redis@${pin}` }],
      helm: [
        { repo: 'https://charts.example', chart: 'platform-crds', version: '3.2.1' },
        { repo: 'oci://r.example/charts', chart: 'other', version: '1.0.0' },
      ],
      files: [
        './base/katalog.yaml',
        'https://h.example/public/katalog.yaml',
        { url: 'https://user:pw@h.example/private/k.yaml?token=abc', auth: { type: 'github', fromEnv: 'GITHUB_TOKEN' } },
        { path: 'db.yaml', digest: pin },
      ],
    } as unknown as Imports;
    expect(planImports(imports).map((p) => p.source.label)).to.deep.equal([
      'file:./base/katalog.yaml',
      'url:https://h.example/public/katalog.yaml',
      'url:https://h.example/private/k.yaml',
      'file:./db.yaml',
      'helm:https://charts.example/platform-crds@3.2.1',
      'helm:oci://r.example/charts/other@1.0.0',
      'oci:r.example/orkestra/postgres:1.4.0',
      `oci:r.example/orkestra/redis@${pin}`,
      'oci:r.example/team/cache:2.0.0',
    ]);
  });

  it('reads a files url: that is not http(s) as a path, as upstream does, and says where each import is declared', () => {
    const planned = planImports({ files: [{ url: './k.yaml' }, 'https://h.example/k.yaml'], helm: [{ repo: 'https://c.example', chart: 'c', version: '1.0.0' }], registry: [{ url: 'r.example/x@1', oci: true }] } as unknown as Imports);
    expect(planned.map((p) => [p.source.label, p.at, p.remote])).to.deep.equal([
      ['file:./k.yaml', 'imports.files[0]', false],
      ['url:https://h.example/k.yaml', 'imports.files[1]', true],
      ['helm:https://c.example/c@1.0.0', 'imports.helm[0]', true],
      ['oci:r.example/x:1', 'imports.registry[0]', true], // the tag in the url read as the version (upstream's @tag form)
    ]);
  });

  it('takes $NAME and ${NAME} entries from the environment, skipping unset or empty ones with a note', () => {
    const skipped: string[] = [];
    const env = { KAT: 'https://h.example/k.yaml', LOCAL: './l.yaml', EMPTY: '' };
    const files = ['$KAT', { url: '${LOCAL}' }, '$UNSET', '$EMPTY', '$not a name'];
    const planned = planImports({ files } as unknown as Imports, { env, onSkip: (at, message) => skipped.push(`${at}: ${message}`) });
    expect(planned.map((p) => [p.source.label, p.at])).to.deep.equal([
      ['url:https://h.example/k.yaml', 'imports.files[0]'],
      ['file:./l.yaml', 'imports.files[1]'],
      ['file:./$not a name', 'imports.files[4]'],
    ]);
    expect(skipped).to.have.length(2);
    expect(skipped[0]).to.match(/^imports\.files\[2\]: \$UNSET is not set, so this import is skipped/);
    expect(skipped[1]).to.match(/^imports\.files\[3\]: \$EMPTY is not set/);
  });

  it('plans nothing for no imports', () => {
    expect(planImports(undefined)).to.deep.equal([]);
    expect(planImports({})).to.deep.equal([]);
  });

  it('gives files a beside() and charts/artifacts none (they must carry their CRD files)', () => {
    const planned = planImports({
      files: ['./a/k.yaml', 'https://h.example/x/k.yaml'],
      helm: [{ repo: 'https://c.example', chart: 'c', version: '1.0.0' }],
      oci: [{ ref: 'r.example/o:1' }],
    } as Imports);
    expect(planned.map((p) => typeof p.beside)).to.deep.equal(['function', 'function', 'undefined', 'undefined']);
    expect(planned[0]!.beside!('crds/site.yaml').label).to.equal('file:./a/crds/site.yaml');
    expect(planned[0]!.beside!('../shared/site.yaml').label).to.equal('file:./shared/site.yaml');
    expect(planned[1]!.beside!('crds/site.yaml').label).to.equal('url:https://h.example/x/crds/site.yaml');
    expect(planned[1]!.beside!('https://other.example/site.yaml').label).to.equal('url:https://other.example/site.yaml');
  });

  describe('credentials of files beside a URL import (real requests to 127.0.0.1)', () => {
    let a: TestServer;
    let b: TestServer;
    before(async () => {
      const ok = (_req: unknown, res: import('node:http').ServerResponse) => void res.writeHead(200, { 'content-type': 'application/yaml' }).end('kind: x\n');
      a = await startHttpServer(ok);
      b = await startHttpServer(ok);
    });
    after(async () => {
      await a.close();
      await b.close();
    });

    it('sends the import\'s token to a file beside it on the same origin, never to another origin', async () => {
      const [planned] = planImports({ files: [{ url: `${a.origin}/dir/k.yaml`, auth: { type: 'bearer', fromEnv: 'T' } }] }, { allowHttpLoopback: true });
      const context = { env: { T: 'beside-token-1' }, baseDir: '/nonexistent', allowOutsidePaths: false };
      await planned!.beside!('crd.yaml').fetch(context);
      await planned!.beside!(`${b.origin}/crd.yaml`).fetch(context);
      expect(a.requests.map((r) => [r.path, r.headers.authorization])).to.deep.equal([['/dir/crd.yaml', 'Bearer beside-token-1']]);
      expect(b.requests.map((r) => [r.path, r.headers.authorization])).to.deep.equal([['/crd.yaml', undefined]]);
    });

    it('passes allowHttpLoopback through to URL sources, and refuses http without it', async () => {
      const context = { env: {}, baseDir: '/nonexistent', allowOutsidePaths: false };
      const [refused] = planImports({ files: [`${a.origin}/k.yaml`] });
      let caught: unknown;
      await refused!.source.fetch(context).catch((e) => (caught = e));
      expect((caught as { code?: string }).code).to.equal('IMPORT_INVALID');
      const got = await plainUrlSource(`${a.origin}/k.yaml`, { allowHttpLoopback: true }).fetch(context);
      expect(got.ref).to.equal(`url:${a.origin}/k.yaml`);
    });
  });

  it('reads a string path relative to the Komposer directory, and a pinned path with its pin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ork-select-'));
    try {
      mkdirSync(join(dir, 'base'));
      writeFileSync(join(dir, 'base', 'k.yaml'), 'kind: Katalog\n');
      const planned = planImports({ files: ['base/k.yaml', { path: './base/k.yaml', digest: pin }] });
      const context = { env: {}, baseDir: dir, allowOutsidePaths: false };
      const got = await planned[0]!.source.fetch(context);
      expect(got.ref).to.equal('file:./base/k.yaml');
      let caught: unknown;
      await planned[1]!.source.fetch(context).catch((e) => (caught = e));
      expect((caught as { code?: string }).code).to.equal('PIN_MISMATCH');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('constructs sources for malformed imports without throwing', () => {
    const odd = { files: [{}, { url: 'not a url' }], helm: [{}], oci: [{}], registry: [{ url: 'ftp://x', oci: false }] } as unknown as Imports;
    expect(() => planImports(odd)).not.to.throw();
    expect(planImports(odd)).to.have.length(5);
  });
});
