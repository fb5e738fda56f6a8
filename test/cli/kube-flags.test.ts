// --kubeconfig and --context: the flag's file wins over $KUBECONFIG, and --context picks a context
// other than current-context; an unknown context is refused naming it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { kubeConfigFromFlags } from '../../cli/kube-flags.js';
import { createKubeClient } from '../../cli/kube/index.js';
import { makeTestCa, startHttpsServer } from '../support/https-server.js';
import { captureIO } from '../support/io.js';
import { tempDir } from '../support/tools.js';

describe('cli/kube-flags', () => {
  const dir = tempDir('kube-flags');
  const file = join(dir, 'config');
  writeFileSync(file, `apiVersion: v1
kind: Config
clusters:
- {name: one, cluster: {server: 'https://127.0.0.1:6441'}}
- {name: two, cluster: {server: 'https://127.0.0.1:6442'}}
users: [{name: u, user: {token: not-a-real-token}}]
contexts:
- {name: first, context: {cluster: one, user: u, namespace: apps}}
- {name: second, context: {cluster: two, user: u}}
current-context: first
`);

  it('uses current-context without --context', () => {
    const config = kubeConfigFromFlags({ kubeconfig: 'config' }, captureIO({ cwd: dir }));
    expect(config.server).to.equal('https://127.0.0.1:6441');
    expect(config.namespace).to.equal('apps');
  });

  it('--context picks another context, from --kubeconfig or from $KUBECONFIG', () => {
    expect(kubeConfigFromFlags({ kubeconfig: file, context: 'second' }, captureIO({ cwd: '/' })).server).to.equal('https://127.0.0.1:6442');
    expect(kubeConfigFromFlags({ context: 'second' }, captureIO({ env: { KUBECONFIG: file }, cwd: '/' })).server).to.equal('https://127.0.0.1:6442');
  });

  it('an unknown --context is refused, naming it', () => {
    expect(() => kubeConfigFromFlags({ kubeconfig: file, context: 'third' }, captureIO({ cwd: '/' }))).to.throw(/third/);
  });

  it('insecure-skip-tls-verify: connects to a server with an unknown certificate and warns once per command', async () => {
    const ca = await makeTestCa();
    const server = await startHttpsServer(ca, (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"kind":"APIVersions","versions":["v1"]}'));
    try {
      const insecure = join(dir, 'insecure');
      writeFileSync(insecure, `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: '${server.origin}', insecure-skip-tls-verify: true}}]
users: [{name: u, user: {token: not-a-real-token}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`);
      const io = captureIO({ cwd: dir });
      const config = kubeConfigFromFlags({ kubeconfig: 'insecure' }, io);
      kubeConfigFromFlags({ kubeconfig: 'insecure' }, io); // a command that loads twice warns once
      expect(io.err.match(/warning: .*insecure-skip-tls-verify is true/g)).to.have.length(1);
      expect(io.err).to.include(insecure).and.not.include('not-a-real-token');
      const client = createKubeClient(config, { userAgent: 'orkestra-test' });
      try {
        const body = await client.request<{ versions: string[] }>('GET', '/api');
        expect(body.versions).to.deep.equal(['v1']);
      } finally {
        await client.close();
      }
      expect(server.requests.map((r) => [r.path, r.headers.authorization])).to.deep.equal([['/api', 'Bearer not-a-real-token']]);
    } finally {
      await server.close();
      await ca.remove();
    }
  });
});
