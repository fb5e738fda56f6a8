// notify: alerts end to end (fixture `notify`) on the real API server, the controller in-process
// posting to a real HTTP server on 127.0.0.1 that stands in for a Slack incoming webhook: a Tank
// below its level alerts once with the team's message; reconciling it again within the interval
// does not repeat the alert; a fine Tank sends nothing until it too runs low.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTER_START_TIMEOUT_MS, newTestNamespace } from '../../support/cluster.js';
import { startHttpServer, type TestServer } from '../../support/https-server.js';
import { fixtureCopy, poll, resolveToBundle, sleep, worldOn, type World } from './world.js';

describe('controller end to end: notify alerts (real API server, real HTTP server as the Slack webhook)', function () {
  this.timeout(60_000);
  let world: World;
  let server: TestServer;
  const alerts: Array<{ text: string; cr: string }> = [];

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    server = await startHttpServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        if (req.url === '/services/T0/B0/hook-secret') {
          const payload = JSON.parse(body) as { text: string; attachments: Array<{ fields: Array<{ title: string; value: string }> }> };
          alerts.push({ text: payload.text, cr: payload.attachments[0]!.fields.find((f) => f.title === 'CR')!.value });
        }
        res.writeHead(200).end('ok');
      });
    });
    const { dir, group } = fixtureCopy('notify');
    const file = join(dir, 'katalog.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('NOTIFY_ORIGIN', server.origin));
    world = await worldOn(await resolveToBundle({ komposer: file, cwd: dir }), group);
    await world.start();
  });
  after(async () => {
    await world?.close();
    await server?.close();
  });

  const client = () => world.cluster.client;
  const tank = (ns: string, name: string, level: number) => ({ apiVersion: `${world.group}/v1`, kind: 'Tank', metadata: { name, namespace: ns }, spec: { level } });
  const statusIs = (ns: string, name: string, phase: string, gauge: string) => poll(`${name} ${phase}/${gauge}`, 20_000, async () => {
    const cr = await client().get(world.crPath('tanks', ns, name)) as { status?: { phase?: string; gauge?: string } };
    return cr.status?.phase === phase && cr.status?.gauge === gauge ? cr : undefined;
  });

  it('alerts a low Tank once per interval, a fine one only once it runs low', async () => {
    const ns = await newTestNamespace('notify');
    await client().post(world.crPath('tanks', ns), tank(ns, 'north', 5));
    await client().post(world.crPath('tanks', ns), tank(ns, 'south', 50));
    await statusIs(ns, 'north', 'Low', '5');
    await statusIs(ns, 'south', 'Fine', '50');
    await poll('the alert for north', 10_000, async () => (alerts.length > 0 ? alerts : undefined));
    expect(alerts).to.deep.equal([{ text: 'north is low (5)', cr: `${ns}/north` }]);

    await client().mergePatch(world.crPath('tanks', ns, 'north'), { spec: { level: 3 } });
    await statusIs(ns, 'north', 'Low', '3');
    await client().mergePatch(world.crPath('tanks', ns, 'south'), { spec: { level: 2 } });
    await statusIs(ns, 'south', 'Low', '2');
    await poll('the alert for south', 10_000, async () => (alerts.length > 1 ? alerts : undefined));
    await sleep(500);
    expect(alerts).to.deep.equal([{ text: 'north is low (5)', cr: `${ns}/north` }, { text: 'south is low (2)', cr: `${ns}/south` }]);
    const sent = world.logs.filter((l) => l.message === 'notification sent');
    expect(sent).to.have.length(2);
    expect(JSON.stringify(world.logs)).not.to.include('hook-secret');
  });
});
