import { expect } from 'chai';
import { OrkError, describeError, formatIssue } from '../../shared/errors.js';
import { forgetSecretsForTests, registerBasicCredential, registerSecret, scrubSecrets } from '../../shared/secrets.js';

describe('shared/secrets', () => {
  afterEach(() => forgetSecretsForTests());

  it('replaces a registered value, its JSON-escaped and base64 forms', () => {
    const secret = 'tok"en-Zq9x/+=';
    registerSecret(secret);
    const b64 = Buffer.from(secret).toString('base64');
    const text = `raw ${secret} json ${JSON.stringify(secret)} b64 ${b64} url ${encodeURIComponent(secret)}`;
    const scrubbed = scrubSecrets(text);
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), b64, encodeURIComponent(secret)]) expect(scrubbed).not.to.contain(form);
    expect(scrubbed).to.contain('raw ***');
  });

  it('covers the basic-auth header token, base64(user:password)', () => {
    registerBasicCredential('reader', 'pa55word-77');
    const header = `Basic ${Buffer.from('reader:pa55word-77').toString('base64')}`;
    expect(scrubSecrets(`got ${header}`)).to.equal('got Basic ***');
    expect(scrubSecrets('user reader')).to.equal('user reader');
  });

  it('is applied wherever an error or issue is formatted', () => {
    registerSecret('bearer-abcdef');
    const e = new OrkError('KATALOG_INVALID', 'found "Bearer bearer-abcdef"', { source: 'url:https://x/k.yaml' });
    expect(describeError(e)).to.deep.equal(['url:https://x/k.yaml: found "Bearer ***"']);
    expect(formatIssue({ file: 'f', path: 'kind', message: 'found "bearer-abcdef"' })).to.equal('f: kind: found "***"');
  });

  it('leaves values too short to keep apart from ordinary words alone', () => {
    registerSecret('abc');
    expect(scrubSecrets('abc def')).to.equal('abc def');
  });
});
