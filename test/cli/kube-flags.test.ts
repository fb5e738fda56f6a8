// --kubeconfig and --context: the flag's file wins over $KUBECONFIG, and --context picks a context
// other than current-context; an unknown context is refused naming it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { kubeConfigFromFlags } from '../../cli/kube-flags.js';
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
    const config = kubeConfigFromFlags({ kubeconfig: 'config' }, { env: {}, cwd: dir });
    expect(config.server).to.equal('https://127.0.0.1:6441');
    expect(config.namespace).to.equal('apps');
  });

  it('--context picks another context, from --kubeconfig or from $KUBECONFIG', () => {
    expect(kubeConfigFromFlags({ kubeconfig: file, context: 'second' }, { env: {}, cwd: '/' }).server).to.equal('https://127.0.0.1:6442');
    expect(kubeConfigFromFlags({ context: 'second' }, { env: { KUBECONFIG: file }, cwd: '/' }).server).to.equal('https://127.0.0.1:6442');
  });

  it('an unknown --context is refused, naming it', () => {
    expect(() => kubeConfigFromFlags({ kubeconfig: file, context: 'third' }, { env: {}, cwd: '/' })).to.throw(/third/);
  });
});
