// How long `ork validate` spends on a remote import it cannot fetch (resolver/net/policy.ts
// QUICK_CHECK): one attempt, no backoff, a 3 s connect budget — where `ork resolve` keeps its
// retries (4 attempts, backoff ≥ 1.75 s in all) and its 30 s budget. Real servers on 127.0.0.1; the
// .invalid host is never resolvable (RFC 6761).
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../cli/dispatch.js';
import { LIMITS } from '../../shared/limits.js';
import { captureIO } from '../support/io.js';
import { closedPort, silentPort } from '../support/closed-port.js';
import { makeTestCa, startHttpsServer, type TestCa, type TestServer } from '../support/https-server.js';

const komposer = (files: string[], registry: string[] = []) => `apiVersion: orkestra.orkspace.io/v1
kind: Komposer
metadata: {name: platform}
imports:
  files:
${files.map((f) => `    - ${f}\n`).join('')}${registry.length ? `  registry:\n${registry.map((r) => `    - ${r}\n`).join('')}` : ''}`;
const katalog = 'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: shop}\nspec:\n  crds:\n    shop:\n      apiTypes: {group: k.example.com, version: v1, kind: Shop, plural: shops}\n';

describe('cli ork validate: the time an unreachable import costs', function () {
  this.timeout(120_000);
  let dir: string;
  let ca: TestCa;
  let server: TestServer;
  let port: number;
  let flaky = 0;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ork-validate-speed-'));
    ca = await makeTestCa();
    writeFileSync(join(dir, 'ca.pem'), ca.caCert);
    // /flaky.yaml: 503 on every other request, starting with the first.
    server = await startHttpsServer(ca, (req, res) => {
      if (req.url !== '/flaky.yaml') res.writeHead(404).end();
      else if (flaky++ % 2 === 0) res.writeHead(503).end();
      else res.writeHead(200).end(katalog);
    });
    port = await closedPort();
    writeFileSync(join(dir, 'local.yaml'), katalog.replace('kind: Katalog', 'kind: Komposer'));
    expect((await ork(['keygen', '--out-private', 'k.pem', '--out-public', 'p.pem'])).code).to.equal(0);
    // Loads the modules the runs below time.
    expect((await ork(['validate', '-f', 'local.yaml'])).code).to.equal(0);
  });
  after(async () => {
    await server?.close();
    await ca?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  async function ork(args: string[]) {
    const io = captureIO({ cwd: dir });
    const started = performance.now();
    const code = await runCommand(args, io);
    return { code, out: io.out, err: io.err, ms: performance.now() - started };
  }

  it('warns about a refused https and OCI import after one attempt each (well under a second here), where resolve retries', async () => {
    writeFileSync(join(dir, 'refused.yaml'), komposer([`https://127.0.0.1:${port}/katalog.yaml`], [`oci://127.0.0.1:${port}/team/katalog:1.0`]));
    const checked = await ork(['validate', '-f', 'refused.yaml']);
    expect(checked.code, checked.err).to.equal(0);
    expect(checked.err.match(/could not be fetched \(connection refused/g)).to.have.length(2);
    // The first retry alone would wait ≥ 250 ms, all three ≥ 1750 ms; 1.5 s leaves room for a loaded machine.
    expect(checked.ms, `validate took ${Math.round(checked.ms)} ms`).to.be.below(1500);
    const resolved = await ork(['resolve', '-f', 'refused.yaml', '--out', 'out', '--key', 'k.pem']);
    expect(resolved.code).to.not.equal(0);
    expect(resolved.err).to.contain(`gave up after ${LIMITS.maxAttempts} attempts: connection refused`);
    expect(resolved.ms, `resolve took ${Math.round(resolved.ms)} ms`).to.be.at.least(1750);
  });

  it('warns about an import on a host that does not resolve (.invalid) after one lookup', async () => {
    writeFileSync(join(dir, 'nxdomain.yaml'), komposer(['https://katalogs.nothing-here.invalid/katalog.yaml']));
    const checked = await ork(['validate', '-f', 'nxdomain.yaml']);
    expect(checked.code, checked.err).to.equal(0);
    expect(checked.err).to.contain('could not be fetched (host name not found (katalogs.nothing-here.invalid))');
    expect(checked.ms, `validate took ${Math.round(checked.ms)} ms`).to.be.below(1500);
  });

  it('gives a host that accepts but never completes TLS the connect budget only, with a warning naming it', async () => {
    const silent = await silentPort();
    try {
      writeFileSync(join(dir, 'silent.yaml'), komposer([`https://127.0.0.1:${silent.port}/katalog.yaml`]));
      const checked = await ork(['validate', '-f', 'silent.yaml']);
      expect(checked.code, checked.err).to.equal(0);
      expect(checked.err).to.contain(`could not be fetched (no connection to 127.0.0.1:${silent.port} within ${LIMITS.validateConnectTimeoutMs} ms)`);
      expect(checked.ms).to.be.at.least(LIMITS.validateConnectTimeoutMs - 100).and.below(LIMITS.validateConnectTimeoutMs + 3000);
    } finally {
      await silent.close();
    }
  });

  it('keeps resolve retrying a 503 (and succeeding) while validate makes one attempt and warns', async () => {
    writeFileSync(join(dir, 'flaky.yaml'), komposer([`${server.origin}/flaky.yaml`]));
    flaky = 0;
    const resolved = await ork(['resolve', '-f', 'flaky.yaml', '--out', 'flaky-out', '--key', 'k.pem', '--ca-file', 'ca.pem']);
    expect(resolved.code, resolved.err).to.equal(0);
    expect(flaky).to.equal(2);
    flaky = 0;
    const checked = await ork(['validate', '-f', 'flaky.yaml', '--ca-file', 'ca.pem']);
    expect(checked.code, checked.err).to.equal(0);
    expect(flaky).to.equal(1);
    expect(checked.err).to.match(/^warning: flaky\.yaml: imports\.files\[0\]: url:https:\/\/127\.0\.0\.1:\d+\/flaky\.yaml could not be fetched \(last status 503\); its contents were not checked/);
  });
});
