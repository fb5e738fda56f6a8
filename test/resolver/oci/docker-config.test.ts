import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { credentialsFromDockerConfig, dockerConfigFiles, normaliseAuthKey, readDockerCredentials } from '../../../resolver/oci/docker-config.js';
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

  const header = (authorization: string) => ({ kind: 'header', authorization });
  const cases: Array<{ title: string; config: unknown; host: string; want: unknown }> = [
    { title: 'auth (base64 user:password)', config: { auths: { 'r.io': { auth: b64('u:p:w') } } }, host: 'r.io', want: header(`Basic ${b64('u:p:w')}`) },
    { title: 'username and password', config: { auths: { 'https://r.io': { username: 'u', password: 'p' } } }, host: 'r.io', want: header(`Basic ${b64('u:p')}`) },
    { title: 'a registry token', config: { auths: { 'r.io': { registrytoken: 'T' } } }, host: 'r.io', want: header('Bearer T') },
    { title: 'an identity token', config: { auths: { 'r.io': { identitytoken: 'refresh-me' } } }, host: 'r.io', want: { kind: 'identity-token', token: 'refresh-me' } },
    { title: 'a credential helper for the host, which wins over auths', config: { auths: { 'r.io': { auth: b64('u:p') } }, credHelpers: { 'r.io': 'ecr-login' } }, host: 'r.io', want: { kind: 'helper', program: 'ecr-login' } },
    { title: 'auths before the credential store', config: { auths: { 'r.io': { auth: b64('u:p') } }, credsStore: 'desktop' }, host: 'r.io', want: header(`Basic ${b64('u:p')}`) },
    { title: 'the credential store behind an empty auths placeholder', config: { auths: { 'r.io': {} }, credsStore: 'pass' }, host: 'r.io', want: { kind: 'helper', program: 'pass' } },
    { title: 'a helper for another host only', config: { credHelpers: { 'other.io': 'gcloud' } }, host: 'r.io', want: undefined },
    { title: 'Docker Hub under its legacy key', config: { auths: { 'https://index.docker.io/v1/': { auth: b64('u:p') } } }, host: 'docker.io', want: header(`Basic ${b64('u:p')}`) },
    { title: 'another host only', config: { auths: { 'other.io': { auth: b64('u:p') } } }, host: 'r.io', want: undefined },
    { title: 'no auths at all', config: {}, host: 'r.io', want: undefined },
    { title: 'a port-qualified host that differs by port', config: { auths: { 'r.io:5000': { auth: b64('u:p') } } }, host: 'r.io', want: undefined },
  ];
  for (const c of cases) {
    it(`reads ${c.title}`, () => {
      expect(credentialsFromDockerConfig(c.config, c.host, 'l', 'config.json')).to.deep.equal(c.want);
    });
  }

  const bad: Array<{ title: string; config: unknown; code: string; says: RegExp }> = [
    { title: 'a non-object', config: [], code: 'IMPORT_INVALID', says: /not a docker config/ },
    { title: 'a malformed auth', config: { auths: { 'r.io': { auth: b64('nocolon') } } }, code: 'IMPORT_INVALID', says: /user:password/ },
    { title: 'auths that is not an object', config: { auths: ['secret-id-token'] }, code: 'IMPORT_INVALID', says: /"auths" must be an object/ },
    { title: 'a helper name with a path', config: { credHelpers: { 'r.io': '../../bin/sh' } }, code: 'IMPORT_INVALID', says: /credHelpers\["r.io"\] must name a credential helper/ },
    { title: 'a credential store that is not a name', config: { credsStore: 42 }, code: 'IMPORT_INVALID', says: /credsStore must name a credential helper/ },
  ];
  for (const c of bad) {
    it(`refuses ${c.title}`, () => {
      const e = thrown(() => credentialsFromDockerConfig(c.config, 'r.io', 'l', 'config.json'));
      expect(e.code).to.equal(c.code);
      expect(e.message).to.match(c.says);
      expect(e.message).not.to.contain('secret-id-token');
      expect(e.message).to.contain('config.json');
    });
  }

  it('consults the named config (option, then $DOCKER_CONFIG) or ~/.docker, then Helm\'s registry config', () => {
    const dir = tempDir('dockercfg');
    writeFileSync(join(dir, 'config.json'), '{}');
    const at = (path: string, required: boolean) => ({ path, required });
    expect(dockerConfigFiles({}, join(dir, 'config.json'))).to.deep.equal([at(join(dir, 'config.json'), true)]);
    expect(dockerConfigFiles({}, dir)).to.deep.equal([at(join(dir, 'config.json'), true)]);
    expect(dockerConfigFiles({ DOCKER_CONFIG: dir })).to.deep.equal([at(join(dir, 'config.json'), true)]);
    expect(dockerConfigFiles({ DOCKER_CONFIG: '/elsewhere' }, dir)).to.deep.equal([at(join(dir, 'config.json'), true)]);
    expect(dockerConfigFiles({ HOME: '/home/u' })).to.deep.equal([
      at('/home/u/.docker/config.json', false),
      at('/home/u/.config/helm/registry/config.json', false),
    ]);
    expect(dockerConfigFiles({ HOME: '/home/u', XDG_CONFIG_HOME: '/xdg', DOCKER_CONFIG: '' })).to.deep.equal([
      at('/home/u/.docker/config.json', false),
      at('/xdg/helm/registry/config.json', false),
    ]);
    expect(dockerConfigFiles({ HELM_REGISTRY_CONFIG: '/h/reg.json' })).to.deep.equal([at('/h/reg.json', true)]);
    expect(dockerConfigFiles({})).to.deep.equal([]);
  });

  it('reads a file, and reports a missing or non-JSON file without quoting its content', async () => {
    const dir = tempDir('dockercfg');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ auths: { 'r.io': { auth: b64('u:p') } } }));
    const named = { path: file, required: true };
    expect(await readDockerCredentials(named, 'r.io', 'l')).to.deep.equal({ kind: 'header', authorization: `Basic ${b64('u:p')}` });
    writeFileSync(file, '{"auths": {"r.io": {"auth": "hunter2-secret"');
    const e = await readDockerCredentials(named, 'r.io', 'l').catch((x: unknown) => x as OrkError);
    expect((e as OrkError).code).to.equal('IMPORT_INVALID');
    expect((e as OrkError).message).not.to.contain('hunter2');
    const missing = await readDockerCredentials({ path: join(dir, 'nope.json'), required: true }, 'r.io', 'l').catch((x: unknown) => x as OrkError);
    expect((missing as OrkError).code).to.equal('IMPORT_AUTH_MISSING');
    expect((missing as OrkError).message).to.contain('nope.json');
    expect(await readDockerCredentials({ path: join(dir, 'nope.json'), required: false }, 'r.io', 'l')).to.equal(undefined);
  });
});
