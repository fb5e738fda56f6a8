import { expect } from 'chai';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecConfig, KubeConfig } from '../../../cli/kube/config.js';
import { credentialSourceFor } from '../../../cli/kube/credentials.js';
import { execInfo, parseExecCredential, runExecPlugin } from '../../../cli/kube/exec-credential.js';
import { OrkError } from '../../../shared/errors.js';
import { tempDir } from '../../support/tools.js';

const V1 = 'client.authentication.k8s.io/v1';
const cred = (status: unknown, apiVersion = V1) => JSON.stringify({ apiVersion, kind: 'ExecCredential', status });

/**
 * A plugin that records each run (and the env it saw) and prints a token whose expiry comes from
 * $EXPIRES (an RFC 3339 time; none when empty).
 */
function writePlugin(dir: string): string {
  mkdirSync(join(dir, 'bin'), { recursive: true });
  const path = join(dir, 'bin', 'get-token');
  writeFileSync(path, `#!/bin/sh
echo "run $1 team=$TEAM info=$KUBERNETES_EXEC_INFO" >> "${join(dir, 'runs')}"
n=$(wc -l < "${join(dir, 'runs')}" | tr -d ' ')
if [ -n "$EXPIRES" ]; then exp=",\\"expirationTimestamp\\":\\"$EXPIRES\\""; else exp=""; fi
printf '{"apiVersion":"${V1}","kind":"ExecCredential","status":{"token":"tok-%s"%s}}\\n' "$n" "$exp"
`);
  chmodSync(path, 0o755);
  return path;
}

function execConfig(dir: string, over: Partial<ExecConfig> = {}): ExecConfig {
  return { apiVersion: V1, command: './bin/get-token', args: ['--alpha'], env: [{ name: 'TEAM', value: 'blue' }], provideClusterInfo: false, dir, ...over };
}

const cluster = { server: 'https://127.0.0.1:6443', insecureSkipTLSVerify: false, ca: 'CA-PEM' };

function runs(dir: string): string[] {
  try {
    return readFileSync(join(dir, 'runs'), 'utf8').trim().split('\n');
  } catch {
    return [];
  }
}

describe('cli/kube/exec-credential', () => {
  describe('parseExecCredential', () => {
    it('reads a token, a certificate pair and the expiry', () => {
      expect(parseExecCredential(cred({ token: 't', expirationTimestamp: '2030-01-02T03:04:05Z' }), V1, 'p')).to.deep.equal({ token: 't', expiresAt: Date.parse('2030-01-02T03:04:05Z') });
      expect(parseExecCredential(cred({ clientCertificateData: 'C', clientKeyData: 'K' }), V1, 'p')).to.deep.equal({ clientCert: { cert: 'C', key: 'K' } });
      expect(parseExecCredential(cred({ token: 't' }, 'client.authentication.k8s.io/v1beta1'), 'client.authentication.k8s.io/v1beta1', 'p')).to.deep.equal({ token: 't' });
    });

    const bad: [string, string, RegExp][] = [
      ['not JSON', 'token: abc', /not a JSON ExecCredential/],
      ['another kind', JSON.stringify({ kind: 'Secret', apiVersion: V1 }), /not an ExecCredential/],
      ['another apiVersion', cred({ token: 't' }, 'client.authentication.k8s.io/v1beta1'), /answered apiVersion "client.authentication.k8s.io\/v1beta1", the kubeconfig asks for client.authentication.k8s.io\/v1/],
      ['no status', JSON.stringify({ kind: 'ExecCredential', apiVersion: V1 }), /has no status/],
      ['neither token nor certificate', cred({}), /neither status.token nor a client certificate/],
      ['half a certificate pair', cred({ clientCertificateData: 'C' }), /only one of clientCertificateData and clientKeyData/],
      ['a bad expiry', cred({ token: 'SECRET-T', expirationTimestamp: 'soon' }), /expirationTimestamp is not an RFC 3339 time/],
    ];
    for (const [what, out, message] of bad) {
      it(`rejects ${what} without echoing the output`, () => {
        let err: unknown;
        try { parseExecCredential(out, V1, 'get-token'); } catch (e) { err = e; }
        expect(err).to.be.instanceOf(OrkError);
        expect((err as OrkError).code).to.equal('KUBE_CREDENTIALS_FAILED');
        expect((err as Error).message).to.match(message).and.to.include('credential plugin get-token');
        expect((err as Error).message).not.to.include('SECRET-T');
      });
    }
  });

  it('tells the plugin it is not interactive, and the cluster only when asked', () => {
    expect(JSON.parse(execInfo(execConfig('/d'), cluster))).to.deep.equal({ apiVersion: V1, kind: 'ExecCredential', spec: { interactive: false } });
    const info = JSON.parse(execInfo(execConfig('/d', { provideClusterInfo: true }), cluster));
    expect(info.spec.cluster).to.deep.equal({ server: cluster.server, 'certificate-authority-data': Buffer.from('CA-PEM').toString('base64') });
  });

  describe('running a real plugin', () => {
    let dir: string;
    beforeEach(() => { dir = tempDir('exec'); writePlugin(dir); });

    it('runs the command relative to the kubeconfig with its args and env', async () => {
      const r = await runExecPlugin(execConfig(dir), cluster);
      expect(r).to.deep.equal({ token: 'tok-1' });
      expect(runs(dir)[0]).to.match(/^run --alpha team=blue info=\{"apiVersion":"client.authentication.k8s.io\/v1","kind":"ExecCredential","spec":\{"interactive":false\}\}$/);
    });

    it('names a missing command and shows the install hint', async () => {
      const err = await runExecPlugin(execConfig(dir, { command: 'orkestra-no-such-plugin', installHint: 'Install it with: brew install x' }), cluster).catch((e: unknown) => e);
      expect((err as OrkError).code).to.equal('KUBE_CREDENTIALS_FAILED');
      expect((err as Error).message).to.equal('credential plugin orkestra-no-such-plugin not found. Install it with: brew install x');
    });

    it('reports a failing plugin with its exit code and stderr', async () => {
      const path = join(dir, 'fail');
      writeFileSync(path, '#!/bin/sh\necho "login expired, run: cloud auth login" >&2\nexit 3\n');
      chmodSync(path, 0o755);
      const err = await runExecPlugin(execConfig(dir, { command: path }), cluster).catch((e: unknown) => e);
      expect((err as Error).message).to.equal(`credential plugin ${path} exited with code 3: login expired, run: cloud auth login`);
    });

    it('kills a plugin that hangs', async () => {
      const path = join(dir, 'hang');
      writeFileSync(path, '#!/bin/sh\nexec sleep 30\n');
      chmodSync(path, 0o755);
      const err = await runExecPlugin(execConfig(dir, { command: path }), cluster, 300).catch((e: unknown) => e);
      expect((err as Error).message).to.match(/did not finish within 300 ms/);
    });

    function source(expires: string | undefined, now: () => number) {
      const env = expires === undefined ? [] : [{ name: 'EXPIRES', value: expires }];
      const config: KubeConfig = { source: 'test', server: cluster.server, insecureSkipTLSVerify: false, auth: { type: 'exec', exec: execConfig(dir, { env }) } };
      return credentialSourceFor(config, { now });
    }

    it('caches the credential until its expirationTimestamp, one run for concurrent callers', async () => {
      let now = Date.parse('2030-01-01T00:00:00Z');
      const creds = source('2030-01-01T00:10:00Z', () => now);
      const first = await Promise.all([creds.get(), creds.get(), creds.get()]);
      expect(first.map((c) => c.authorization)).to.deep.equal(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-1']);
      now += 5 * 60_000;
      expect((await creds.get()).authorization).to.equal('Bearer tok-1');
      expect(runs(dir)).to.have.length(1);
      now += 5 * 60_000; // at expiry (the plugin's clock and ours agree here)
      expect((await creds.get()).authorization).to.equal('Bearer tok-2');
      expect(runs(dir)).to.have.length(2);
    });

    it('keeps a credential without expiry until invalidated (after a 401)', async () => {
      const creds = source(undefined, Date.now);
      expect((await creds.get()).authorization).to.equal('Bearer tok-1');
      expect((await creds.get()).authorization).to.equal('Bearer tok-1');
      expect(creds.invalidate()).to.equal(true);
      expect((await creds.get()).authorization).to.equal('Bearer tok-2');
    });
  });
});
