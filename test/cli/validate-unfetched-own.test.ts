// `ork validate` of a Komposer whose own remote crdFiles, OCI Motifs, or its imports' remote CRD
// files cannot be fetched (resolver/own-remote.ts, resolver/komposer-imports.ts): one warning each
// naming the source and what was not checked, exit 0 when nothing else is wrong. What is fetched is
// checked in full; `ork resolve` and `ork template` still fail closed. Real HTTPS server and a real
// OCI registry on 127.0.0.1.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../cli/dispatch.js';
import { captureIO } from '../support/io.js';
import { makeTestCa, startHttpsServer, type TestCa, type TestServer } from '../support/https-server.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { closedPort } from '../support/closed-port.js';
import { pushLampMotif } from './lamp-motif.js';

const crd = (kind: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: ${kind.toLowerCase()}s.k.example.com}
spec:
  group: k.example.com
  names: {kind: ${kind}, plural: ${kind.toLowerCase()}s}
  scope: Namespaced
  versions:
    - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}
`;
/** A Komposer with these entries (YAML lines under spec.crds, indented by 4) and imports. */
const komposer = (entries: string, imports = '') => `apiVersion: orkestra.orkspace.io/v1
kind: Komposer
metadata: {name: platform}
${imports}spec:
  crds:
${entries}`;
const local = (dependsOn: string) => `    local:\n      apiTypes: {group: k.example.com, version: v1, kind: Local, plural: locals}\n      dependsOn: [${dependsOn}]\n`;
const withMotif = (name: string, ref: string, input = '{image: x}') =>
  `    ${name}:\n      apiTypes: {group: k.example.com, version: v1, kind: ${name[0]!.toUpperCase()}${name.slice(1)}, plural: ${name}s}\n      imports:\n        - motif: ${ref}\n          with: ${input}\n`;

describe('cli ork validate with own remote crdFiles, OCI Motifs and imported CRD files it cannot fetch', function () {
  this.timeout(120_000);
  let dir: string;
  let ca: TestCa;
  let server: TestServer;
  let registry: TestRegistry;
  let port: number;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ork-validate-own-'));
    ca = await makeTestCa();
    writeFileSync(join(dir, 'ca.pem'), ca.caCert);
    server = await startHttpsServer(ca, (req, res) => {
      const path = (req.url ?? '').split('?')[0];
      if (path === '/crd/good.yaml') res.writeHead(200).end(crd('Shop'));
      else if (path === '/crd/broken.yaml') res.writeHead(200).end('apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec: [not, a, map]\n');
      else if (path === '/crd/private.yaml') res.writeHead(401).end();
      else if (path === '/lights/katalog.yaml') res.writeHead(200).end(lightsKatalog);
      else res.writeHead(404).end();
    });
    port = await closedPort();
    registry = await startRegistry();
    await pushLampMotif(registry);
  });
  after(async () => {
    await registry?.stop();
    await server?.close();
    await ca?.remove();
    rmSync(dir, { recursive: true, force: true });
  });
  /** An imported Katalog whose CRD files are beside it on the server (missing) and on a closed port. */
  const lightsKatalog = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: lights}
spec:
  crds:
    lamp: {crdFile: ./lamp-crd.yaml}
    bulb: {crdFile: "https://127.0.0.1:1/bulb-crd.yaml"}
`;

  const ork = async (args: string[], env: Record<string, string> = {}) => {
    const io = captureIO({ cwd: dir, env });
    const code = await runCommand(args, io);
    return { code, out: io.out, err: io.err };
  };
  const validate = (file: string, text: string) => {
    writeFileSync(join(dir, file), text);
    return ork(['validate', '-f', file, '--ca-file', 'ca.pem']);
  };

  it('warns once per own crdFile it cannot fetch (refused, 401, 404), never showing a token in its URL, and exits 0', async () => {
    const entries = [
      `    shop: {crdFile: "https://127.0.0.1:${port}/crd.yaml"}\n`,
      `    secret: {crdFile: "${server.origin}/crd/private.yaml?access_token=tok-sekrit-9"}\n`,
      `    gone: {crdFile: "${server.origin}/crd/missing.yaml"}\n`,
      local('shop, gone'),
    ].join('');
    const r = await validate('own-crds.yaml', komposer(entries));
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.equal('own-crds.yaml: valid\n');
    const lines = r.err.trim().split('\n');
    expect(lines, r.err).to.have.length(3);
    expect(lines[0]).to.equal(`warning: own-crds.yaml:6:21: spec.crds.shop.crdFile: url:https://127.0.0.1:${port}/crd.yaml could not be fetched (connection refused (127.0.0.1:${port})); this CRD was not checked (run 'ork resolve' to fetch it)`);
    expect(lines[1]).to.match(/^warning: own-crds\.yaml:7:\d+: spec\.crds\.secret\.crdFile: url:https:\/\/127\.0\.0\.1:\d+\/crd\/private\.yaml could not be fetched \(.*401.*\); this CRD was not checked/);
    expect(lines[2]).to.match(/^warning: own-crds\.yaml:8:\d+: spec\.crds\.gone\.crdFile: url:https:\/\/127\.0\.0\.1:\d+\/crd\/missing\.yaml could not be fetched \(not found \(404\)\); this CRD was not checked/);
    expect(r.err + r.out).not.to.contain('tok-sekrit-9');
    expect(server.requests.some((q) => q.path.includes('access_token=tok-sekrit-9'))).to.equal(true);
  });

  it('checks an own crdFile it fetched: a good one is used, a broken one stays an error', async () => {
    const good = await validate('own-good.yaml', komposer(`    shop: {crdFile: "${server.origin}/crd/good.yaml"}\n${local('shop')}`));
    expect(good.code, good.err).to.equal(0);
    expect(good.err).to.equal('');
    const broken = await validate('own-broken.yaml', komposer(`    shop: {crdFile: "${server.origin}/crd/broken.yaml"}\n`));
    expect(broken.code).to.equal(2);
    expect(broken.err).to.contain('crd/broken.yaml').and.not.to.contain('could not be fetched');
  });

  it('warns about an OCI Motif on a closed port or missing from the registry; one it fetched is checked', async () => {
    const entries = withMotif('light', `oci://127.0.0.1:${port}/motifs/lamp:v1`) + withMotif('torch', `oci://${registry.address}/motifs/missing:v1`);
    const r = await validate('motifs-down.yaml', komposer(entries));
    expect(r.code, r.err).to.equal(0);
    const lines = r.err.trim().split('\n');
    expect(lines, r.err).to.have.length(2);
    expect(lines[0]).to.equal(`warning: motifs-down.yaml:9:11: spec.crds.light.imports[0]: the OCI Motif oci:127.0.0.1:${port}/motifs/lamp:v1 could not be fetched (connection refused (127.0.0.1:${port})); what it contributes was not checked (run 'ork resolve' to fetch it)`);
    expect(lines[1]).to.match(/^warning: motifs-down\.yaml:14:11: spec\.crds\.torch\.imports\[0\]: the OCI Motif oci:127\.0\.0\.1:\d+\/motifs\/missing:v1 could not be fetched \(manifest .*not found.*\); what it contributes was not checked/);
    const fetched = await validate('motif-bad.yaml', komposer(withMotif('light', `oci://${registry.address}/motifs/lamp:v1`, '{}')));
    expect(fetched.code).to.equal(2);
    expect(fetched.err).to.contain('image').and.not.to.contain('could not be fetched');
  });

  it("warns about an imported Katalog's CRD files it cannot fetch (beside a URL import, and by URL); an override of one is set aside", async () => {
    const overrides = '    lamp: {labels: {team: lights}}\n' + local('bulb');
    const r = await validate('imported.yaml', komposer(overrides, `imports:\n  files: ["${server.origin}/lights/katalog.yaml"]\n`));
    expect(r.code, r.err).to.equal(0);
    const lines = r.err.trim().split('\n');
    expect(lines, r.err).to.have.length(2);
    expect(lines[0]).to.match(/^warning: url:https:\/\/127\.0\.0\.1:\d+\/lights\/katalog\.yaml:6:\d+: spec\.crds\.lamp\.crdFile: url:https:\/\/127\.0\.0\.1:\d+\/lights\/lamp-crd\.yaml could not be fetched \(not found \(404\)\); this CRD was not checked/);
    expect(lines[1]).to.match(/^warning: url:https:\/\/127\.0\.0\.1:\d+\/lights\/katalog\.yaml:7:\d+: spec\.crds\.bulb\.crdFile: url:https:\/\/127\.0\.0\.1:1\/bulb-crd\.yaml could not be fetched \(connection refused/);
  });

  it('leaves ork resolve and ork template failing closed on an own crdFile and an OCI Motif they cannot fetch', async () => {
    writeFileSync(join(dir, 'crd-down.yaml'), komposer(`    shop: {crdFile: "https://127.0.0.1:${port}/crd.yaml"}\n`));
    writeFileSync(join(dir, 'motif-down.yaml'), komposer(withMotif('light', `oci://${registry.address}/motifs/missing:v1`)));
    writeFileSync(join(dir, 'cr.yaml'), 'apiVersion: k.example.com/v1\nkind: Light\nmetadata: {name: one, namespace: ns}\n');
    expect((await ork(['keygen', '--out-private', 'k.pem', '--out-public', 'p.pem'])).code).to.equal(0);
    const resolved = await ork(['resolve', '-f', 'crd-down.yaml', '--out', 'out', '--key', 'k.pem']);
    expect(resolved.code).to.not.equal(0);
    expect(resolved.err).to.contain(`connection refused (127.0.0.1:${port})`).and.not.to.contain('could not be fetched');
    const motifResolved = await ork(['resolve', '-f', 'motif-down.yaml', '--out', 'out2', '--key', 'k.pem']);
    expect(motifResolved.code).to.not.equal(0);
    expect(motifResolved.err).to.contain('cannot fetch the Motif').and.not.to.contain('could not be fetched');
    const rendered = await ork(['template', '-f', 'motif-down.yaml', '--cr', 'cr.yaml']);
    expect(rendered.code).to.equal(2);
    expect(rendered.err).to.contain('cannot fetch the Motif').and.not.to.contain('could not be fetched');
  });

  it('validate --offline leaves own remote crdFiles and OCI Motifs with a warning, never quoting credentials written in them', async () => {
    const entries = `    shop: {crdFile: "https://127.0.0.1:${port}/crd.yaml?token=tok-sekrit-q"}\n${local('shop')}${withMotif('light', `oci://127.0.0.1:${port}/motifs/lamp:v1`)}`;
    writeFileSync(join(dir, 'offline.yaml'), komposer(entries));
    const r = await ork(['validate', '-f', 'offline.yaml', '--offline']);
    expect(r.code, r.err).to.equal(0);
    const lines = r.err.trim().split('\n');
    expect(lines, r.err).to.have.length(2);
    expect(lines[0]).to.equal(`warning: offline.yaml:6:21: spec.crds.shop.crdFile: https://127.0.0.1:${port}/crd.yaml is fetched by 'ork resolve'; it was not checked here`);
    expect(lines[1]).to.match(/^warning: offline\.yaml:\d+:\d+: spec\.crds\.light\.imports\[0\]: the OCI Motif oci:\/\/127\.0\.0\.1:\d+\/motifs\/lamp:v1 is not fetched here/);
    writeFileSync(join(dir, 'userinfo.yaml'), komposer(withMotif('light', `oci://robot:tok-sekrit-u@127.0.0.1:${port}/motifs/lamp:v1`)));
    const u = await ork(['validate', '-f', 'userinfo.yaml']);
    expect(u.code).to.equal(2);
    expect(u.err).to.contain('a user or password is written in it').and.not.to.contain('tok-sekrit-u').and.not.to.contain('robot');
  });
});
