// Smoke tests of the throw-away OCI registry (test/infra/registry.sh): the distribution API
// answers, and with htpasswd it turns away anonymous and wrong credentials.
import { expect } from 'chai';
import { request } from 'undici';
import { startRegistry } from '../support/registry.js';

const basic = (user: string, password: string) => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');

async function status(url: string, authorization?: string): Promise<{ status: number; challenge: string }> {
  const res = await request(url, { headers: authorization ? { authorization } : {} });
  await res.body.dump();
  return { status: res.statusCode, challenge: String(res.headers['www-authenticate'] ?? '') };
}

describe('infra-smoke: OCI registry', function () {
  this.timeout(60_000);

  it('serves the distribution API without auth by default, on loopback', async function () {
    const registry = await startRegistry();
    expect(registry.address).to.match(/^127\.0\.0\.1:\d+$/);
    expect((await status(`http://${registry.address}/v2/`)).status).to.equal(200);
    const res = await request(`http://${registry.address}/v2/_catalog`);
    expect(await res.body.json()).to.deep.equal({ repositories: [] });
    await registry.stop();
    await registry.stop(); // idempotent
    let refused = false;
    await request(`http://${registry.address}/v2/`).catch(() => { refused = true; });
    expect(refused, 'registry still answers after stop').to.equal(true);
  });

  it('with htpasswd: rejects anonymous and wrong credentials, accepts the right ones', async function () {
    const registry = await startRegistry({ htpasswd: { user: 'alice', password: 'wonderland' } });
    const v2 = `http://${registry.address}/v2/`;
    const anonymous = await status(v2);
    expect(anonymous.status).to.equal(401);
    expect(anonymous.challenge).to.match(/^Basic realm="orkestra-test"/);
    expect((await status(v2, basic('alice', 'wrong'))).status).to.equal(401);
    expect((await status(v2, basic('mallory', 'wonderland'))).status).to.equal(401);
    expect((await status(v2, basic('alice', 'wonderland'))).status).to.equal(200);
  });
});
