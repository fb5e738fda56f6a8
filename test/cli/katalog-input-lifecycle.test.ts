// The lifecycle gate through `ork validate` of a Komposer (the resolver's one path, shared with
// `ork resolve` and `ork run`): a local import below policy.lifecycle.minMaturity and a deprecated
// import served by a real HTTP server on 127.0.0.1 are refused with one line each naming the
// import; lifecycle.accept.patterns lets them through; an unacknowledged alpha import is a warning.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../cli/dispatch.js';
import { captureIO } from '../support/io.js';
import { startHttpServer, type TestServer } from '../support/https-server.js';

const katalog = (name: string, kind: string, lifecycle: string) => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: ${name}, version: 1.2.0, author: myorg}
${lifecycle}
spec:
  crds:
    ${name}:
      apiTypes: {group: life.example.com, version: v1, kind: ${kind}, plural: ${name}s}
`;
const komposer = (files: string[], head = '') => `apiVersion: orkestra.orkspace.io/v1
kind: Komposer
metadata: {name: platform}
${head}
imports:
  files:
${files.map((f) => `    - ${f}`).join('\n')}
`;

describe('cli ork validate of a Komposer: the lifecycle gate', () => {
  let dir: string;
  let server: TestServer;
  const deprecated = 'lifecycle:\n  deprecation:\n    message: use queue v2\n    migratedTo: oci://registry.example.org/queue:2.0.0\n    timeline: {from: "2020-01-01", to: "2099-01-01"}';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ork-lifecycle-'));
    writeFileSync(join(dir, 'cache.yaml'), katalog('cache', 'Cache', 'lifecycle: {maturity: alpha}'));
    writeFileSync(join(dir, 'db.yaml'), katalog('db', 'Db', 'lifecycle: {maturity: stable}'));
    server = await startHttpServer((req, res) => {
      if (req.url === '/queue.yaml') res.writeHead(200, { 'content-type': 'application/yaml' }).end(katalog('queue', 'Queue', deprecated));
      else res.writeHead(404).end();
    });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const validate = async (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    const io = captureIO({ cwd: dir, env: {} });
    const code = await runCommand(['validate', '-f', name, '--allow-http-loopback'], io);
    return { code, out: io.out, err: io.err };
  };

  it('refuses a local import below the floor, and lets the stable one through', async () => {
    const r = await validate('floor.yaml', komposer(['./cache.yaml', './db.yaml'], 'policy:\n  lifecycle: {minMaturity: beta}'));
    expect(r.code).to.equal(2);
    expect(r.err).to.contain(
      'floor.yaml: policy.lifecycle.minMaturity: cache 1.2.0 (file:./cache.yaml) is alpha, below the floor beta: import a beta version, or acknowledge it under lifecycle.accept.patterns (- name: cache)',
    );
    expect(r.err).not.to.contain('db 1.2.0');
  });

  it('refuses a deprecated import fetched over HTTP, naming where to migrate', async () => {
    const r = await validate('deprecated.yaml', komposer([`${server.origin}/queue.yaml`]));
    expect(r.code).to.equal(2);
    expect(r.err).to.contain(
      `deprecated.yaml: imports: queue 1.2.0 (url:${server.origin}/queue.yaml) is deprecated, end of life on 2099-01-01 (use queue v2): import oci://registry.example.org/queue:2.0.0 instead, or acknowledge it under lifecycle.accept.patterns (- name: queue)`,
    );
  });

  it('lifecycle.accept.patterns lets both through, with no warning', async () => {
    const accept = 'policy:\n  lifecycle: {minMaturity: stable}\nlifecycle:\n  accept:\n    patterns:\n      - {name: cache}\n      - {name: queue, author: myorg, version: ">=1.0.0, <2.0.0"}';
    const r = await validate('accepted.yaml', komposer(['./cache.yaml', './db.yaml', `${server.origin}/queue.yaml`], accept));
    expect(r.err).to.equal('');
    expect(r.code).to.equal(0);
    expect(r.out).to.equal('accepted.yaml: valid\n');
  });

  it('an unacknowledged alpha import under no floor is valid with a warning', async () => {
    const r = await validate('warned.yaml', komposer(['./cache.yaml']));
    expect(r.code, r.err).to.equal(0);
    expect(r.err).to.contain('warning: warned.yaml: imports: cache 1.2.0 (file:./cache.yaml) is alpha (experimental, breaking changes expected)');
  });
});
