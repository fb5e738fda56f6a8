// `ork webhook`'s flags: the endpoint, the certificate source, the host names and lifetimes they
// give, and the refusals (each naming the flag).
import { expect } from 'chai';
import { hostsOf, INJECT_CA_FROM, webhookSettings } from '../../cli/webhook-flags.js';
import { thrown } from '../support/errors.js';

describe('cli/webhook-flags', () => {
  const env = { POD_NAMESPACE: 'orkestra-system' };

  it('the chart\'s flags: a Service, a managed Secret in the pod\'s namespace, the Service\'s DNS names, default lifetimes', () => {
    const s = webhookSettings({ name: 'rel', service: 'orkestra-system/rel-webhook', 'tls-secret': 'rel-webhook-tls' }, env);
    expect(s.registration).to.deep.equal({ name: 'rel', failurePolicy: 'Fail', endpoint: { service: { namespace: 'orkestra-system', name: 'rel-webhook', port: 443 } } });
    expect(s.certificates).to.deep.equal({
      kind: 'managed-secret', namespace: 'orkestra-system', name: 'rel-webhook-tls',
      hosts: ['rel-webhook.orkestra-system.svc', 'rel-webhook.orkestra-system.svc.cluster.local', 'rel-webhook.orkestra-system', 'rel-webhook'],
      lifetimes: { caMs: 3650 * 86_400_000, servingMs: 365 * 86_400_000 },
    });
    expect(s.renewalCheckMs).to.equal(3_600_000);
  });

  it('cert-manager: an external Secret only read, and the inject-ca-from annotation', () => {
    const s = webhookSettings({ name: 'rel', service: 'ns/svc', 'tls-secret': 'svc-tls', 'tls-secret-external': true, 'inject-ca-from': 'ns/svc-cert', 'failure-policy': 'Ignore' }, env);
    expect(s.certificates).to.deep.equal({ kind: 'external-secret', namespace: 'orkestra-system', name: 'svc-tls' });
    expect(s.registration?.annotations).to.deep.equal({ [INJECT_CA_FROM]: 'ns/svc-cert' });
    expect(s.registration?.failurePolicy).to.equal('Ignore');
  });

  it('a URL: its host in the certificate, kept in memory; short lifetimes for tests', () => {
    const s = webhookSettings({ name: 'dev', url: 'https://127.0.0.1:9443/', host: ['extra.example'], 'cert-lifetime': '45s', 'ca-lifetime': '90s', 'cert-check-interval': '1s' }, {});
    expect(s.registration?.endpoint).to.deep.equal({ url: 'https://127.0.0.1:9443' });
    expect(s.certificates).to.deep.equal({ kind: 'ephemeral', hosts: ['127.0.0.1', 'extra.example'], lifetimes: { caMs: 90_000, servingMs: 45_000 } });
    expect(s.renewalCheckMs).to.equal(1000);
    expect(hostsOf({ url: 'https://[::1]:9443' })).to.deep.equal(['::1']);
  });

  it('--no-register needs no name nor endpoint, only a host for its certificate', () => {
    expect(webhookSettings({ 'no-register': true, host: ['a.example'] }, {}).registration).to.equal(undefined);
  });

  const refusals: [string, Parameters<typeof webhookSettings>[0], RegExp][] = [
    ['no --name', { service: 'a/b' }, /--name is required/],
    ['no endpoint', { name: 'x' }, /--service NAMESPACE\/NAME or --url/],
    ['both endpoints', { name: 'x', service: 'a/b', url: 'https://h:1' }, /exclude each other/],
    ['an http URL', { name: 'x', url: 'http://h:1' }, /--url must be an https URL/],
    ['a bad Service', { name: 'x', service: 'just-a-name' }, /--service must be NAMESPACE\/NAME/],
    ['a bad port', { name: 'x', service: 'a/b', 'service-port': '70000' }, /--service-port must be a port number/],
    ['a bad policy', { name: 'x', service: 'a/b', 'failure-policy': 'Maybe' }, /--failure-policy must be Fail or Ignore/],
    ['a bad duration', { name: 'x', service: 'a/b', 'cert-lifetime': 'soon' }, /--cert-lifetime must be a duration/],
    ['a serving certificate outliving its CA', { name: 'x', service: 'a/b', 'cert-lifetime': '2h', 'ca-lifetime': '1h' }, /must not be longer than --ca-lifetime/],
    ['external without a Secret', { name: 'x', service: 'a/b', 'tls-secret-external': true }, /--tls-secret-external needs --tls-secret/],
    ['a bad inject-ca-from', { name: 'x', service: 'a/b', 'inject-ca-from': 'nope' }, /--inject-ca-from must be NAMESPACE\/CERTIFICATE/],
  ];
  for (const [what, values, message] of refusals) {
    it(`refuses ${what}`, () => {
      const e = thrown(() => webhookSettings(values, env));
      expect(e.code).to.equal('USAGE');
      expect(e.message).to.match(message).and.to.contain("'ork webhook --help'");
    });
  }

  it('a Secret outside a pod needs its namespace', () => {
    expect(thrown(() => webhookSettings({ name: 'x', service: 'a/b', 'tls-secret': 's' }, {})).message).to.match(/--tls-secret-namespace is required/);
  });
});
