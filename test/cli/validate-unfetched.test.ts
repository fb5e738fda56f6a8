// `ork validate` of a Komposer whose remote imports cannot be fetched (resolver/unfetched.ts): one
// warning per import naming it and why, exit 0 when nothing else is wrong. An import that is fetched
// but invalid stays an error; `ork resolve` and `ork template` still fail closed.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../cli/dispatch.js';
import { captureIO } from '../support/io.js';
import { closedPort } from '../support/closed-port.js';
import { makeTestCa, startHttpsServer, type TestCa, type TestServer } from '../support/https-server.js';

const komposer = (registry: string[], files: string[]) => `apiVersion: orkestra.orkspace.io/v1
kind: Komposer
metadata: {name: platform}
imports:
${registry.length ? `  registry:\n${registry.map((r) => `    - ${r}\n`).join('')}` : ''}${files.length ? `  files:\n${files.map((f) => `    - ${f}\n`).join('')}` : ''}`;

describe('cli ork validate with remote imports it cannot fetch', function () {
  this.timeout(60_000);
  let dir: string;
  let ca: TestCa;
  let server: TestServer;
  let port: number;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ork-validate-unfetched-'));
    ca = await makeTestCa();
    writeFileSync(join(dir, 'ca.pem'), ca.caCert);
    server = await startHttpsServer(ca, (req, res) => {
      if (req.url === '/broken.yaml') res.writeHead(200, { 'content-type': 'application/yaml' }).end('apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nspec: [not, a, map]\n');
      else if (req.url === '/private.yaml') res.writeHead(401).end();
      else res.writeHead(404).end();
    });
    port = await closedPort();
  });
  after(async () => {
    await server.close();
    await ca.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  const ork = async (args: string[], env: Record<string, string> = {}) => {
    const io = captureIO({ cwd: dir, env });
    const code = await runCommand(args, io);
    return { code, out: io.out, err: io.err };
  };

  it('warns once per unreachable import (oci and https), says it was not checked, and exits 0', async () => {
    writeFileSync(join(dir, 'down.yaml'), komposer([`oci://127.0.0.1:${port}/team/katalog:1.0`], [`https://127.0.0.1:${port}/katalog.yaml`, `${server.origin}/missing.yaml`]));
    const r = await ork(['validate', '-f', 'down.yaml', '--ca-file', 'ca.pem']);
    expect(r.code, r.err).to.equal(0);
    expect(r.out).to.equal('down.yaml: valid\n');
    const lines = r.err.trim().split('\n');
    expect(lines).to.have.length(3);
    expect(lines[0]).to.equal(`warning: down.yaml: imports.files[0]: url:https://127.0.0.1:${port}/katalog.yaml could not be fetched (connection refused (127.0.0.1:${port})); its contents were not checked (run 'ork resolve' to fetch it)`);
    expect(lines[1]).to.match(/^warning: down\.yaml: imports\.files\[1\]: url:https:\/\/127\.0\.0\.1:\d+\/missing\.yaml could not be fetched \(not found \(404\)\); its contents were not checked/);
    expect(lines[2]).to.equal(`warning: down.yaml: imports.registry[0]: oci:127.0.0.1:${port}/team/katalog:1.0 could not be fetched (connection refused (127.0.0.1:${port})); its contents were not checked (run 'ork resolve' to fetch it)`);
  });

  it('warns on a 401 without showing the credentials it sent', async () => {
    writeFileSync(join(dir, 'private.yaml'), komposer([], [`{url: "${server.origin}/private.yaml", auth: {type: bearer, fromEnv: PRIVATE_TOKEN}}`]));
    const r = await ork(['validate', '-f', 'private.yaml', '--ca-file', 'ca.pem'], { PRIVATE_TOKEN: 'tok-sekrit-123' });
    expect(r.code, r.err).to.equal(0);
    expect(r.err.trim().split('\n')).to.have.length(1);
    expect(r.err).to.match(/^warning: private\.yaml: imports\.files\[0\]: url:https:\/\/127\.0\.0\.1:\d+\/private\.yaml could not be fetched \(.*401.*\); its contents were not checked/);
    expect(r.err + r.out).not.to.contain('tok-sekrit-123');
    expect(server.requests.some((q) => q.headers.authorization === 'Bearer tok-sekrit-123')).to.equal(true);
  });

  it('keeps an import that is fetched but invalid an error', async () => {
    writeFileSync(join(dir, 'broken.yaml'), komposer([], [`${server.origin}/broken.yaml`]));
    const r = await ork(['validate', '-f', 'broken.yaml', '--ca-file', 'ca.pem']);
    expect(r.code).to.equal(2);
    expect(r.err).to.contain('broken.yaml').and.not.to.contain('could not be fetched');
    expect(r.out).to.equal('');
  });

  it('leaves ork resolve and ork template failing closed', async () => {
    writeFileSync(join(dir, 'oci-down.yaml'), komposer([`oci://127.0.0.1:${port}/team/katalog:1.0`], []));
    writeFileSync(join(dir, 'cr.yaml'), 'apiVersion: k.example.com/v1\nkind: Shop\nmetadata: {name: one, namespace: ns}\n');
    expect((await ork(['keygen', '--out-private', 'k.pem', '--out-public', 'p.pem'])).code).to.equal(0);
    const resolved = await ork(['resolve', '-f', 'oci-down.yaml', '--out', 'out', '--key', 'k.pem']);
    expect(resolved.code).to.not.equal(0);
    expect(resolved.err).to.contain(`connection refused (127.0.0.1:${port})`).and.not.to.contain('could not be fetched');
    const rendered = await ork(['template', '-f', 'oci-down.yaml', '--cr', 'cr.yaml']);
    expect(rendered.code).to.equal(2);
    expect(rendered.err).to.contain(`oci-down.yaml: imports.registry[0]: oci:127.0.0.1:${port}/team/katalog:1.0:`).and.to.contain('connection refused');
  });
});
