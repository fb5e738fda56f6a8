import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromConfig } from '../../../controller/plan/identity.js';
import type { KubeConfig } from '../../../cli/kube/config.js';
import { runTool, tempDir } from '../../support/tools.js';

const base: KubeConfig = { source: '/home/me/.kube/config (context dev)', server: 'https://127.0.0.1:6443', insecureSkipTLSVerify: false, auth: { type: 'none' } };

describe('controller/plan identity (from the kubeconfig, when the server has no SelfSubjectReview)', () => {
  it('a client certificate: CN is the user, each O a group', async () => {
    const dir = tempDir('plan-identity');
    await runTool('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
      '-subj', '/O=team-a/O=team-b/CN=alice', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')]);
    const cert = readFileSync(join(dir, 'c.pem'), 'utf8');
    expect(fromConfig({ ...base, clientCert: { cert, key: 'unused' } })).to.deep.equal({ kind: 'self', user: 'alice', groups: ['team-a', 'team-b'] });
  });

  const cases: { name: string; config: KubeConfig | undefined; user: string }[] = [
    { name: 'a bearer token: its kind and the kubeconfig, never the token', config: { ...base, auth: { type: 'token', token: 'sekret-token' } }, user: 'token credentials of /home/me/.kube/config (context dev)' },
    { name: 'basic auth: the user name, never the password', config: { ...base, auth: { type: 'basic', username: 'bob', password: 'pw-secret' } }, user: 'user bob of /home/me/.kube/config (context dev)' },
    { name: 'no credentials', config: base, user: 'anonymous of /home/me/.kube/config (context dev)' },
    { name: 'an unparsable certificate falls back to the credential kind', config: { ...base, clientCert: { cert: 'not a pem', key: 'k' }, auth: { type: 'none' } }, user: 'anonymous of /home/me/.kube/config (context dev)' },
    { name: 'no kubeconfig at all (a client handed in)', config: undefined, user: 'the client\'s own credentials' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const subject = fromConfig(c.config);
      expect(subject).to.deep.equal({ kind: 'self', user: c.user, groups: [] });
      expect(JSON.stringify(subject)).not.to.match(/sekret|pw-secret/);
    });
  }
});
