// Acceptance: credentials for HTTPS URLs (bearer, github, basic) and for an htpasswd registry fail
// with distinct, worded errors when the variable is unset, empty or wrong, or the server refuses
// (401, 403, 404) — exit 2 for a missing variable (configuration), 3 for a refusal (fetch); the
// output directory is left without a bundle and no credential shows up anywhere.
import { expect } from 'chai';
import type { World } from './world.js';
import { expectFailedCleanly, expectNoSecrets, ork, outWithOldBundle, outputsOf, resolveArgs, writeKomposer, useWorldAndGoodBundle } from './run.js';

interface AuthCase {
  name: string;
  imports: (w: World) => object;
  env: (w: World) => Record<string, string | undefined>;
  exit: number;
  code: string;
  says: RegExp;
  /** A wrong value the case sends: it must not leak either. */
  wrong?: string;
}

const bearer = (w: World, path = '/bearer/katalog.yaml') => ({ files: [{ url: w.url(path), auth: { type: 'bearer', fromEnv: 'BEARER_TOKEN' } }] });
const github = (w: World, path = '/github/katalog.yaml') => ({ files: [{ url: w.url(path), auth: { type: 'github', fromEnv: 'GITHUB_TOKEN' } }] });
const basic = (w: World) => ({ files: [{ url: w.url('/basic/katalog.yaml'), auth: { type: 'basic', usernameFromEnv: 'BASIC_USER', passwordFromEnv: 'BASIC_PASS' } }] });
const registry = (w: World, auth = true) => ({
  oci: [{ ref: `${w.authRegistry.address}/private/backup:1.0.0`, ...(auth ? { auth: { type: 'basic', usernameFromEnv: 'REG_USER', passwordFromEnv: 'REG_PASS' } } : {}) }],
});
const without = (w: World, name: string) => ({ ...w.env, [name]: undefined });
const WRONG = 'wrong-value-7f3a9c1e';

const cases: AuthCase[] = [
  { name: 'bearer: variable unset', imports: bearer, env: (w) => without(w, 'BEARER_TOKEN'), exit: 2, code: 'IMPORT_AUTH_MISSING', says: /environment variable BEARER_TOKEN is not set; export it/ },
  { name: 'bearer: variable empty', imports: bearer, env: (w) => ({ ...w.env, BEARER_TOKEN: '' }), exit: 2, code: 'IMPORT_AUTH_MISSING', says: /environment variable BEARER_TOKEN is empty/ },
  { name: 'bearer: wrong token (401)', imports: bearer, env: (w) => ({ ...w.env, BEARER_TOKEN: WRONG }), exit: 3, code: 'IMPORT_AUTH_FAILED', says: /credentials in \$BEARER_TOKEN were rejected \(401\)/, wrong: WRONG },
  { name: 'github: variable unset', imports: github, env: (w) => without(w, 'GITHUB_TOKEN'), exit: 2, code: 'IMPORT_AUTH_MISSING', says: /GITHUB_TOKEN is not set/ },
  { name: 'github: token without access (403)', imports: (w) => github(w, '/github/forbidden.yaml'), env: (w) => w.env, exit: 3, code: 'IMPORT_AUTH_FAILED', says: /credentials in \$GITHUB_TOKEN lack access \(403\)/ },
  { name: 'github: missing file behind a token (404)', imports: (w) => github(w, '/github/missing.yaml'), env: (w) => w.env, exit: 3, code: 'IMPORT_NOT_FOUND', says: /not found \(404\); check the address, and that \$GITHUB_TOKEN holds a token that can read it/ },
  { name: 'no auth: on a protected URL (401)', imports: (w) => ({ files: [w.url('/github/katalog.yaml')] }), env: (w) => w.env, exit: 3, code: 'IMPORT_AUTH_FAILED', says: /the server requires credentials \(401\); add auth:/ },
  { name: 'basic: username unset', imports: basic, env: (w) => without(w, 'BASIC_USER'), exit: 2, code: 'IMPORT_AUTH_MISSING', says: /BASIC_USER is not set/ },
  { name: 'basic: password empty', imports: basic, env: (w) => ({ ...w.env, BASIC_PASS: '' }), exit: 2, code: 'IMPORT_AUTH_MISSING', says: /BASIC_PASS is empty/ },
  { name: 'basic: wrong password (401)', imports: basic, env: (w) => ({ ...w.env, BASIC_PASS: WRONG }), exit: 3, code: 'IMPORT_AUTH_FAILED', says: /credentials in \$BASIC_USER and \$BASIC_PASS were rejected \(401\)/, wrong: WRONG },
  { name: 'registry: password unset', imports: registry, env: (w) => without(w, 'REG_PASS'), exit: 2, code: 'IMPORT_AUTH_MISSING', says: /REG_PASS is not set/ },
  { name: 'registry: wrong password', imports: registry, env: (w) => ({ ...w.env, REG_PASS: WRONG }), exit: 3, code: 'IMPORT_AUTH_FAILED', says: /REG_USER/, wrong: WRONG },
  { name: 'registry: no auth at all', imports: (w) => registry(w, false), env: (w) => w.env, exit: 3, code: 'IMPORT_AUTH_FAILED', says: /requires|credentials/ },
];

describe('resolver e2e: credentials — right env succeeds, unset/empty/wrong each fail with their own words', function () {
  this.timeout(60_000);
  const { world, good } = useWorldAndGoodBundle();

  it('succeeds with each kind of credential on its own (bearer, github, basic, htpasswd registry)', async () => {
    // The backup artifact depends on the open registry's database CRD, so that one comes along.
    const withDatabase = (w: World) => ({ oci: [{ ref: `${w.registry.address}/orkestra/postgres:1.4.0` }, ...registry(w).oci] });
    for (const [name, imports] of [['bearer', bearer], ['github', github], ['basic', basic], ['registry', withDatabase]] as const) {
      const out = outWithOldBundle(world(), good(), `auth-ok-${name}`);
      const r = await ork(world(), resolveArgs(world(), writeKomposer(world(), `auth-ok-${name}`, imports(world())), out, '--json'));
      expect(r.code, `${name}: ${r.err}`).to.equal(0);
      expect(JSON.parse(r.out).imports).to.have.length(name === 'registry' ? 2 : 1);
      expectNoSecrets(world(), { stdout: r.out, stderr: r.err, ...outputsOf(out) });
    }
  });

  const messages = new Map<string, string>();
  for (const [index, c] of cases.entries()) {
    it(`${c.name} → exit ${c.exit}, ${c.code}, worded`, async () => {
      const out = outWithOldBundle(world(), good(), 'auth-fail');
      const file = writeKomposer(world(), `auth-case-${index}`, c.imports(world()));
      const r = await ork(world(), resolveArgs(world(), file, out), { env: c.env(world()) });
      expect(r.code, r.err).to.equal(c.exit);
      const termination = expectFailedCleanly(r, out, c.code);
      expect(r.err).to.match(c.says);
      expect(termination).to.match(c.says);
      const texts = { stdout: r.out, stderr: r.err, ...outputsOf(out) };
      expectNoSecrets(world(), texts);
      if (c.wrong) for (const text of Object.values(texts)) expect(text).not.to.contain(c.wrong);
      messages.set(c.name, r.err.split('\n')[0]!.replace(/^\S+: /, ''));
    });
  }

  it('words every case differently', function () {
    if (messages.size !== cases.length) this.skip();
    expect(new Set(messages.values()).size).to.equal(cases.length);
  });
});
