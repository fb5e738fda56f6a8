// Acceptance, hardening: a server that echoes the Authorization header into the document it
// serves makes validation quote the credential. No form of it (bearer token, basic password,
// base64(user:password)) may reach stderr or the termination message of the real `ork` process.
import { expect } from 'chai';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { expectFailedCleanly, expectNoSecrets, orkChild, outWithOldBundle, outputsOf, resolveArgs, writeKomposer, useWorldAndGoodBundle } from './run.js';

/** A Katalog whose kind and an unknown key both quote the request's Authorization header. */
function echo(req: IncomingMessage, res: ServerResponse): void {
  const header = req.headers.authorization;
  if (header === undefined) return void res.writeHead(401, { 'www-authenticate': 'Bearer realm="t"' }).end();
  const quoted = JSON.stringify(header);
  res.writeHead(200, { 'content-type': 'application/yaml' }).end(
    `apiVersion: orkestra.orkspace.io/v1\nkind: ${quoted}\nmetadata: {name: echo}\nspec: {crds: {}}\n` +
      `---\napiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: echo2}\nspec:\n  crds:\n    echo:\n      apiTypes: {group: e.example.org, version: v1, kind: Echo, plural: echos}\n      ${quoted}: true\n`,
  );
}

describe('resolver e2e: a credential echoed by the server never reaches any output', function () {
  this.timeout(60_000);
  const { world, good } = useWorldAndGoodBundle();
  before(async () => {
    world().route('/echo/katalog.yaml', echo);
  });

  const auths: [string, object][] = [
    ['bearer', { type: 'bearer', fromEnv: 'BEARER_TOKEN' }],
    ['basic', { type: 'basic', usernameFromEnv: 'BASIC_USER', passwordFromEnv: 'BASIC_PASS' }],
  ];
  for (const [name, auth] of auths) {
    it(`scrubs the ${name} credential from stderr and the termination message`, async () => {
      const out = outWithOldBundle(world(), good(), `echo-${name}`);
      const r = await orkChild(world(), resolveArgs(world(), writeKomposer(world(), `echo-${name}`, { files: [{ url: world().url('/echo/katalog.yaml'), auth }] }), out));
      expect(r.code, r.err).to.equal(2);
      const termination = expectFailedCleanly(r, out, 'KATALOG_INVALID');
      // The echo was quoted (so the test can fail), with the credential replaced.
      expect(r.err).to.match(name === 'bearer' ? /Bearer \*\*\*/ : /Basic \*\*\*/);
      expect(termination).to.contain('***');
      expectNoSecrets(world(), { stdout: r.out, stderr: r.err, ...outputsOf(out) });
    });
  }
});
