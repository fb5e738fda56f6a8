// Choosing the credential for a pull: auth: variables first, then the registry configs in order
// (a named one, ~/.docker, Helm's), running a helper when a config names one.
import { expect } from 'chai';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registryCredentials } from '../../../resolver/oci/registry-credentials.js';
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

  it('refuses a named config that does not exist, naming it', async () => {
    const e = await rejection(registryCredentials('r.io', undefined, { env: { DOCKER_CONFIG: '/nonexistent/dir' } }, 'l'));
    expect(e.code).to.equal('IMPORT_AUTH_MISSING');
    expect(e.message).to.contain('/nonexistent/dir/config.json');
  });
});
