// The webhook benchmark's server process: the real webhook (`startWebhook`: the bundle verified
// as the controller does, in-memory certificates, no registration) and the floor — a bare
// node:https handler that reads the same body, parses it and answers `allowed` (or returns the
// objects with the desired apiVersion for /convert) — side by side in this one process, so both
// share its CPU and event loop alike. Prints one JSON line {webhook, floor: {port, ca}} on stdout
// once both listen, then serves until SIGTERM.
// Usage: node dist/bench/webhook/servers.js BUNDLE_DIR PUBLIC_KEY
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { startWebhook } from '../../controller/webhook/index.js';
import { issueAll } from '../../controller/webhook/certs/issue.js';
import { silentLogger } from '../../shared/log.js';

type Review = { request?: { uid?: string; desiredAPIVersion?: string; objects?: Record<string, unknown>[] } };

/** The least an admission or conversion webhook can do with a request: parse it, answer it. */
function floorAnswer(path: string, body: Review): unknown {
  const uid = body.request?.uid ?? '';
  if (path === '/convert') {
    const to = body.request?.desiredAPIVersion;
    const convertedObjects = (body.request?.objects ?? []).map((o) => ({ ...o, apiVersion: to }));
    return { apiVersion: 'apiextensions.k8s.io/v1', kind: 'ConversionReview', response: { uid, convertedObjects, result: { status: 'Success' } } };
  }
  return { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid, allowed: true } };
}

async function startFloor(): Promise<{ port: number; ca: string; close(): void }> {
  const certs = issueAll(['127.0.0.1'], new Date());
  const server = createServer({ cert: certs.certPem, key: certs.keyPem, minVersion: 'TLSv1.2' }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = JSON.stringify(floorAnswer(req.url ?? '/', JSON.parse(Buffer.concat(chunks).toString('utf8')) as Review));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, ca: certs.caBundlePem, close: () => server.close() };
}

async function main(): Promise<void> {
  const [bundleDir, publicKeyPath] = process.argv.slice(2);
  if (!bundleDir || !publicKeyPath) throw new Error('usage: node dist/bench/webhook/servers.js BUNDLE_DIR PUBLIC_KEY');
  const webhook = await startWebhook({
    bundleDir, publicKeyPath, logger: silentLogger(), host: '127.0.0.1', port: 0,
    certificates: { kind: 'ephemeral', hosts: ['127.0.0.1'] },
  });
  const floor = await startFloor();
  process.stdout.write(`${JSON.stringify({ webhook: { port: webhook.port, ca: webhook.caBundlePem() }, floor: { port: floor.port, ca: floor.ca } })}\n`);
  await new Promise<void>((resolve) => process.once('SIGTERM', () => resolve()));
  floor.close();
  await webhook.stop();
}

await main();
