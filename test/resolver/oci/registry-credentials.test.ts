// Choosing the credential for a pull: auth: variables first, then the registry configs in order
// (a named one, ~/.docker, Helm's), running a helper when a config names one.
import { expect } from 'chai';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newCredentialCache, registryCredentials } from '../../../resolver/oci/registry-credentials.js';
import { tempDir } from '../../support/tools.js';
import { rejection } from '../../support/errors.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

function writeJson(path: string, value: unknown): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(value));
}

describe('resolver/oci/registry-credentials', () => {
  it('prefers the import\'s auth: variables over any config', async () => {
    const home = tempDir('home');
    writeJson(join(home, '.docker', 'config.json'), { auths: { 'r.io': { auth: b64('cfg:pw') } } });
    const got = await registryCredentials('r.io', { type: 'basic', usernameFromEnv: 'U', passwordFromEnv: 'P' }, { env: { HOME: home, U: 'env', P: 'envpw' } }, 'l');
    expect(got).to.deep.equal({ authorization: `Basic ${b64('env:envpw')}`, origin: ['$U', '$P'] });
  });

  it('reads ~/.docker/config.json by default, then Helm\'s registry config', async () => {
    const home = tempDir('home');
    writeJson(join(home, '.docker', 'config.json'), { auths: { 'docker.only': { auth: b64('d:pw1') } } });
    writeJson(join(home, '.config', 'helm', 'registry', 'config.json'), { auths: { 'helm.only': { auth: b64('h:pw2') } } });
    expect(await registryCredentials('docker.only', undefined, { env: { HOME: home } }, 'l')).to.deep.equal({
      authorization: `Basic ${b64('d:pw1')}`,
      origin: [join(home, '.docker', 'config.json')],
    });
    expect((await registryCredentials('helm.only', undefined, { env: { HOME: home } }, 'l')).authorization).to.equal(`Basic ${b64('h:pw2')}`);
    expect(await registryCredentials('neither.io', undefined, { env: { HOME: home } }, 'l')).to.deep.equal({ origin: [] });
  });

  it('is anonymous when no config exists at the default places', async () => {
    expect(await registryCredentials('r.io', undefined, { env: { HOME: tempDir('empty-home') } }, 'l')).to.deep.equal({ origin: [] });
  });

  it('runs the helper a config names and says where the credential came from', async () => {
    const dir = tempDir('cfg');
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'docker-credential-vault'), '#!/bin/sh\ncat >/dev/null\necho \'{"Username":"<token>","Secret":"id-tok-777"}\'\n');
    chmodSync(join(bin, 'docker-credential-vault'), 0o755);
    writeJson(join(dir, 'config.json'), { credHelpers: { 'r.io': 'vault' } });
    const got = await registryCredentials('r.io', undefined, { env: { DOCKER_CONFIG: dir, PATH: `${bin}:/usr/bin:/bin` } }, 'l');
    expect(got.identityToken).to.equal('id-tok-777');
    expect(got.origin[0]).to.equal(`docker-credential-vault (named in ${join(dir, 'config.json')})`);
  });

  it('runs a helper once per registry in one resolve, shared by concurrent imports; a failed run is not shared', async () => {
    const dir = tempDir('cfg-cache');
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const runs = join(dir, 'runs');
    writeFileSync(join(bin, 'docker-credential-count'), `#!/bin/sh\nread host\necho "$host" >> ${runs}\n[ "$host" = "bad.io" ] && { echo 'no credentials' >&2; exit 1; }\necho '{"Username":"u","Secret":"s-1"}'\n`);
    chmodSync(join(bin, 'docker-credential-count'), 0o755);
    writeJson(join(dir, 'config.json'), { credHelpers: { 'r.io': 'count', 'q.io': 'count', 'bad.io': 'count' } });
    const context = { env: { DOCKER_CONFIG: dir, PATH: `${bin}:/usr/bin:/bin` }, registryCredentials: newCredentialCache() };
    const got = await Promise.all(['r.io', 'r.io', 'q.io', 'r.io'].map((registry, i) => registryCredentials(registry, undefined, context, `import ${i}`)));
    expect(got.map((g) => g.authorization)).to.deep.equal(Array(4).fill(`Basic ${b64('u:s-1')}`));
    expect(readFileSync(runs, 'utf8').split('\n').filter(Boolean).sort()).to.deep.equal(['q.io', 'r.io']);
    for (const label of ['first', 'second']) {
      const e = await rejection(registryCredentials('bad.io', undefined, context, label));
      expect(e.source).to.equal(label);
    }
    expect(readFileSync(runs, 'utf8').split('\n').filter((l) => l === 'bad.io')).to.have.length(2);
  });

  it('refuses a named config that does not exist, naming it', async () => {
    const e = await rejection(registryCredentials('r.io', undefined, { env: { DOCKER_CONFIG: '/nonexistent/dir' } }, 'l'));
    expect(e.code).to.equal('IMPORT_AUTH_MISSING');
    expect(e.message).to.contain('/nonexistent/dir/config.json');
  });
});
