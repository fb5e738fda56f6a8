// Alerts to a real Slack-webhook stand-in on 127.0.0.1: upstream's payload; one alert per team
// interval for one CR and condition while it holds, another CR alerted on its own; the team's
// message template; a failed send retried after a minute, not a whole interval; an undeclared
// team skipped; the webhook's path (its secret) in no warning.
import { expect } from 'chai';
import { Notifier } from '../../../controller/notify/notifier.js';
import { readNotification } from '../../../shared/notify/config.js';
import type { Notice } from '../../../shared/notify/notices.js';
import { startHttpServer, type TestServer } from '../../support/https-server.js';

const SECRET_PATH = '/services/T000/B000/s3cretHookToken';

describe('controller/notify Notifier (a real HTTP server on 127.0.0.1 as the Slack webhook)', function () {
  this.timeout(20_000);
  let server: TestServer;
  let status = 200;
  const bodies: Array<Record<string, unknown>> = [];
  const warnings: string[] = [];
  let now = 0;

  before(async () => {
    server = await startHttpServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        if (req.url === SECRET_PATH) bodies.push(JSON.parse(body));
        res.writeHead(req.url === SECRET_PATH ? status : 404).end(status === 200 ? 'ok' : 'no');
      });
    });
  });
  after(() => server.close());
  beforeEach(() => {
    bodies.length = 0;
    warnings.length = 0;
    status = 200;
    now = 0;
  });

  const notifier = (block: Record<string, unknown>) =>
    new Notifier({ config: readNotification(block)!, katalogName: 'shop-katalog', env: { HOOK: `${server.origin}${SECRET_PATH}` }, now: () => now, warn: (m, f) => warnings.push(`${m} ${JSON.stringify(f)}`) });
  const notice = (name: string, message?: string): Notice => ({
    key: 'status.phase|equals|Failed',
    field: 'status.phase',
    teams: ['ops', 'ghosts'],
    ...(message ? { message } : {}),
    data: { metadata: { name, namespace: 'shop' }, spec: { tier: 'gold' } },
  });

  it('posts upstream\'s payload once per interval per CR and condition; another CR is alerted on its own', async () => {
    const n = notifier({ defaults: { interval: '10m', slackWebhookUrl: '$HOOK' }, teams: { ops: { slack: ['#ops'] } } });
    await n.notify('website', { namespace: 'shop', name: 'a' }, [notice('a', '{{ .metadata.name }} failed on tier {{ .spec.tier }}')]);
    expect(bodies).to.have.length(1);
    expect(bodies[0]).to.deep.equal({
      text: 'a failed on tier gold',
      attachments: [{ color: 'warning', fields: [{ title: 'Katalog', value: 'shop-katalog', short: true }, { title: 'Team', value: 'ops', short: true }, { title: 'CR', value: 'shop/a', short: true }] }],
    });
    now += 9 * 60_000;
    await n.notify('website', { namespace: 'shop', name: 'a' }, [notice('a')]);
    expect(bodies).to.have.length(1);
    await n.notify('website', { namespace: 'shop', name: 'b' }, [notice('b')]);
    expect(bodies).to.have.length(2);
    expect(bodies[1]!.text).to.equal('[orkestra] shop/b: condition triggered');
    now += 61_000;
    await n.notify('website', { namespace: 'shop', name: 'a' }, [notice('a')]);
    expect(bodies).to.have.length(3);
  });

  it('uses the team\'s message; retries a failed send after a minute; never shows the webhook path', async () => {
    const n = notifier({ teams: { ops: { slack: '#ops', slackWebhookUrl: '$HOOK', message: 'team says {{ .metadata.name }}', interval: '1h' } } });
    status = 500;
    await n.notify('website', { namespace: 'shop', name: 'a' }, [notice('a')]);
    expect(bodies).to.have.length(1);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include('HTTP 500').and.include(server.origin).and.not.include('s3cret');
    status = 200;
    now += 30_000;
    await n.notify('website', { namespace: 'shop', name: 'a' }, [notice('a')]);
    expect(bodies).to.have.length(1);
    now += 31_000;
    await n.notify('website', { namespace: 'shop', name: 'a' }, [notice('a')]);
    expect(bodies).to.have.length(2);
    expect(bodies[1]!.text).to.equal('team says a');
  });

  it('sends nothing when disabled, to undeclared teams, or without any webhook', async () => {
    await notifier({ enabled: false, defaults: { slackWebhookUrl: '$HOOK' }, teams: { ops: { slack: ['#ops'] } } }).notify('website', { namespace: 'shop', name: 'a' }, [notice('a')]);
    await notifier({ defaults: { slackWebhookUrl: '$HOOK' }, teams: { other: { slack: ['#x'] } } }).notify('website', { namespace: 'shop', name: 'a' }, [notice('a')]);
    await notifier({ teams: { ops: { slack: ['#ops'] } } }).notify('website', { namespace: 'shop', name: 'a' }, [notice('a')]);
    expect(bodies).to.have.length(0);
    expect(warnings).to.deep.equal([]);
  });

  it('refuses to post to an http webhook off loopback, naming only its origin', async () => {
    const n = new Notifier({ config: readNotification({ teams: { ops: { slack: ['#ops'], slackWebhookUrl: 'http://hooks.example.com/services/T/B/s3cret' } } })!, katalogName: 'k', env: {}, now: () => now, warn: (m, f) => warnings.push(`${m} ${JSON.stringify(f)}`) });
    await n.notify('website', { name: 'a' }, [notice('a')]);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include('must be an https URL').and.include('http://hooks.example.com').and.not.include('s3cret');
  });
});
