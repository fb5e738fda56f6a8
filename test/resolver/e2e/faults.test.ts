// Acceptance, fault cases against a real HTTPS server: a 500 then success and a truncated body then
// success are retried (exit 0); a 429 with Retry-After is waited out (bounded); a body truncated on
// every attempt gives up (exit 3) in bounded time; a server that never answers times out under the
// caller's deadline; a digest pin that does not match (URL, file, chart, artifact) is exit 4. After
// every failure the output directory holds no bundle — even though a good one was there — and the
// termination message file holds one line starting with the code.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { resolveKomposer } from '../../../resolver/resolve.js';
import { exitCodeFor } from '../../../cli/exit.js';
import { OrkError } from '../../../shared/errors.js';
import { katalogYaml, type World } from './world.js';
import { expectFailedCleanly, expectNoSecrets, ork, orkChild, outWithOldBundle, outputsOf, resolveArgs, terminationPath, writeKomposer, useWorldAndGoodBundle } from './run.js';

const ZERO_PIN = `sha256:${'0'.repeat(64)}`;

describe('resolver e2e: faults — retries, Retry-After, truncation, timeout, pins', function () {
  this.timeout(60_000);
  const { world, good } = useWorldAndGoodBundle();

  /** A route that answers `first` on the first request and the Katalog afterwards; returns the request times. */
  function flaky(path: string, first: (res: ServerResponse) => void): number[] {
    const times: number[] = [];
    const body = katalogYaml('flaky', `flaky${path.replace(/\W/g, '').toLowerCase()}`, 'flaky.example.org', `Flaky${times.length}${path.length}`);
    world().route(path, (_req, res) => {
      times.push(performance.now());
      if (times.length === 1) first(res);
      else res.writeHead(200, { 'content-type': 'application/yaml' }).end(body);
    });
    return times;
  }

  const truncate = (res: ServerResponse) => {
    res.writeHead(200, { 'content-length': '1000', 'content-type': 'application/yaml' });
    res.write(Buffer.alloc(100, 0x61));
    setTimeout(() => res.socket?.destroy(), 10);
  };

  async function succeeds(name: string, url: string) {
    const out = outWithOldBundle(world(), good(), name);
    const r = await ork(world(), resolveArgs(world(), writeKomposer(world(), name, { files: [url] }), out));
    expect(r.code, r.err).to.equal(0);
    expect(existsSync(join(out, 'bundle.json'))).to.equal(true);
    expect(existsSync(terminationPath(out)), 'no termination message on success').to.equal(false);
    return r;
  }

  async function fails(name: string, imports: object, exit: number, code: string) {
    const out = outWithOldBundle(world(), good(), name);
    const r = await ork(world(), resolveArgs(world(), writeKomposer(world(), name, imports), out));
    expect(r.code, r.err).to.equal(exit);
    const termination = expectFailedCleanly(r, out, code);
    expectNoSecrets(world(), { stdout: r.out, stderr: r.err, ...outputsOf(out) });
    return { err: r.err, termination, ms: r.ms };
  }

  it('retries a 500 and succeeds (two requests, exit 0)', async () => {
    const times = flaky('/fault/500-once.yaml', (res) => void res.writeHead(500).end('oops'));
    await succeeds('fault-500', world().url('/fault/500-once.yaml'));
    expect(times).to.have.length(2);
  });

  it('waits out a 429 Retry-After: 1 before the second request, and no longer than needed', async () => {
    const times = flaky('/fault/429.yaml', (res) => void res.writeHead(429, { 'retry-after': '1' }).end());
    const r = await succeeds('fault-429', world().url('/fault/429.yaml'));
    expect(times).to.have.length(2);
    expect(times[1]! - times[0]!).to.be.within(950, 2500);
    expect(r.ms).to.be.below(4000);
  });

  it('retries a body truncated once and succeeds', async () => {
    const times = flaky('/fault/truncated-once.yaml', truncate);
    await succeeds('fault-trunc-once', world().url('/fault/truncated-once.yaml'));
    expect(times).to.have.length(2);
  });

  it('gives up on a body truncated on every attempt: exit 3, IMPORT_FETCH_FAILED, in bounded time', async () => {
    let requests = 0;
    world().route('/fault/truncated.yaml', (_req, res) => {
      requests++;
      truncate(res);
    });
    const { err, ms } = await fails('fault-trunc', { files: [world().url('/fault/truncated.yaml')] }, 3, 'IMPORT_FETCH_FAILED');
    expect(err).to.contain('gave up after 4 attempts: the response body was truncated after 100 bytes of 1000 announced');
    expect(requests).to.equal(4);
    expect(ms).to.be.below(8000);
  });

  it('times out a server that never answers under the caller deadline: IMPORT_TIMEOUT → exit 3, bounded', async () => {
    let requests = 0;
    world().route('/fault/hang.yaml', () => void requests++);
    const komposer = writeKomposer(world(), 'fault-hang', { files: ['./local/katalog.yaml', world().url('/fault/hang.yaml')] });
    const started = performance.now();
    let caught: unknown;
    try {
      await resolveKomposer({
        komposer,
        cwd: world().dir,
        env: world().env,
        caCertificates: world().ca.caCert,
        sources: { allowHttpLoopback: true },
        signal: AbortSignal.timeout(400),
      });
    } catch (e) {
      caught = e;
    }
    const elapsed = performance.now() - started;
    expect(caught).to.be.instanceOf(OrkError);
    const e = caught as OrkError;
    expect(e.code).to.equal('IMPORT_TIMEOUT');
    expect(e.source).to.equal(`url:${world().https.origin}/fault/hang.yaml`);
    expect(exitCodeFor(e.category)).to.equal(3);
    expect(elapsed).to.be.within(350, 3000);
    expect(requests).to.equal(1);
  });

  describe('digest pins', () => {
    const cases: [string, (w: World) => object][] = [
      ['a URL', (w) => ({ files: [{ url: w.url('/public/beta.yaml'), digest: ZERO_PIN }] })],
      ['a local file', () => ({ files: [{ path: './local/katalog.yaml', digest: ZERO_PIN }] })],
      ['a chart', (w) => ({ helm: [{ repo: `${w.charts.origin}/repo`, chart: 'platform-crds', version: '3.2.1', digest: ZERO_PIN }] })],
      ['an OCI artifact', (w) => ({ oci: [{ ref: `${w.registry.address}/orkestra/postgres:1.4.0`, digest: ZERO_PIN }] })],
    ];
    for (const [name, imports] of cases) {
      it(`refuses ${name} whose pin does not match: exit 4, PIN_MISMATCH naming the pin`, async () => {
        const { err, ms } = await fails(`pin-${name.replace(/\W+/g, '-').replace(/^-|-$/g, '').toLowerCase()}`, imports(world()), 4, 'PIN_MISMATCH');
        expect(err).to.contain(ZERO_PIN);
        expect(ms).to.be.below(5000);
      });
    }

    it('names the actual digest of a pinned URL too, and accepts the right pin', async () => {
      const actual = `sha256:${createHash('sha256').update(readFileSync(new URL('../../../../test/fixtures/resolver/remote/beta.yaml', import.meta.url))).digest('hex')}`;
      const { err } = await fails('pin-url-both', { files: [{ url: world().url('/public/beta.yaml'), digest: ZERO_PIN }] }, 4, 'PIN_MISMATCH');
      expect(err).to.contain(actual);
      const ok = await ork(world(), resolveArgs(world(), writeKomposer(world(), 'pin-url-ok', { files: [{ url: world().url('/public/beta.yaml'), digest: actual }] }, { beta: { dependsOn: {} } }), join(world().dir, 'out', 'pin-ok')));
      expect(ok.code, ok.err).to.equal(0);
    });

    it('the built CLI exits 4 with the termination message and no bundle (real process)', async () => {
      const out = outWithOldBundle(world(), good(), 'pin-child');
      const komposer = writeKomposer(world(), 'pin-child', { files: [{ path: './local/katalog.yaml', digest: ZERO_PIN }] });
      const r = await orkChild(world(), resolveArgs(world(), komposer, out));
      expect(r.code).to.equal(4);
      expectFailedCleanly(r, out, 'PIN_MISMATCH');
    });
  });
});
