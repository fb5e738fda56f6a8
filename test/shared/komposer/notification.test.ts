// The notification block of a composed Katalog: imported teams merged, the same team twice only if
// equal, the Komposer's settings and teams winning, nothing when no one declares a block.
import { expect } from 'chai';
import { mergeNotification } from '../../../shared/komposer/notification.js';

describe('shared/komposer mergeNotification', () => {
  it('merges the imports\' teams and settings; the Komposer wins by name', () => {
    const { block, issues } = mergeNotification(
      [
        { source: 'file:./a.yaml', block: { defaults: { interval: '5m' }, teams: { ops: { slack: ['#ops'] }, dev: { email: ['d@example.com'] } } } },
        { source: 'file:./b.yaml', block: { defaults: { interval: '5m' }, teams: { ops: { slack: ['#ops'] }, sre: { slack: ['#sre'] } } } },
      ],
      { enabled: true, teams: { dev: { email: ['lead@example.com'] } } },
    );
    expect(issues).to.deep.equal([]);
    expect(block).to.deep.equal({
      defaults: { interval: '5m' },
      enabled: true,
      teams: { ops: { slack: ['#ops'] }, dev: { email: ['lead@example.com'] }, sre: { slack: ['#sre'] } },
    });
  });

  it('refuses a team or setting two imports declare differently, unless the Komposer chooses', () => {
    const imports = [
      { source: 'file:./a.yaml', block: { defaults: { interval: '5m' }, teams: { ops: { slack: ['#ops'] } } } },
      { source: 'file:./b.yaml', block: { defaults: { interval: '1h' }, teams: { ops: { slack: ['#alerts'] } } } },
    ];
    expect(mergeNotification(imports, undefined).issues.map((i) => i.message)).to.deep.equal([
      "notification.defaults is set differently by file:./a.yaml and file:./b.yaml; set it in the Komposer's notification block to choose",
      "notification team 'ops' is declared differently by file:./a.yaml and file:./b.yaml; declare it in the Komposer's notification.teams to choose",
    ]);
    const chosen = mergeNotification(imports, { defaults: { interval: '10m' }, teams: { ops: { slack: ['#ops'] } } });
    expect(chosen.issues).to.deep.equal([]);
    expect(chosen.block).to.deep.equal({ defaults: { interval: '10m' }, teams: { ops: { slack: ['#ops'] } } });
  });

  it('gives no block when nobody declares one', () => {
    expect(mergeNotification([{ source: 'file:./a.yaml', block: undefined }], undefined)).to.deep.equal({ issues: [] });
  });
});
