// The client against a local plain-HTTP server that misbehaves on purpose: what a real API server
// does only rarely (HTTP 410 on the watch request, resets, hangs, oversized answers) happens here
// on every run. Also pins the wire format of apply, patch and delete.
import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKubeClient, type HttpKubeClient, type KubeClientOptions } from '../../../cli/kube/http-client.js';
import type { AuthConfig, KubeConfig } from '../../../cli/kube/config.js';
import { isKubeError, KubeError, type ApiResource, type WatchEvent } from '../../../shared/kube/index.js';
import { tempDir } from '../../support/tools.js';

interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: string }
type Handler = (req: IncomingMessage, res: ServerResponse, body: string, n: number) => void;

const CM: ApiResource = { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true };
const status = (code: number, reason: string, message: string) => JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message });
const json = (res: ServerResponse, code: number, body: unknown) => {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};
const event = (type: string, name: string, rv: string) => JSON.stringify({ type, object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, resourceVersion: rv } } });

async function rejection(p: Promise<unknown>): Promise<KubeError> {
  try {
    await p;
  } catch (e) {
    return e as KubeError;
  }
  throw new Error('expected a rejection');
}

describe('cli/kube/http-client (local HTTP server)', () => {
  let server: Server;
  let port: number;
  let handler: Handler;
  let seen: Seen[];
  const clients: HttpKubeClient[] = [];

  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        handler(req, res, body, seen.length);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  beforeEach(() => { seen = []; });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    server.closeAllConnections();
  });
  after(async () => { await new Promise((r) => server.close(r)); });

  function client(options: KubeClientOptions = {}, auth: AuthConfig = { type: 'token', token: 'T0K3N' }): HttpKubeClient {
    const config: KubeConfig = { source: 'local', server: `http://127.0.0.1:${port}`, insecureSkipTLSVerify: false, auth };
    const c = createKubeClient(config, options);
    clients.push(c);
    return c;
  }

  describe('wire format', () => {
    beforeEach(() => {
      handler = (req, res, body) => {
        if (req.url === '/api/v1') return json(res, 200, { resources: [{ name: 'configmaps', kind: 'ConfigMap', namespaced: true }, { name: 'namespaces', kind: 'Namespace', namespaced: false }] });
        json(res, 200, body ? JSON.parse(body) : { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
      };
    });

    it('apply: PATCH apply-patch+yaml with fieldManager, force and dryRun=All; applyStatus on /status', async () => {
      const c = client({ userAgent: 'ork-test/1' });
      const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'n' }, data: { k: 'v' } };
      await c.apply(obj, { fieldManager: 'orkestra', force: true, dryRun: true });
      await c.applyStatus(obj, { fieldManager: 'orkestra' });
      const [disco, apply, applyStatus] = seen;
      expect(disco!.url).to.equal('/api/v1');
      expect(apply!.method).to.equal('PATCH');
      expect(apply!.url).to.equal('/api/v1/namespaces/n/configmaps/a?fieldManager=orkestra&force=true&dryRun=All');
      expect(apply!.headers['content-type']).to.equal('application/apply-patch+yaml');
      expect(apply!.headers.authorization).to.equal('Bearer T0K3N');
      expect(apply!.headers['user-agent']).to.equal('ork-test/1');
      expect(apply!.headers.accept).to.equal('application/json');
      expect(JSON.parse(apply!.body)).to.deep.equal(obj);
      expect(applyStatus!.url).to.equal('/api/v1/namespaces/n/configmaps/a/status?fieldManager=orkestra');
      expect(seen.filter((s) => s.url === '/api/v1')).to.have.length(1); // discovery cached
    });

    it('patch content types, delete options, create query', async () => {
      const c = client();
      await c.patch(CM, 'n', 'a', { data: {} }, 'merge');
      await c.patch(CM, 'n', 'a', [], 'json', { fieldManager: 'm' });
      await c.patch(CM, 'n', 'a', {}, 'strategic', { subresource: 'status' });
      await c.delete(CM, 'n', 'a', { propagationPolicy: 'Foreground', uid: 'u-1' });
      await c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'n' } }, { dryRun: true, fieldManager: 'm' });
      expect(seen.map((s) => `${s.method} ${s.url} ${s.headers['content-type'] ?? ''}`)).to.deep.equal([
        'PATCH /api/v1/namespaces/n/configmaps/a application/merge-patch+json',
        'PATCH /api/v1/namespaces/n/configmaps/a?fieldManager=m application/json-patch+json',
        'PATCH /api/v1/namespaces/n/configmaps/a/status application/strategic-merge-patch+json',
        'DELETE /api/v1/namespaces/n/configmaps/a application/json',
        'GET /api/v1 ',
        'POST /api/v1/namespaces/n/configmaps?fieldManager=m&dryRun=All application/json',
      ]);
      expect(JSON.parse(seen[3]!.body)).to.deep.equal({ apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Foreground', preconditions: { uid: 'u-1' } });
    });

    it('refuses a namespaced object without a namespace before sending it', async () => {
      const e = await rejection(client().apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }, { fieldManager: 'm' }));
      expect(isKubeError(e, 400)).to.equal(true);
      expect(e.message).to.match(/ConfigMap a is namespaced but has no metadata.namespace/);
      expect(seen.map((s) => s.url)).to.deep.equal(['/api/v1']);
    });
  });

  describe('failures', () => {
    it('resends a GET once when a kept-alive connection is reset, but never a POST', async () => {
      let calls = 0;
      handler = (req, res) => {
        if (req.url === '/api/v1') return json(res, 200, { resources: [{ name: 'configmaps', kind: 'ConfigMap', namespaced: true }] });
        if (++calls % 2 === 1) { req.socket.destroy(); return; }
        json(res, 200, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
      };
      const c = client();
      expect((await c.get(CM, 'n', 'x'))?.metadata.name).to.equal('x');
      expect(seen.map((s) => s.method)).to.deep.equal(['GET', 'GET']);
      const e = await rejection(c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'n' } }));
      expect(e.status).to.equal(0);
      expect(e.reason).to.equal('ConnectionFailed');
      expect(seen.filter((s) => s.method === 'POST')).to.have.length(1);
    });

    it('a hanging server → KubeError status 0, reason Timeout', async () => {
      handler = () => undefined;
      const started = Date.now();
      const e = await rejection(client({ timeoutMs: 300 }).get(CM, 'n', 'x'));
      expect(e.status).to.equal(0);
      expect(e.reason).to.equal('Timeout');
      expect(e.message).to.match(/^GET \/api\/v1\/namespaces\/n\/configmaps\/x: no answer from the API server within 300 ms$/);
      expect(Date.now() - started).to.be.below(3000);
    });

    it('nothing listening → KubeError status 0, reason ConnectionFailed', async () => {
      const config: KubeConfig = { source: 'local', server: 'http://127.0.0.1:1', insecureSkipTLSVerify: false, auth: { type: 'none' } };
      const c = createKubeClient(config);
      clients.push(c);
      const e = await rejection(c.get(CM, 'n', 'x'));
      expect(e.status).to.equal(0);
      expect(e.reason).to.equal('ConnectionFailed');
      expect(e.message).to.match(/cannot reach the API server: .*ECONNREFUSED/);
    });

    it('reads at most 64 KiB of an error body and cuts the message short', async () => {
      handler = (_req, res) => { res.writeHead(500, { 'content-type': 'text/plain' }); res.end('boom '.repeat(400_000)); };
      const e = await rejection(client().get(CM, 'n', 'x'));
      expect(e.status).to.equal(500);
      expect(e.reason).to.equal('InternalError');
      expect(e.message.length).to.be.below(300);
    });

    it('refuses an answer above maxResponseBytes and one that is not JSON', async () => {
      handler = (_req, res) => json(res, 200, { items: 'x'.repeat(5000) });
      const big = await rejection(client({ maxResponseBytes: 1000 }).list(CM));
      expect(big.status).to.equal(0);
      expect(big.reason).to.equal('ResponseTooLarge');
      handler = (_req, res) => { res.writeHead(200); res.end('<html>'); };
      const html = await rejection(client().get(CM, 'n', 'x'));
      expect(html.reason).to.equal('InvalidResponse');
    });

    it('after a 401, re-reads a token file once and retries', async () => {
      const dir = tempDir('token401');
      const path = join(dir, 'token');
      writeFileSync(path, 'old');
      handler = (req, res) => {
        if (req.headers.authorization !== 'Bearer new') return json(res, 401, status(401, 'Unauthorized', 'Unauthorized'));
        json(res, 200, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
      };
      const c = client({}, { type: 'tokenFile', path, reloadMs: 3_600_000 });
      const e = await rejection(c.get(CM, 'n', 'x'));
      expect(isKubeError(e, 401)).to.equal(true);
      expect(seen.map((s) => s.headers.authorization)).to.deep.equal(['Bearer old', 'Bearer old']);
      writeFileSync(path, 'new');
      expect((await c.get(CM, 'n', 'x'))?.metadata.name).to.equal('x');
      expect(seen.map((s) => s.headers.authorization)).to.deep.equal(['Bearer old', 'Bearer old', 'Bearer old', 'Bearer new']);
    });

    it('a static token is not retried after a 401', async () => {
      handler = (_req, res) => json(res, 401, status(401, 'Unauthorized', 'Unauthorized'));
      const e = await rejection(client().get(CM, 'n', 'x'));
      expect(isKubeError(e, 401)).to.equal(true);
      expect(seen).to.have.length(1);
    });
  });

  describe('watch', () => {
    const watch = (c: HttpKubeClient, signal: AbortSignal, events: WatchEvent[] = []) =>
      c.watch(CM, { namespace: 'n', resourceVersion: '5', timeoutSeconds: 30, allowWatchBookmarks: true }, (e) => events.push(e), signal);

    it('parses events split at any byte, in order, and resolves when the stream ends', async () => {
      const lines = [event('ADDED', 'a', '6'), event('MODIFIED', 'a', '7'), '', event('BOOKMARK', 'a', '8'), event('DELETED', 'a', '9')].join('\n');
      handler = (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        let i = 0;
        const step = () => {
          if (i >= lines.length) { res.end(); return; }
          res.write(lines.slice(i, i + 7)); // no final newline: the last event ends with the stream
          i += 7;
          setImmediate(step);
        };
        step();
      };
      const events: WatchEvent[] = [];
      await watch(client(), new AbortController().signal, events);
      expect(events.map((e) => (e.type === 'ERROR' ? 'ERROR' : `${e.type}@${e.object.metadata.resourceVersion}`))).to.deep.equal(['ADDED@6', 'MODIFIED@7', 'BOOKMARK@8', 'DELETED@9']);
      expect(seen[0]!.url).to.equal('/api/v1/namespaces/n/configmaps?watch=1&resourceVersion=5&timeoutSeconds=30&allowWatchBookmarks=true');
    });

    it('metadataOnly: PartialObjectMetadata Accept headers; items and events get the listed kind, nothing but metadata', async () => {
      const partial = (name: string, rv: string) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name, namespace: 'n', resourceVersion: rv } });
      handler = (req, res) => {
        if (req.url!.includes('watch=1')) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end([JSON.stringify({ type: 'MODIFIED', object: partial('a', '7') }), JSON.stringify({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', code: 410, reason: 'Expired', message: 'gone' } })].join('\n'));
          return;
        }
        json(res, 200, { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '6' }, items: [partial('a', '6')] });
      };
      const c = client();
      const list = await c.list(CM, { namespace: 'n', metadataOnly: true });
      const events: WatchEvent[] = [];
      await c.watch(CM, { namespace: 'n', resourceVersion: '6', metadataOnly: true }, (e) => events.push(e), new AbortController().signal);
      await c.list(CM, { namespace: 'n' });
      expect(seen.map((s) => s.headers.accept)).to.deep.equal([
        'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1',
        'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1',
        'application/json',
      ]);
      expect(list).to.deep.equal({ resourceVersion: '6', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'n', resourceVersion: '6' } }] });
      expect(events).to.deep.equal([
        { type: 'MODIFIED', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'n', resourceVersion: '7' } } },
        { type: 'ERROR', status: { code: 410, reason: 'Expired', message: 'gone' } },
      ]);
    });

    it('HTTP 410 on the watch request itself → one ERROR event with code 410, then resolves', async () => {
      handler = (_req, res) => json(res, 410, status(410, 'Expired', 'too old resource version: 5 (900)'));
      const events: WatchEvent[] = [];
      await watch(client(), new AbortController().signal, events);
      expect(events).to.deep.equal([{ type: 'ERROR', status: { code: 410, reason: 'Expired', message: 'too old resource version: 5 (900)' } }]);
    });

    it('any other error status rejects with a KubeError', async () => {
      handler = (_req, res) => json(res, 403, status(403, 'Forbidden', 'configmaps is forbidden'));
      const e = await rejection(watch(client(), new AbortController().signal));
      expect(isKubeError(e, 403)).to.equal(true);
      expect(e.message).to.equal('configmaps is forbidden');
    });

    it('an oversized line rejects instead of filling memory', async () => {
      handler = (_req, res) => {
        res.writeHead(200);
        res.write(event('ADDED', 'a', '6') + '\n');
        res.write('{"type":"ADDED","object":{"data":"' + 'x'.repeat(5000));
      };
      const events: WatchEvent[] = [];
      const e = await rejection(client({ maxWatchLineBytes: 1024 }).watch(CM, { resourceVersion: '5' }, (ev) => events.push(ev), new AbortController().signal));
      expect(e.reason).to.equal('InvalidResponse');
      expect(e.message).to.match(/longer than 1024 bytes/);
      expect(events).to.have.length(1);
    });

    it('a broken connection rejects (status 0); events before it were delivered', async () => {
      handler = (req, res) => {
        res.writeHead(200);
        res.write(event('ADDED', 'a', '6') + '\n');
        setTimeout(() => req.socket.destroy(), 20);
      };
      const events: WatchEvent[] = [];
      const e = await rejection(watch(client(), new AbortController().signal, events));
      expect(e.status).to.equal(0);
      expect(e.reason).to.equal('ConnectionFailed');
      expect(events).to.have.length(1);
    });

    it('abort ends an open stream quietly and promptly', async () => {
      handler = (_req, res) => { res.writeHead(200); res.write(event('ADDED', 'a', '6') + '\n'); };
      const controller = new AbortController();
      const events: WatchEvent[] = [];
      const done = watch(client(), controller.signal, events);
      while (events.length === 0) await new Promise((r) => setTimeout(r, 5));
      const started = Date.now();
      controller.abort();
      await done;
      expect(Date.now() - started).to.be.below(1000);
    });

    it('an exception thrown by onEvent rejects the watch unchanged', async () => {
      handler = (_req, res) => { res.writeHead(200); res.write(event('ADDED', 'a', '6') + '\n'); };
      const boom = new Error('handler failed');
      const e = await rejection(client().watch(CM, { resourceVersion: '5' }, () => { throw boom; }, new AbortController().signal));
      expect(e).to.equal(boom);
    });

    it('watches do not take connections from the bounded request pool', async () => {
      handler = (req, res) => {
        if (req.url!.includes('watch=1')) { res.writeHead(200); res.write(''); return; }
        json(res, 200, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
      };
      const c = client({ maxConnections: 1 });
      const controller = new AbortController();
      const watches = [watch(c, controller.signal), watch(c, controller.signal)];
      while (seen.length < 2) await new Promise((r) => setTimeout(r, 5));
      expect((await c.get(CM, 'n', 'x'))?.metadata.name).to.equal('x');
      controller.abort();
      await Promise.all(watches);
    });
  });
});
