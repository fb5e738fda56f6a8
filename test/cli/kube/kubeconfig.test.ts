import { execFileSync } from 'node:child_process';
import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadKubeConfig } from '../../../cli/kube/config.js';
import { loadInClusterConfig } from '../../../cli/kube/in-cluster.js';
import { loadKubeconfigFiles } from '../../../cli/kube/kubeconfig.js';
import { OrkError } from '../../../shared/errors.js';
import { tempDir } from '../../support/tools.js';

const CA = '-----BEGIN CERTIFICATE-----\nQ0EtQ0VSVA==\n-----END CERTIFICATE-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nVVNFUi1DRVJU\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nU0VDUkVULUtFWQ==\n-----END PRIVATE KEY-----\n';
const b64 = (s: string) => Buffer.from(s).toString('base64');

function kubeconfig(user: Record<string, unknown>, cluster: Record<string, unknown> = { server: 'https://127.0.0.1:6443', 'certificate-authority-data': b64(CA) }, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'v1', kind: 'Config', 'current-context': 'dev',
    contexts: [{ name: 'dev', context: { cluster: 'c1', user: 'u1', namespace: 'team-a' } }],
    clusters: [{ name: 'c1', cluster }],
    users: [{ name: 'u1', user }],
    ...extra,
  };
}

function write(dir: string, name: string, doc: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof doc === 'string' ? doc : stringify(doc));
  return path;
}

function failure(fn: () => unknown): OrkError {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(OrkError);
    return e as OrkError;
  }
  throw new Error('expected an error');
}

describe('cli/kube/kubeconfig', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('kubeconfig'); });

  it('reads inline -data fields', () => {
    const path = write(dir, 'config', kubeconfig({ 'client-certificate-data': b64(CERT), 'client-key-data': b64(KEY) }));
    const c = loadKubeconfigFiles([path]);
    expect(c.server).to.equal('https://127.0.0.1:6443');
    expect(c.ca).to.equal(CA);
    expect(c.clientCert).to.deep.equal({ cert: CERT, key: KEY });
    expect(c.auth).to.deep.equal({ type: 'none' });
    expect(c.namespace).to.equal('team-a');
    expect(c.insecureSkipTLSVerify).to.equal(false);
    expect(c.source).to.equal(`${path} (context dev)`);
  });

  it('reads file fields relative to the kubeconfig directory, not the working directory', () => {
    mkdirSync(join(dir, 'pki'));
    write(dir, 'pki/ca.crt', CA);
    write(dir, 'pki/user.crt', CERT);
    write(dir, 'pki/user.key', KEY);
    write(dir, 'pki/token', 'tok-from-file\n');
    const path = write(dir, 'config', kubeconfig(
      { 'client-certificate': 'pki/user.crt', 'client-key': join(dir, 'pki/user.key'), tokenFile: 'pki/token' },
      { server: 'https://k.example:443/', 'certificate-authority': 'pki/ca.crt', 'tls-server-name': 'kubernetes' },
    ));
    const c = loadKubeconfigFiles([path]);
    expect(c.server).to.equal('https://k.example:443');
    expect(c.ca).to.equal(CA);
    expect(c.tlsServerName).to.equal('kubernetes');
    expect(c.clientCert).to.deep.equal({ cert: CERT, key: KEY });
    expect(c.auth).to.deep.include({ type: 'tokenFile', path: join(dir, 'pki/token') });
  });

  it('reads token and basic auth', () => {
    expect(loadKubeconfigFiles([write(dir, 'a', kubeconfig({ token: 'abc' }))]).auth).to.deep.equal({ type: 'token', token: 'abc' });
    expect(loadKubeconfigFiles([write(dir, 'b', kubeconfig({ username: 'u', password: 'p' }))]).auth).to.deep.equal({ type: 'basic', username: 'u', password: 'p' });
  });

  it('reads impersonation (as, as-uid, as-groups, as-user-extra) instead of dropping it', () => {
    const config = loadKubeconfigFiles([write(dir, 'imp', kubeconfig({ token: 'abc', as: 'nobody', 'as-uid': 'u-1', 'as-groups': ['team-a', 'team-b'], 'as-user-extra': { scopes: ['view'], 'example.org/reason': ['audit', 'debug'] } }))]);
    expect(config.impersonate).to.deep.equal({ user: 'nobody', uid: 'u-1', groups: ['team-a', 'team-b'], extra: { scopes: ['view'], 'example.org/reason': ['audit', 'debug'] } });
    expect(loadKubeconfigFiles([write(dir, 'plain', kubeconfig({ token: 'abc' }))]).impersonate).to.equal(undefined);
    expect(loadKubeconfigFiles([write(dir, 'only-as', kubeconfig({ token: 'abc', as: 'nobody' }))]).impersonate).to.deep.equal({ user: 'nobody', groups: [], extra: {} });
  });

  it('refuses impersonation it cannot honour exactly, naming the field', () => {
    const rows: [Record<string, unknown>, string][] = [
      [{ 'as-groups': ['g'] }, 'as-groups, as-uid and as-user-extra need "as"'],
      [{ as: 'x', 'as-groups': 'g' }, 'as-groups must be a list of group names'],
      [{ as: 'x', 'as-user-extra': ['v'] }, 'as-user-extra must be a mapping'],
      [{ as: 'x', 'as-user-extra': { k: 'v' } }, 'as-user-extra.k must be a list of strings'],
      [{ as: 'x', 'as-uid': 7 }, 'as-uid must be a non-empty string'],
    ];
    rows.forEach(([user, says], i) => {
      const e = failure(() => loadKubeconfigFiles([write(dir, `bad-${i}`, kubeconfig({ token: 'abc', ...user }))]));
      expect(e.message).to.include('users[u1].user').and.include(says);
    });
  });

  it('reads an exec plugin', () => {
    const path = write(dir, 'config', kubeconfig({ exec: { apiVersion: 'client.authentication.k8s.io/v1', command: './bin/get-token', args: ['--cluster', 'x'], env: [{ name: 'A', value: '1' }], installHint: 'install it', interactiveMode: 'Never', provideClusterInfo: true } }));
    const c = loadKubeconfigFiles([path]);
    expect(c.auth).to.deep.equal({ type: 'exec', exec: { apiVersion: 'client.authentication.k8s.io/v1', command: './bin/get-token', args: ['--cluster', 'x'], env: [{ name: 'A', value: '1' }], installHint: 'install it', provideClusterInfo: true, dir } });
  });

  it('selects another context when asked', () => {
    const doc = kubeconfig({ token: 't' });
    doc.contexts.push({ name: 'other', context: { cluster: 'c1', user: 'u1', namespace: 'team-b' } });
    expect(loadKubeconfigFiles([write(dir, 'config', doc)], { context: 'other' }).namespace).to.equal('team-b');
  });

  it('merges a KUBECONFIG list: first file wins per entry and for current-context, missing files skipped', () => {
    const first = write(dir, 'first', { 'current-context': 'dev', contexts: [{ name: 'dev', context: { cluster: 'c1', user: 'u1' } }], clusters: [{ name: 'c1', cluster: { server: 'https://first:1', 'certificate-authority-data': b64(CA) } }] });
    const second = write(dir, 'second', { 'current-context': 'other', clusters: [{ name: 'c1', cluster: { server: 'https://second:2' } }], users: [{ name: 'u1', user: { token: 'from-second' } }] });
    const c = loadKubeConfig({ env: { KUBECONFIG: `${first}:${join(dir, 'missing')}:${second}` } });
    expect(c.server).to.equal('https://first:1');
    expect(c.auth).to.deep.equal({ type: 'token', token: 'from-second' });
  });

  const errors: [string, () => unknown, RegExp][] = [
    ['no current-context', () => ({ ...kubeconfig({}), 'current-context': '' }), /no current-context is set; run `kubectl config use-context/],
    ['current-context not in contexts', () => ({ ...kubeconfig({}), 'current-context': 'prod' }), /context "prod" is not in contexts \(known: dev\)/],
    ['cluster missing', () => ({ ...kubeconfig({}), clusters: [] }), /contexts\[dev\] names cluster "c1", which is not in clusters/],
    ['user missing', () => ({ ...kubeconfig({}), users: [] }), /contexts\[dev\] names user "u1", which is not in users/],
    ['server missing', () => kubeconfig({}, {}), /clusters\[c1\]\.cluster\.server is missing/],
    ['certificate without key', () => kubeconfig({ 'client-certificate-data': b64(CERT) }), /users\[u1\]\.user has a client certificate but no client-key/],
    ['data that is not PEM', () => kubeconfig({ 'client-certificate-data': b64('nope'), 'client-key-data': b64(KEY) }), /users\[u1\]\.user\.client-certificate-data is not base64-encoded PEM/],
    ['unreadable certificate file', () => kubeconfig({ 'client-certificate': 'nope.crt', 'client-key-data': b64(KEY) }), /users\[u1\]\.user\.client-certificate: cannot read .*nope\.crt \(no such file\)/],
    ['a certificate-authority that never ends', () => kubeconfig({ token: 't' }, { server: 'https://k.example', 'certificate-authority': '/dev/zero' }), /clusters\[c1\]\.cluster\.certificate-authority: cannot read \/dev\/zero \(is not a regular file/],
    ['token and exec together', () => kubeconfig({ token: 't', exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'x' } }), /sets token and exec; keep only one/],
    ['auth-provider gcp', () => kubeconfig({ 'auth-provider': { name: 'gcp' } }), /auth-provider\.name is gcp: kubectl removed this provider in Kubernetes 1\.26; use gke-gcloud-auth-plugin/],
    ['auth-provider azure', () => kubeconfig({ 'auth-provider': { name: 'azure' } }), /auth-provider\.name is azure: .*use kubelogin/],
    ['auth-provider oidc without tokens', () => kubeconfig({ 'auth-provider': { name: 'oidc', config: { 'client-id': 'k' } } }), /auth-provider\.config has neither id-token nor refresh-token/],
    ['auth-provider oidc refresh without issuer', () => kubeconfig({ 'auth-provider': { name: 'oidc', config: { 'refresh-token': 'r-secret', 'client-id': 'k' } } }), /refresh-token but no idp-issuer-url/],
    ['auth-provider and token together', () => kubeconfig({ token: 't', 'auth-provider': { name: 'oidc', config: { 'id-token': 'x.y.z' } } }), /sets auth-provider and token; keep only one/],
    ['exec with an old apiVersion', () => kubeconfig({ exec: { apiVersion: 'client.authentication.k8s.io/v1alpha1', command: 'x' } }), /exec\.apiVersion must be one of/],
    ['exec without command', () => kubeconfig({ exec: { apiVersion: 'client.authentication.k8s.io/v1' } }), /exec\.command is missing/],
    ['exec that must prompt', () => kubeconfig({ exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'x', interactiveMode: 'Always' } }), /interactiveMode is Always/],
    ['credentials over plain http to a remote host', () => kubeconfig({ token: 't' }, { server: 'http://k.example:8080' }), /plain http:\/\/ to a non-loopback host/],
    ['userinfo in server', () => kubeconfig({}, { server: 'https://a:b@h:1' }), /must not carry credentials/],
  ];
  for (const [what, doc, message] of errors) {
    it(`names the file and field: ${what}`, () => {
      const path = write(dir, 'config', doc());
      const e = failure(() => loadKubeconfigFiles([path]));
      expect(e.code).to.equal('KUBECONFIG_INVALID');
      expect(e.message).to.include(path);
      expect(e.message).to.match(message);
    });
  }

  it('honours insecure-skip-tls-verify as kubectl does, with a warning naming the file and field', () => {
    const path = write(dir, 'config', kubeconfig({ token: 'SECRET-T' }, { server: 'https://h:1', 'insecure-skip-tls-verify': true }));
    const warnings: string[] = [];
    expect(loadKubeconfigFiles([path], { onWarning: (m) => warnings.push(m) }).insecureSkipTLSVerify).to.equal(true);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include(path).and.include('clusters[c1].cluster.insecure-skip-tls-verify').and.not.include('SECRET-T');
    const quiet: string[] = [];
    expect(loadKubeconfigFiles([write(dir, 'config', kubeconfig({ token: 't' }))], { onWarning: (m) => quiet.push(m) }).insecureSkipTLSVerify).to.equal(false);
    expect(quiet).to.deep.equal([]);
  });

  it('allows plain http to a loopback proxy', () => {
    expect(loadKubeconfigFiles([write(dir, 'config', kubeconfig({ token: 't' }, { server: 'http://127.0.0.1:8001' }))]).server).to.equal('http://127.0.0.1:8001');
  });

  it('never puts key or token material in a message', () => {
    const secrets = kubeconfig({ token: 'SUPERSECRET-TOKEN', 'client-key-data': b64(KEY) });
    const e = failure(() => loadKubeconfigFiles([write(dir, 'config', secrets)]));
    expect(e.message).to.match(/client key but no client-certificate/);
    expect(e.message).not.to.include('SUPERSECRET');
    expect(e.message).not.to.include('U0VDUkVULUtFWQ');
  });

  it('reports YAML errors with line and column', () => {
    const path = write(dir, 'config', 'clusters: [\n  - a: b\n   c: :\n');
    const e = failure(() => loadKubeconfigFiles([path]));
    expect(e.message).to.match(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: not valid YAML$`));
  });

  it('says so when the named file does not exist', () => {
    const e = failure(() => loadKubeConfig({ env: {}, path: join(dir, 'nope') }));
    expect(e.code).to.equal('FILE_UNREADABLE');
    expect(e.message).to.match(/cannot read kubeconfig .*nope: no such file/);
  });

  it('refuses a kubeconfig that is a pipe or a device at once instead of blocking or filling memory', () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    for (const path of [fifo, '/dev/zero']) {
      const started = performance.now();
      const e = failure(() => loadKubeConfig({ env: {}, path }));
      expect(e.message).to.equal(`cannot read kubeconfig ${path}: is not a regular file (a pipe, socket or device); pass a regular file`);
      expect(performance.now() - started).to.be.below(2000);
    }
  });

  describe('loadKubeConfig order', () => {
    it('explicit path, then KUBECONFIG, then in-cluster, then ~/.kube/config', () => {
      const sa = join(dir, 'sa');
      mkdirSync(sa);
      write(sa, 'token', 'sa-token');
      write(sa, 'ca.crt', CA);
      mkdirSync(join(dir, 'home/.kube'), { recursive: true });
      const home = write(join(dir, 'home/.kube'), 'config', kubeconfig({ token: 'home' }));
      const env = write(dir, 'env', kubeconfig({ token: 'env' }));
      const explicit = write(dir, 'explicit', kubeconfig({ token: 'explicit' }));
      const inCluster = { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' };
      const base = { serviceAccountDir: sa };
      expect(loadKubeConfig({ ...base, env: { HOME: join(dir, 'home'), KUBECONFIG: env, ...inCluster }, path: explicit }).source).to.include(explicit);
      expect(loadKubeConfig({ ...base, env: { HOME: join(dir, 'home'), KUBECONFIG: env, ...inCluster } }).source).to.include(env);
      expect(loadKubeConfig({ ...base, env: { HOME: join(dir, 'home'), ...inCluster } }).source).to.equal('in-cluster');
      expect(loadKubeConfig({ ...base, env: { HOME: join(dir, 'home') } }).source).to.include(home);
      const e = failure(() => loadKubeConfig({ env: { HOME: join(dir, 'nohome') } }));
      expect(e.message).to.match(/no Kubernetes configuration found/);
    });
  });

  describe('in-cluster', () => {
    it('reads host, port, CA, namespace and a token file to re-read', () => {
      write(dir, 'token', 'sa-token');
      write(dir, 'ca.crt', CA);
      write(dir, 'namespace', 'orkestra-system\n');
      const c = loadInClusterConfig({ env: { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' }, dir });
      expect(c.server).to.equal('https://[fd00::1]:443');
      expect(c.ca).to.equal(CA);
      expect(c.namespace).to.equal('orkestra-system');
      expect(c.auth).to.deep.equal({ type: 'tokenFile', path: join(dir, 'token'), reloadMs: 60_000 });
    });

    it('says what is missing', () => {
      expect(failure(() => loadInClusterConfig({ env: {}, dir })).message).to.match(/needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT/);
      const env = { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' };
      expect(failure(() => loadInClusterConfig({ env, dir })).message).to.match(/token is missing: mount a service account token/);
      write(dir, 'token', 't');
      expect(failure(() => loadInClusterConfig({ env, dir })).message).to.match(/ca\.crt cannot be read/);
    });
  });
});
