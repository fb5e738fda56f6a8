// autoscale.profile: upstream's five presets expanded from the CRD's baseline (workers,
// queue.maxDepth) into the spec the autoscaler runs, any case; an unknown name gives no spec; at
// load an unknown name and a profile beside manual keys are refused, naming the field.
import { expect } from 'chai';
import { autoscaleConditionsHold, autoscaleSpec, expandAutoscaleProfile } from '../../../shared/autoscale/index.js';
import { parseKatalog } from '../../../shared/katalog/index.js';

const base = { workers: 4, maxDepth: 100 };
const q = (n: number) => ({ field: 'metrics.queueDepth', greaterThan: String(n) });

describe('shared/autoscale profiles', () => {
  const table: [string, Record<string, unknown>][] = [
    ['burst', { interval: '5s', cooldown: '30s', conditions: { when: [q(60)] }, do: { workers: 16, queueDepth: 1000 } }],
    ['Steady', { interval: '30s', cooldown: '2m', conditions: { when: [q(40), { field: 'metrics.workersBusyPercent', greaterThan: '70' }] }, do: { workers: 8, queueDepth: 300 } }],
    ['batch', { interval: '60s', cooldown: '5m', conditions: { or: [{ cron: '0 23 * * *', duration: '3h' }] }, do: { workers: 12, queueDepth: 800 } }],
    ['latency-sensitive', { interval: '15s', cooldown: '1m', conditions: { when: [{ field: 'metrics.reconcileDurationP95Ms', greaterThan: '200' }] }, do: { workers: 10 } }],
    ['COST-OPTIMIZED', { interval: '30s', cooldown: '10m', conditions: { when: [{ field: 'metrics.workersIdlePercent', greaterThan: '60' }, q(80)] }, do: { workers: 2, queueDepth: 50 } }],
  ];
  for (const [name, want] of table) it(`expands ${name} from workers 4, maxDepth 100`, () => expect(expandAutoscaleProfile(name, base)).to.deep.equal(want));

  it('rounds as upstream: latency-sensitive up, cost-optimized never below one worker; maxDepth 0 gives thresholds 0', () => {
    expect(expandAutoscaleProfile('latency-sensitive', { workers: 3, maxDepth: 0 })!.do).to.deep.equal({ workers: 8 });
    expect(expandAutoscaleProfile('cost-optimized', { workers: 1, maxDepth: 0 })!.do).to.deep.equal({ workers: 1, queueDepth: 0 });
    expect(expandAutoscaleProfile('burst', { workers: 2, maxDepth: 0 })!.conditions).to.deep.equal({ when: [q(0)] });
    expect(expandAutoscaleProfile('turbo', base)).to.equal(undefined);
  });

  it('the autoscaler runs the expanded spec (a zero queue depth is left unchanged); no baseline or an unknown name: no spec', () => {
    const spec = autoscaleSpec({ autoscale: { profile: 'burst' } }, { workers: 2, maxDepth: 0 })!;
    expect(spec).to.deep.equal({ intervalMs: 5_000, cooldownMs: 30_000, when: [q(0)], or: [], do: { workers: 8 } });
    const now = new Date('2026-03-03T12:00:00Z');
    const metrics = { queueDepth: 1, workersBusyPercent: 0, workersIdlePercent: 100, reconcileDurationP95Ms: 0, errorRatePercent: 0 };
    expect(autoscaleConditionsHold(spec, metrics, now).holds).to.equal(true);
    expect(autoscaleConditionsHold(spec, { ...metrics, queueDepth: 0 }, now).holds).to.equal(false);
    expect(autoscaleSpec({ autoscale: { profile: 'burst' } })).to.equal(undefined);
    expect(autoscaleSpec({ autoscale: { profile: 'turbo' } }, base)).to.equal(undefined);
  });

  const doc = (box: string) => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: mill}
spec:
  crds:
    wheel:
      apiTypes: {group: mill.example.org, version: v1, kind: Wheel, plural: wheels}
      operatorBox:
${box}`;
  const lines = (box: string) => parseKatalog(doc(box), 'k.yaml').issues.map((i) => `${i.severity ?? 'error'} ${i.path}: ${i.message}`);
  const load: [string, string, string[]][] = [
    ['a known profile (either layout)', '        autoscale: {profile: Burst}\n', []],
    ['a known profile under runtime', '        runtime:\n          autoscale: {profile: steady}\n', []],
    ['an unknown profile', '        autoscale: {profile: bursty}\n', ['error spec.crds.wheel.operatorBox.autoscale.profile: unknown autoscale profile "bursty" (did you mean "burst"?): use one of burst, steady, batch, latency-sensitive, cost-optimized']],
    ['a profile beside do and cooldown', '        runtime:\n          autoscale: {profile: batch, cooldown: 1m, do: {workers: 3}}\n', ['error spec.crds.wheel.operatorBox.runtime.autoscale.profile: give the profile or cooldown/do, not both (a profile is the whole autoscale spec)']],
  ];
  for (const [name, box, want] of load) it(`at load: ${name}`, () => expect(lines(box)).to.deep.equal(want));
});
