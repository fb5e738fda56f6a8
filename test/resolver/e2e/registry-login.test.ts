// Acceptance: an OCI import without auth: pulls from the real htpasswd registry with the
// credentials a Docker or Helm user already has — a `docker login` entry in ~/.docker/config.json,
// Helm's registry config, or a credential helper (a fake docker-credential-* on PATH) — and a
// helper that fails is a worded error that leaks nothing. Also: imports through HTTPS_PROXY.
import { expect } from 'chai';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/tools.js';
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy.js';
import { getWorld, type World } from './world.js';
import { expectFailedCleanly, expectNoSecrets, goodBundle, ork, outWithOldBundle, outputsOf, resolveArgs, writeKomposer } from './run.js';

function writeJson(path: string, value: unknown): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(value));
}

describe('resolver e2e: registry logins (docker config, Helm config, credential helpers)', function () {
  this.timeout(60_000);
  let world: World;
  let good: string;
  let user: string;
  let pass: string;
  before(async () => {
    world = await getWorld();
    good = await goodBundle(world);
    user = world.env['REG_USER']!;
    pass = world.env['REG_PASS']!;
  });

  // The backup artifact depends on the open registry's database CRD, so that one comes along.
  const imports = (w: World) => ({ oci: [{ ref: `${w.registry.address}/orkestra/postgres:1.4.0` }, { ref: `${w.authRegistry.address}/private/backup:1.0.0` }] });
  const resolveWith = async (name: string, env: Record<string, string | undefined>) => {
    const out = outWithOldBundle(world, good, `login-${name}`);
    const r = await ork(world, resolveArgs(world, writeKomposer(world, `login-${name}`, imports(world)), out, '--json'), { env });
    return { r, out };
  };
  const helperBin = (script: string): string => {
    const bin = tempDir('cred-bin');
    writeFileSync(join(bin, 'docker-credential-orktest'), `#!/bin/sh\n${script}\n`);
    chmodSync(join(bin, 'docker-credential-orktest'), 0o755);
    return bin;
  };

  it('uses a docker login entry in ~/.docker/config.json', async () => {
    const home = tempDir('login-home');
    writeJson(join(home, '.docker', 'config.json'), { auths: { [world.authRegistry.address]: { auth: Buffer.from(`${user}:${pass}`).toString('base64') } } });
    const { r, out } = await resolveWith('docker', { HOME: home });
    expect(r.code, r.err).to.equal(0);
    expect(JSON.parse(r.out).imports).to.have.length(2);
    expectNoSecrets(world, { stdout: r.out, stderr: r.err, ...outputsOf(out) });
  });

  it("uses Helm's registry config (helm registry login)", async () => {
    const home = tempDir('login-home');
    writeJson(join(home, '.config', 'helm', 'registry', 'config.json'), { auths: { [world.authRegistry.address]: { username: user, password: pass } } });
    const { r } = await resolveWith('helm', { HOME: home });
    expect(r.code, r.err).to.equal(0);
  });

  it('runs the credential helper named by credHelpers, found on PATH', async () => {
    const dir = tempDir('login-cfg');
    writeJson(join(dir, 'config.json'), { credHelpers: { [world.authRegistry.address]: 'orktest' } });
    const bin = helperBin(`read host\n[ "$host" = "${world.authRegistry.address}" ] || exit 7\nprintf '{"Username":"%s","Secret":"%s"}' "${user}" "${pass}"`);
    const { r, out } = await resolveWith('helper', { DOCKER_CONFIG: dir, PATH: `${bin}:/usr/bin:/bin` });
    expect(r.code, r.err).to.equal(0);
    expectNoSecrets(world, { stdout: r.out, stderr: r.err, ...outputsOf(out) });
  });

  it('fails cleanly when the credential store helper fails, naming it and quoting nothing it printed', async () => {
    const dir = tempDir('login-cfg');
    writeJson(join(dir, 'config.json'), { credsStore: 'orktest' });
    const bin = helperBin(`echo "${pass}"\nexit 4`);
    const { r, out } = await resolveWith('helper-fails', { DOCKER_CONFIG: dir, PATH: `${bin}:/usr/bin:/bin` });
    expect(r.code, r.err).to.equal(3);
    const termination = expectFailedCleanly(r, out, 'IMPORT_AUTH_FAILED');
    expect(r.err).to.contain('credential helper docker-credential-orktest failed (exit code 4)');
    expect(termination).to.contain('docker-credential-orktest');
    expect(r.err).not.to.contain(pass);
  });
});

describe('resolver e2e: HTTPS_PROXY and NO_PROXY for imports', function () {
  this.timeout(60_000);
  let world: World;
  let good: string;
  let proxy: ConnectProxy;
  before(async () => {
    world = await getWorld();
    good = await goodBundle(world);
    proxy = await startConnectProxy();
  });
  after(async () => {
    await proxy.close();
  });

  it('fetches a URL import through the proxy, and directly when NO_PROXY names the host', async () => {
    const komposer = writeKomposer(world, 'via-proxy', { files: [{ url: world.url('/bearer/katalog.yaml'), auth: { type: 'bearer', fromEnv: 'BEARER_TOKEN' } }] });
    const host = new URL(world.url('/')).host;
    const via = await ork(world, resolveArgs(world, komposer, outWithOldBundle(world, good, 'via-proxy')), { env: { ...world.env, HTTPS_PROXY: proxy.url } });
    expect(via.code, via.err).to.equal(0);
    expect(proxy.tunnels).to.deep.equal([host]);
    const direct = await ork(world, resolveArgs(world, komposer, outWithOldBundle(world, good, 'no-proxy')), { env: { ...world.env, HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
    expect(direct.code, direct.err).to.equal(0);
    expect(proxy.tunnels).to.have.length(1);
  });
});
