// autoscale decisions: the spec with upstream's defaults, metric and clock conditions (aliases
// such as greaterThan included), and the cooldown before the baseline comes back.
import { expect } from 'chai';
import { autoscaleConditionsHold, autoscaleSpec, nextAutoscaleState } from '../../../shared/autoscale/index.js';

const metrics = { queueDepth: 300, workersBusyPercent: 90, workersIdlePercent: 10, reconcileDurationP95Ms: 40, errorRatePercent: 0 };

describe('shared/autoscale', () => {
  it('reads the spec with upstream\'s defaults (15s, 2m); no do: nothing to scale', () => {
    expect(autoscaleSpec({ autoscale: { do: { workers: 8, resync: '20s' } } })).to.deep.equal({ intervalMs: 15_000, cooldownMs: 120_000, when: [], or: [], do: { workers: 8, resyncMs: 20_000 } });
    expect(autoscaleSpec({ autoscale: { profile: 'burst' } })).to.equal(undefined);
  });

  it('when: all hold; or: one holds; metric aliases and clock windows', () => {
    const spec = autoscaleSpec({ autoscale: { conditions: {
      when: [{ field: 'metrics.queueDepth', greaterThan: '200' }, { field: 'metrics.workersBusyPercent', operator: 'gte', value: 80 }],
      or: [{ time: { after: '22:00', before: '06:00' } }, { dayOfWeek: { in: ['Saturday', 'sunday'] } }],
    }, do: { workers: 4 } } })!;
    const tuesdayNight = new Date('2026-03-03T23:30:00Z');
    const tuesdayNoon = new Date('2026-03-03T12:00:00Z');
    const saturdayNoon = new Date('2026-03-07T12:00:00Z');
    expect(autoscaleConditionsHold(spec, metrics, tuesdayNight).holds).to.equal(true);
    expect(autoscaleConditionsHold(spec, metrics, tuesdayNoon).holds).to.equal(false);
    expect(autoscaleConditionsHold(spec, metrics, saturdayNoon).holds).to.equal(true);
    expect(autoscaleConditionsHold(spec, { ...metrics, queueDepth: 200 }, tuesdayNight).holds).to.equal(false);
  });

  it('cron windows: open for the duration after each fire; without one, for one interval (upstream\'s autoscaler)', () => {
    const cron = autoscaleSpec({ autoscale: { conditions: { or: [{ cron: '0 20 * * 1-5', duration: '4h' }] }, do: { workers: 4 } } })!;
    const cases: [string, boolean][] = [['2026-03-03T19:59:00Z', false], ['2026-03-03T20:00:00Z', true], ['2026-03-03T23:59:59Z', true], ['2026-03-04T00:00:00Z', false], ['2026-03-07T21:00:00Z', false]];
    for (const [at, want] of cases) expect(autoscaleConditionsHold(cron, metrics, new Date(at)), at).to.deep.equal({ holds: want, problems: [] });
    const tick = autoscaleSpec({ autoscale: { interval: '30s', conditions: { or: [{ cron: '0 20 * * *' }] }, do: { workers: 4 } } })!;
    expect(autoscaleConditionsHold(tick, metrics, new Date('2026-03-03T20:00:29Z')).holds).to.equal(true);
    expect(autoscaleConditionsHold(tick, metrics, new Date('2026-03-03T20:00:30Z')).holds).to.equal(false);
    const bad = autoscaleSpec({ autoscale: { conditions: { or: [{ cron: 'nightly' }] }, do: { workers: 4 } } })!;
    expect(autoscaleConditionsHold(bad, metrics, new Date('2026-03-03T20:00:00Z')).problems).to.deep.equal([
      'autoscale.conditions.or[0].cron: "nightly" is not a cron expression: write five fields "minute hour day-of-month month day-of-week" such as "0 23 * * *" (UTC), or @hourly, @daily, @weekly, @monthly, @yearly (CR autoscale)',
    ]);
  });

  it('profile batch switches on in its nightly window (cron 0 23 * * *, 3h) and not by day', () => {
    const batch = autoscaleSpec({ autoscale: { profile: 'batch' } }, { workers: 2, maxDepth: 100 })!;
    expect(autoscaleConditionsHold(batch, metrics, new Date('2026-03-03T23:10:00Z')).holds).to.equal(true);
    expect(autoscaleConditionsHold(batch, metrics, new Date('2026-03-04T01:59:00Z')).holds).to.equal(true);
    expect(autoscaleConditionsHold(batch, metrics, new Date('2026-03-04T02:00:00Z')).holds).to.equal(false);
    expect(autoscaleConditionsHold(batch, metrics, new Date('2026-03-04T12:00:00Z')).holds).to.equal(false);
  });

  it('switches on at once, and off only after the conditions stayed false for the cooldown', () => {
    let s = nextAutoscaleState({ active: false }, true, 0, 1000);
    expect(s).to.deep.equal({ active: true });
    s = nextAutoscaleState(s, false, 100, 1000);
    expect(s).to.deep.equal({ active: true, falseSinceMs: 100 });
    s = nextAutoscaleState(s, true, 600, 1000);
    expect(s).to.deep.equal({ active: true });
    s = nextAutoscaleState(s, false, 700, 1000);
    s = nextAutoscaleState(s, false, 1600, 1000);
    expect(s.active).to.equal(true);
    expect(nextAutoscaleState(s, false, 1700, 1000)).to.deep.equal({ active: false });
  });
});
