// The notification block as the runtime reads it: both spellings, team fallbacks for interval,
// message and webhook (`$NAME` from the environment, then SLACK_WEBHOOK_URL), and bad shapes read
// as absent rather than thrown.
import { expect } from 'chai';
import { DEFAULT_NOTIFY_INTERVAL_MS, DEFAULT_NOTIFY_MESSAGE, readNotification, teamInterval, teamMessage, teamWebhook } from '../../../shared/notify/config.js';

describe('shared/notify config', () => {
  const config = readNotification({
    defaults: { interval: '30m', slackWebhookUrl: '$TEAM_HOOK' },
    teams: {
      ops: { email: 'ops@example.com', slack: ['#ops'], interval: '5m', message: 'ops: {{ .metadata.name }}' },
      dev: { slack: { webhook: 'https://hooks.example.com/dev' } },
      web: { slack: '#web' },
      bad: 'not a team',
    },
  })!;

  it('reads teams in every written form', () => {
    expect(config.enabled).to.equal(true);
    expect(config.teams.get('ops')).to.deep.equal({ email: ['ops@example.com'], slack: ['#ops'], intervalMs: 300_000, message: 'ops: {{ .metadata.name }}' });
    expect(config.teams.get('dev')).to.deep.equal({ email: [], slack: ['(webhook)'], slackWebhookUrl: 'https://hooks.example.com/dev' });
    expect(config.teams.get('web')!.slack).to.deep.equal(['#web']);
    expect(config.teams.has('bad')).to.equal(false);
    expect(readNotification(undefined)).to.equal(undefined);
    expect(readNotification({ enabled: false, slack: { webhook: 'https://h.example.com/x' } })).to.deep.equal({ enabled: false, slackWebhookUrl: 'https://h.example.com/x', teams: new Map() });
  });

  it('falls back team → defaults → upstream for interval and message', () => {
    expect(teamInterval(config, 'ops')).to.equal(300_000);
    expect(teamInterval(config, 'web')).to.equal(1_800_000);
    expect(teamInterval(readNotification({ teams: { a: {} } })!, 'a')).to.equal(DEFAULT_NOTIFY_INTERVAL_MS);
    expect(teamInterval(readNotification({ defaults: { interval: 'soon' }, teams: { a: {} } })!, 'a')).to.equal(DEFAULT_NOTIFY_INTERVAL_MS);
    expect(teamMessage(config, 'ops', 'mine')).to.equal('mine');
    expect(teamMessage(config, 'ops', undefined)).to.equal('ops: {{ .metadata.name }}');
    expect(teamMessage(config, 'web', undefined)).to.equal(DEFAULT_NOTIFY_MESSAGE);
  });

  it('resolves the webhook: the team\'s, the defaults\' ($NAME), else SLACK_WEBHOOK_URL; none when unset', () => {
    const env = { TEAM_HOOK: 'https://hooks.example.com/team', SLACK_WEBHOOK_URL: 'https://hooks.example.com/env' };
    expect(teamWebhook(config, 'dev', env)).to.equal('https://hooks.example.com/dev');
    expect(teamWebhook(config, 'web', env)).to.equal('https://hooks.example.com/team');
    expect(teamWebhook(config, 'web', {})).to.equal(undefined);
    expect(teamWebhook(readNotification({ teams: { a: { slack: ['#a'] } } })!, 'a', env)).to.equal('https://hooks.example.com/env');
  });
});
