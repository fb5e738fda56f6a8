import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { credentialsFromDockerConfig, dockerConfigPath, normaliseAuthKey, readDockerCredentials } from '../../../resolver/oci/docker-config.js';
import { OrkError } from '../../../shared/errors.js';
import { tempDir } from '../../support/tools.js';
import { thrown } from '../../support/errors.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('resolver/oci/docker-config', () => {
  const keys: Array<[string, string]> = [
    ['registry.example.org', 'registry.example.org'],
    ['https://registry.example.org', 'registry.example.org'],
    ['http://127.0.0.1:5000/', '127.0.0.1:5000'],
    ['https://index.docker.io/v1/', 'index.docker.io'],
    ['Registry.Example.org:443', 'registry.example.org:443'],
  ];
  for (const [key, want] of keys) {
    it(`normalises the auths key ${key}`, () => expect(normaliseAuthKey(key)).to.equal(want));
  }

  const cases: Array<{ title: string; config: unknown; host: string; want: string | undefined }> = [
    { title: 'auth (base64 user:password)', config: { auths: { 'r.io': { auth: b64('u:p:w') } } }, host: 'r.io', want: `Basic ${b64('u:p:w')}` },
    { title: 'username and password', config: { auths: { 'https://r.io': { username: 'u', password: 'p' } } }, host: 'r.io', want: `Basic ${b64('u:p')}` },
    { title: 'a registry token', config: { auths: { 'r.io': { registrytoken: 'T' } } }, host: 'r.io', want: 'Bearer T' },
    { title: 'Docker Hub under its legacy key', config: { auths: { 'https://index.docker.io/v1/': { auth: b64('u:p') } } }, host: 'docker.io', want: `Basic ${b64('u:p')}` },
    { title: 'another host only', config: { auths: { 'other.io': { auth: b64('u:p') } } }, host: 'r.io', want: undefined },
    { title: 'no auths at all', config: {}, host: 'r.io', want: undefined },
    { title: 'a port-qualified host that differs by port', config: { auths: { 'r.io:5000': { auth: b64('u:p') } } }, host: 'r.io', want: undefined },
  ];
  for (const c of cases) {
    it(`reads ${c.title}`, () => {
      expect(credentialsFromDockerConfig(c.config, c.host, 'l', 'config.json')).to.equal(c.want);
    });
  }

  const bad: Array<{ title: string; config: unknown; code: string; says: RegExp }> = [
    { title: 'a non-object', config: [], code: 'IMPORT_INVALID', says: /not a docker config/ },
    { title: 'a malformed auth', config: { auths: { 'r.io': { auth: b64('nocolon') } } }, code: 'IMPORT_INVALID', says: /user:password/ },
    { title: 'only an identity token', config: { auths: { 'r.io': { identitytoken: 'secret-id-token' } } }, code: 'IMPORT_INVALID', says: /identity token/ },
    { title: 'a credential helper', config: { credHelpers: { 'r.io': 'ecr-login' } }, code: 'IMPORT_AUTH_MISSING', says: /helper/ },
    { title: 'a credential store', config: { credsStore: 'desktop' }, code: 'IMPORT_AUTH_MISSING', says: /helper/ },
  ];
  for (const c of bad) {
    it(`refuses ${c.title}`, () => {
      const e = thrown(() => credentialsFromDockerConfig(c.config, 'r.io', 'l', 'config.json'));
      expect(e.code).to.equal(c.code);
      expect(e.message).to.match(c.says);
      expect(e.message).not.to.contain('secret-id-token');
    });
  }

  it('finds config.json from an option (file or directory) or $DOCKER_CONFIG, never from $HOME', () => {
    const dir = tempDir('dockercfg');
    writeFileSync(join(dir, 'config.json'), '{}');
    expect(dockerConfigPath({}, join(dir, 'config.json'))).to.equal(join(dir, 'config.json'));
    expect(dockerConfigPath({}, dir)).to.equal(join(dir, 'config.json'));
    expect(dockerConfigPath({ DOCKER_CONFIG: dir })).to.equal(join(dir, 'config.json'));
    expect(dockerConfigPath({ DOCKER_CONFIG: '/elsewhere' }, dir)).to.equal(join(dir, 'config.json'));
    expect(dockerConfigPath({ HOME: dir })).to.equal(undefined);
    expect(dockerConfigPath({ DOCKER_CONFIG: '' })).to.equal(undefined);
  });

  it('reads a file, and reports a missing or non-JSON file without quoting its content', async () => {
    const dir = tempDir('dockercfg');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ auths: { 'r.io': { auth: b64('u:p') } } }));
    expect(await readDockerCredentials(file, 'r.io', 'l')).to.equal(`Basic ${b64('u:p')}`);
    writeFileSync(file, '{"auths": {"r.io": {"auth": "hunter2-secret"');
    const e = await readDockerCredentials(file, 'r.io', 'l').catch((x: unknown) => x as OrkError);
    expect((e as OrkError).code).to.equal('IMPORT_INVALID');
    expect((e as OrkError).message).not.to.contain('hunter2');
    const missing = await readDockerCredentials(join(dir, 'nope.json'), 'r.io', 'l').catch((x: unknown) => x as OrkError);
    expect((missing as OrkError).code).to.equal('IMPORT_AUTH_MISSING');
    expect((missing as OrkError).message).to.contain('nope.json');
  });
});
