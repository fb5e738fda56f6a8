import { expect } from 'chai';
import type { Auth } from '../../../shared/katalog/types.js';
import { authorizationHeader, authVariables } from '../../../resolver/net/auth.js';
import { OrkError } from '../../../shared/errors.js';

const TOKEN = 'tok-1f2e3d4c';

function thrown(fn: () => unknown): OrkError {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(OrkError);
    return err as OrkError;
  }
  throw new Error('expected a throw');
}

describe('resolver/sources/auth', () => {
  const ok: Array<[string, Auth | undefined, Record<string, string>, string | undefined]> = [
    ['no auth', undefined, {}, undefined],
    ['bearer', { type: 'bearer', fromEnv: 'T' }, { T: TOKEN }, `Bearer ${TOKEN}`],
    ['github', { type: 'github', fromEnv: 'GITHUB_TOKEN' }, { GITHUB_TOKEN: TOKEN }, `Bearer ${TOKEN}`],
    ['basic', { type: 'basic', usernameFromEnv: 'U', passwordFromEnv: 'P' }, { U: 'alice', P: 'pä ss' },
      `Basic ${Buffer.from('alice:pä ss').toString('base64')}`],
  ];
  for (const [name, auth, env, header] of ok) {
    it(`${name} → ${header ?? 'no header'}`, () => expect(authorizationHeader(auth, env, 'url:x')).to.equal(header));
  }

  const bad: Array<[string, Auth, Record<string, string | undefined>, string, string]> = [
    ['unset bearer variable', { type: 'bearer', fromEnv: 'MY_TOKEN' }, {}, 'IMPORT_AUTH_MISSING', 'MY_TOKEN is not set'],
    ['empty bearer variable', { type: 'github', fromEnv: 'MY_TOKEN' }, { MY_TOKEN: '' }, 'IMPORT_AUTH_MISSING', 'MY_TOKEN is empty'],
    ['unset password', { type: 'basic', usernameFromEnv: 'U', passwordFromEnv: 'PW' }, { U: 'alice' }, 'IMPORT_AUTH_MISSING', 'PW is not set'],
    ['empty user', { type: 'basic', usernameFromEnv: 'U', passwordFromEnv: 'PW' }, { U: '', PW: TOKEN }, 'IMPORT_AUTH_MISSING', 'U is empty'],
    ['colon in user', { type: 'basic', usernameFromEnv: 'U', passwordFromEnv: 'PW' }, { U: `a:${TOKEN}`, PW: TOKEN }, 'IMPORT_INVALID', "$U contains ':'"],
    ['line break in token', { type: 'bearer', fromEnv: 'T' }, { T: `${TOKEN}\n` }, 'IMPORT_INVALID', 'T contains a line break'],
    ['no variable named', { type: 'bearer', fromEnv: '' }, {}, 'IMPORT_INVALID', 'auth.fromEnv must name'],
    ['unknown type', { type: 'oauth', fromEnv: 'T' } as unknown as Auth, { T: TOKEN }, 'IMPORT_INVALID', 'auth.type must be one of'],
  ];
  for (const [name, auth, env, code, words] of bad) {
    it(`${name} → ${code}`, () => {
      const err = thrown(() => authorizationHeader(auth, env, 'url:https://h/x'));
      expect(err.code).to.equal(code);
      expect(err.message).to.contain(words);
      expect(err.source).to.equal('url:https://h/x');
      expect(`${err.message} ${err.source}`).not.to.contain(TOKEN);
    });
  }

  it('authVariables lists the variables an auth block reads', () => {
    expect(authVariables(undefined)).to.deep.equal([]);
    expect(authVariables({ type: 'github', fromEnv: 'G' })).to.deep.equal(['G']);
    expect(authVariables({ type: 'basic', usernameFromEnv: 'U', passwordFromEnv: 'P' })).to.deep.equal(['U', 'P']);
  });
});
