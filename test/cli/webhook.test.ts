// `ork webhook` in-process: a bundle that fails verification stops it before any cluster access
// (exit 4, the reason in the termination message and the log), and bad flags exit 2. As a child
// process: each review is counted on its /metrics.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { runCommand } from '../../cli/dispatch.js';
import { generateSigningKeyPair } from '../../shared/bundle/keys.js';
import { resolveToBundle, type SignedBundleDir } from '../controller/e2e/world.js';
import { captureIO } from '../support/io.js';
import { repoRoot, tempDir } from '../support/tools.js';
import { readyz, startOrkWebhook } from '../controller/webhook/ork-webhook.js';

/** POST over HTTPS to the webhook's in-memory certificate (its CA is not ours to read here). */
function postInsecure(port: number, path: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest({ host: '127.0.0.1', port, path, method: 'POST', rejectUnauthorized: false, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('cli ork webhook', function () {
  this.timeout(20_000);
  let bundle: SignedBundleDir;
  let dir: string;

  before(async () => {
    dir = tempDir('cli-webhook');
    for (const f of ['katalog.yaml', 'gadget-crd.yaml']) writeFileSync(join(dir, f), readFileSync(join(repoRoot, 'test/fixtures/webhook', f)));
    bundle = await resolveToBundle({ komposer: join(dir, 'katalog.yaml'), cwd: dir });
  });

  it('refuses a bundle signed by another key before touching the cluster: exit 4, termination message, log', async () => {
    const other = join(dir, 'other.pem');
    writeFileSync(other, generateSigningKeyPair().publicKeyPem);
    const termination = join(dir, 'termination-log');
    const io = captureIO();
    // The kubeconfig does not exist: had the command reached for the cluster, the error would say so.
    const code = await runCommand(['webhook', '--bundle', bundle.bundleDir, '--key', other, '--name', 'x', '--service', 'ns/svc', '--tls-secret', 's', '--tls-secret-namespace', 'ns',
      '--kubeconfig', join(dir, 'no-such-kubeconfig'), '--http-address', '127.0.0.1:0', '--termination-message-path', termination, '--log-format', 'json'], io);
    expect(code).to.equal(4);
    expect(readFileSync(termination, 'utf8')).to.match(/^SIGNATURE_INVALID: /);
    expect(io.err).to.not.contain('KUBECONFIG');
  });

  it('refuses a bundle not resolved for the configuration it is given (--config-checksum), as the controller does', async () => {
    const termination = join(dir, 'termination-config');
    const io = captureIO();
    const code = await runCommand(['webhook', '--bundle', bundle.bundleDir, '--key', bundle.publicKeyPath, '--no-register', '--host', 'x', '--http-address', '127.0.0.1:0',
      '--config-checksum', `sha256:${'a'.repeat(64)}`, '--termination-message-path', termination, '--log-format', 'json'], io);
    expect(code).to.equal(4);
    expect(readFileSync(termination, 'utf8')).to.match(/^CONFIG_CHECKSUM_MISMATCH: /);
  });

  it('counts each review on its /metrics: requests by result, latency, denials and warnings by rule, conversions', async () => {
    const w = await startOrkWebhook(['--bundle', bundle.bundleDir, '--key', bundle.publicKeyPath, '--no-register', '--host', '127.0.0.1']);
    try {
      await readyz(w);
      const group = 'webhook.orkspace.test';
      const gadget = (apiVersion: string, spec: Record<string, unknown>) => ({ apiVersion, kind: 'Gadget', metadata: { name: 'g', namespace: 'ns' }, spec });
      const review = { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'u', operation: 'CREATE', resource: { group, version: 'v1', resource: 'gadgets' }, namespace: 'ns', name: 'g', object: gadget(`${group}/v1`, { size: 9 }) } };
      const conversion = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'ConversionReview', request: { uid: 'c', desiredAPIVersion: `${group}/v1alpha1`, objects: [gadget(`${group}/v1`, { size: 1 })] } };
      expect(await postInsecure(w.port, '/validate', review)).to.equal(200);
      expect(await postInsecure(w.port, '/convert', conversion)).to.equal(200);
      const text = await (await fetch(`http://127.0.0.1:${w.httpPort}/metrics`)).text();
      expect(text).to.contain('orkestra_webhook_requests_total{webhook="validate",crd="gadget",result="denied"} 1');
      expect(text).to.contain('orkestra_webhook_request_duration_seconds_count{webhook="validate"} 1');
      expect(text).to.contain('orkestra_webhook_denials_total{crd="gadget",rule="validation.rules[0]",field="spec.size"} 1');
      expect(text).to.contain('orkestra_webhook_warnings_total{crd="gadget",rule="validation.rules[1]",field="spec.image"} 1');
      expect(text).to.contain('orkestra_webhook_conversions_total{crd="gadget",from="v1",to="v1alpha1",result="converted"} 1');
    } finally {
      await w.stop();
    }
  });

  it('refuses bad flags with exit 2 naming the flag', async () => {
    const io = captureIO();
    const code = await runCommand(['webhook', '--bundle', bundle.bundleDir, '--key', bundle.publicKeyPath, '--name', 'x', '--service', 'bad', '--http-address', '127.0.0.1:0'], io);
    expect(code).to.equal(2);
    expect(io.err).to.match(/--service must be NAMESPACE\/NAME/);
  });

  it('--help lists the container flags', async () => {
    const io = captureIO();
    expect(await runCommand(['webhook', '--help'], io)).to.equal(0);
    for (const flag of ['--bundle', '--key', '--service', '--tls-secret', '--termination-message-path', '--failure-policy']) expect(io.out).to.contain(flag);
  });
});
