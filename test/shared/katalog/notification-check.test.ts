// The notification block and `notify:` at load time: both spellings and the older list form
// load; a bad interval, an http webhook off loopback and an unknown key are refused at the line;
// a team the block does not declare, and a notify without any block, only warn (upstream skips them).
import { expect } from 'chai';
import { parseKatalog } from '../../../shared/katalog/index.js';

const katalog = (notification: string, notify: string) => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: orchard
${notification}spec:
  crds:
    tree:
      apiTypes: {group: orchard.example.org, version: v1, kind: Tree, plural: trees}
      operatorBox:
        status:
          fields:
            - path: phase
              value: Dry
              when:
                - field: spec.water
                  lt: 1
                  notify: ${notify}
`;

const issuesOf = (text: string) => parseKatalog(text, 'k.yaml').issues.map((i) => `${i.severity ?? 'error'} ${i.line}: ${i.path}: ${i.message}`);

describe('shared/katalog notification block and notify', () => {
  it('loads teams in both spellings and notify in both forms, without a word', () => {
    const block = `notification:
  defaults: {interval: 30m, slackWebhookUrl: $SLACK_HOOK}
  slack: {webhook: "https://hooks.slack.com/services/T/B/x"}
  teams:
    ops: {email: [ops@example.com], slack: ["#ops"], interval: 5m, message: "{{ .metadata.name }} is dry"}
    dev: {slack: {webhook: "http://127.0.0.1:9/hook"}}
`;
    expect(issuesOf(katalog(block, '{teams: [ops, dev], message: "dry"}'))).to.deep.equal([]);
    expect(issuesOf(katalog(block, '[ops]'))).to.deep.equal([]);
  });

  it('refuses a bad interval, an http webhook off loopback and an unknown team key at their lines', () => {
    const block = `notification:
  defaults: {interval: soon}
  teams:
    ops: {slackWebhookUrl: "http://hooks.example.com/x", pager: yes}
`;
    const found = issuesOf(katalog(block, '[ops]'));
    expect(found.filter((f) => f.startsWith('error')).length, found.join('\n')).to.be.greaterThanOrEqual(3);
    expect(found.some((f) => f.includes('6: notification.defaults.interval') && f.includes('"soon" is not a duration'))).to.equal(true);
    expect(found.some((f) => f.includes('8: notification.teams.ops.slackWebhookUrl') && f.includes('must be an https URL'))).to.equal(true);
    expect(found.some((f) => f.includes('notification.teams.ops') && f.includes('pager'))).to.equal(true);
  });

  it('warns, never refuses, for a team not declared and a notify without a block', () => {
    expect(issuesOf(katalog('notification:\n  teams: {ops: {slack: ["#ops"]}}\n', '{teams: [ops, sre]}'))).to.deep.equal([
      "warning 19: spec.crds.tree.operatorBox.status.fields[0].when[0].notify: team 'sre' is not in notification.teams, so its alert is skipped; declare it (here or in the Komposer)",
    ]);
    expect(issuesOf(katalog('', '[ops]'))).to.deep.equal([
      'warning 17: spec.crds.tree.operatorBox.status.fields[0].when[0].notify: no notification block declares teams, so this alert is never sent; add notification.teams (here or in the Komposer)',
    ]);
  });
});
