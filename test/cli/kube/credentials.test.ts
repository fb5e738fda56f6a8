import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeConfig } from '../../../cli/kube/config.js';
import { credentialSourceFor } from '../../../cli/kube/credentials.js';
import { tempDir } from '../../support/tools.js';

const base = { source: 'test', server: 'https://127.0.0.1:1', insecureSkipTLSVerify: false };

describe('cli/kube/credentials', () => {
  it('static token, basic auth and client certificate never refresh', async () => {
    const token = credentialSourceFor({ ...base, auth: { type: 'token', token: 'abc' }, clientCert: { cert: 'C', key: 'K' } });
    expect(await token.get()).to.deep.equal({ authorization: 'Bearer abc', clientCert: { cert: 'C', key: 'K' } });
    expect(token.invalidate()).to.equal(false);
    const basic = credentialSourceFor({ ...base, auth: { type: 'basic', username: 'ann', password: 'p:w' } });
    expect((await basic.get()).authorization).to.equal(`Basic ${Buffer.from('ann:p:w').toString('base64')}`);
    expect(await credentialSourceFor({ ...base, auth: { type: 'none' } }).get()).to.deep.equal({});
  });

  it('re-reads a token file after reloadMs and after invalidate (rotating service-account tokens)', async () => {
    const dir = tempDir('token');
    const path = join(dir, 'token');
    writeFileSync(path, 'one\n');
    let now = 0;
    const config: KubeConfig = { ...base, auth: { type: 'tokenFile', path, reloadMs: 60_000 } };
    const creds = credentialSourceFor(config, { now: () => now });
    expect((await creds.get()).authorization).to.equal('Bearer one');
    writeFileSync(path, 'two\n');
    now = 59_999;
    expect((await creds.get()).authorization).to.equal('Bearer one');
    now = 60_000;
    expect((await creds.get()).authorization).to.equal('Bearer two');
    writeFileSync(path, 'three');
    expect(creds.invalidate()).to.equal(true);
    expect((await creds.get()).authorization).to.equal('Bearer three');
  });

  it('says which token file is missing or empty', async () => {
    const dir = tempDir('token');
    const missing = credentialSourceFor({ ...base, auth: { type: 'tokenFile', path: join(dir, 'nope'), reloadMs: 1 } });
    expect(((await missing.get().catch((e: unknown) => e)) as Error).message).to.match(/cannot read token file .*nope \(no such file\)/);
    writeFileSync(join(dir, 'empty'), '\n');
    const empty = credentialSourceFor({ ...base, auth: { type: 'tokenFile', path: join(dir, 'empty'), reloadMs: 1 } });
    expect(((await empty.get().catch((e: unknown) => e)) as Error).message).to.match(/token file .*empty is empty/);
  });
});
