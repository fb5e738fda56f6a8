// What -f means when left out (katalog.yaml, else komposer.yaml, in the working directory) and when it
// names an https URL (fetched once, as a Komposer's file import), as the Go runtime's `ork validate`,
// `ork template` and `ork run` read them. The URL cases run against a real HTTPS server on 127.0.0.1.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCommand } from '../../cli/dispatch.js';
import { inputOrDefault, isUrlInput, komposerForUrl } from '../../cli/default-input.js';
import { OrkError } from '../../shared/errors.js';
import { captureIO } from '../support/io.js';
import { makeTestCa, startHttpsServer, type Handler, type TestCa, type TestServer } from '../support/https-server.js';

const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: cafes.d.example.com}
spec:
  group: d.example.com
  names: {kind: Cafe, plural: cafes, singular: cafe, listKind: CafeList}
  scope: Namespaced
  versions:
    - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}
`;
const katalog = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: cafe}
spec:
  crds:
    cafe:
      crdFile: ./crd.yaml
      operatorBox:
        reconcile:
          onCreate:
            configMaps:
              - name: "{{ .metadata.name }}-menu"
                data: {dish: "{{ .spec.dish | upper }}"}
`;
const cr = 'apiVersion: d.example.com/v1\nkind: Cafe\nmetadata: {name: corner, namespace: ns}\nspec: {dish: soup}\n';

describe('cli default input and -f URL', function () {
  this.timeout(30_000);
  let dir: string;
  let empty: string;
  let ca: TestCa;
  let server: TestServer;
  const files: Record<string, string> = { '/cafe/katalog.yaml': katalog, '/cafe/crd.yaml': crd };
  const serveFiles: Handler = (req, res) => {
    const body = files[req.url ?? ''];
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'application/yaml' }).end(body);
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ork-default-'));
    empty = mkdtempSync(join(tmpdir(), 'ork-default-empty-'));
    writeFileSync(join(dir, 'katalog.yaml'), katalog);
    writeFileSync(join(dir, 'crd.yaml'), crd);
    writeFileSync(join(dir, 'cr.yaml'), cr);
    ca = await makeTestCa();
    writeFileSync(join(dir, 'ca.pem'), ca.caCert);
    server = await startHttpsServer(ca, serveFiles);
  });
  after(async () => {
    await server.close();
    await ca.remove();
    rmSync(dir, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });

  const ork = async (args: string[], cwd = dir) => {
    const io = captureIO({ cwd });
    let code: number;
    try {
      code = await runCommand(args, io);
    } catch (e) {
      code = -1;
      io.err += String(e);
    }
    return { code, out: io.out, err: io.err };
  };

  describe('inputOrDefault', () => {
    it('keeps a given -f, picks katalog.yaml before komposer.yaml, and names the directory when neither is there', () => {
      expect(inputOrDefault('other.yaml', empty, 'validate')).to.equal('other.yaml');
      expect(inputOrDefault(undefined, dir, 'validate')).to.equal('katalog.yaml');
      const both = mkdtempSync(join(tmpdir(), 'ork-default-both-'));
      try {
        writeFileSync(join(both, 'komposer.yaml'), 'x');
        expect(inputOrDefault('', both, 'run')).to.equal('komposer.yaml');
        writeFileSync(join(both, 'katalog.yaml'), 'x');
        expect(inputOrDefault(undefined, both, 'run')).to.equal('katalog.yaml');
      } finally {
        rmSync(both, { recursive: true, force: true });
      }
      expect(() => inputOrDefault(undefined, empty, 'template')).to.throw(OrkError, `no -f given and no katalog.yaml or komposer.yaml in ${empty}; give the file with -f (see 'ork template --help')`);
    });

    it('tells URLs from paths, and makes a Komposer importing the URL with a DNS-label name', () => {
      expect(isUrlInput('https://h/k.yaml')).to.equal(true);
      expect(isUrlInput('HTTP://127.0.0.1/k.yaml')).to.equal(true);
      expect(isUrlInput('./https/k.yaml')).to.equal(false);
      const doc = parse(komposerForUrl('https://h.example/a/My_Shop.Katalog.yaml?x=1')) as { kind: string; metadata: { name: string }; imports: { files: string[] } };
      expect(doc.kind).to.equal('Komposer');
      expect(doc.metadata.name).to.equal('my-shop-katalog');
      expect(doc.imports.files).to.deep.equal(['https://h.example/a/My_Shop.Katalog.yaml?x=1']);
      expect((parse(komposerForUrl('https://h.example/')) as { metadata: { name: string } }).metadata.name).to.equal('remote');
    });
  });

  it('validate and template read katalog.yaml in the working directory when -f is left out', async () => {
    const v = await ork(['validate']);
    expect(v.code, v.err).to.equal(0);
    expect(v.out).to.equal('katalog.yaml: valid\n');
    const t = await ork(['template', '--cr', 'cr.yaml']);
    expect(t.code, t.err).to.equal(0);
    expect(t.out).to.contain('name: corner-menu').and.contain('dish: SOUP');
  });

  it('validate, lock, plan and run without -f and no default file give a USAGE line naming the directory', async () => {
    for (const args of [['validate'], ['lock'], ['plan'], ['run']]) {
      const command = args[0];
      const r = await ork(args, empty);
      expect(r.code, command).to.equal(2);
      expect(r.err, command).to.contain(`no -f given and no katalog.yaml or komposer.yaml in ${empty}`);
    }
  });

  it('validate and template fetch -f https://… once, reading its relative crdFile from the same server', async () => {
    const url = `${server.origin}/cafe/katalog.yaml`;
    server.reset(serveFiles);
    const v = await ork(['validate', '-f', url, '--ca-file', 'ca.pem']);
    expect(v.code, v.err).to.equal(0);
    expect(v.out).to.equal(`${url}: valid\n`);
    expect(server.requests.map((r) => r.path)).to.deep.equal(['/cafe/katalog.yaml', '/cafe/crd.yaml']);
    const t = await ork(['template', '-f', url, '--ca-file', 'ca.pem', '--cr', 'cr.yaml']);
    expect(t.code, t.err).to.equal(0);
    expect(t.out).to.contain('dish: SOUP');
  });

  it('names the URL in a refusal and sends no credentials', async () => {
    const url = `${server.origin}/cafe/missing.yaml`;
    const v = await ork(['validate', '-f', url, '--ca-file', 'ca.pem']);
    expect(v.code).to.equal(2);
    expect(v.err).to.contain(`${url}: `).and.contain('not found (404)');
    expect(server.requests.every((r) => r.headers.authorization === undefined)).to.equal(true);
  });

  it('lock -f https://… writes orkestra.lock.json in the working directory, pinning the fetched file', async () => {
    const url = `${server.origin}/cafe/katalog.yaml`;
    const r = await ork(['lock', '-f', url, '--ca-file', 'ca.pem']);
    expect(r.code, r.err).to.equal(0);
    expect(existsSync(join(dir, 'orkestra.lock.json'))).to.equal(true);
    expect(readFileSync(join(dir, 'orkestra.lock.json'), 'utf8')).to.contain(url);
  });
});
