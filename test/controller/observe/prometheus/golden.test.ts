// The controller's and the webhook's /metrics text for a fixed scenario, byte for byte. The golden
// files were written by prom-client 15.1.3 (the library these metrics used before
// controller/observe/prometheus/) from this same scenario, so the exposition a scraper reads did
// not change with the library. UPDATE_GOLDEN=1 rewrites them: only for a deliberate change of a
// metric, with the diff read line by line.
import { expect } from 'chai';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ControllerMetrics, storageMigrationMetrics } from '../../../../controller/observe/index.js';
import { WebhookMetrics } from '../../../../controller/webhook/metrics.js';
import { repoRoot } from '../../../support/tools.js';

const golden = (name: string) => join(repoRoot, 'test/controller/observe/prometheus/golden', name);

function expectGolden(name: string, text: string): void {
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden(name), text);
  expect(existsSync(golden(name)), `missing ${golden(name)}; run with UPDATE_GOLDEN=1`).to.equal(true);
  expect(text).to.equal(readFileSync(golden(name), 'utf8'));
}

async function drive(m: ControllerMetrics): Promise<void> {
  const q = m.queueMetrics('websites.example.com');
  q.add();
  q.add();
  q.depth(3);
  q.retry();
  for (const s of [0.002, 5e-9, 2000]) q.queueDuration(s);
  q.workDuration(0.02);
  q.dropped();
  m.queueMetrics('b.example.com');
  m.watchQueue('websites.example.com', { longestRunningProcessorSeconds: () => 4.5, unfinishedWorkSeconds: () => 7 });
  await m.instrumentReconcile('websites.example.com', async () => undefined, { maxConcurrentReconciles: 2 })('ns/a');
  await m.instrumentReconcile('websites.example.com', async () => ({ requeueAfterMs: 5 }))('ns/b');
  const boom = m.instrumentReconcile('x', async () => { throw new TypeError('boom'); }, { isPanic: () => true, isTerminal: () => true });
  await boom('ns/c').catch(() => undefined);
  m.setLeader('orkestra-websites', true);
  m.kubeRequestObserver.request({ method: 'GET', host: '10.0.0.1:443', code: '200', seconds: 0.01 });
  m.kubeRequestObserver.request({ method: 'GET', host: '10.0.0.1:443', code: '200' });
  m.kubeRequestObserver.request({ method: 'PATCH', host: '10.0.0.1:443', code: '409', seconds: 61 });
  m.autoscale.record('web', { active: true, workers: 6, queueMaxDepth: Infinity, resyncSeconds: 30 }, 'override');
  m.autoscale.record('we"b\\x\ny', { active: false, workers: 1, queueMaxDepth: 100, resyncSeconds: 0.5 });
  m.external.record({ crd: 'web', name: 'flags', url: 'http://flags.local/x', seconds: 0.05, statusCode: 500, error: 'HTTP 500' });
  m.external.record({ crd: 'web', name: 'flags', url: 'http://flags.local/x', seconds: 0.3 });
  m.setBundleDigest(`sha256:${'c'.repeat(64)}`);
  m.setBundleDigestMismatch(true);
  m.declareCrds(['a.example.com', 'websites.example.com']);
  m.countBreakingChangeRefusal('websites.example.com');
  m.setCrdHealthSource(() => [['websites.example.com', true], ['a.example.com', false]]);
  const s = storageMigrationMetrics(m.registry);
  s.remaining.set({ crd: 'a' }, 12);
  s.rewritten.inc({ crd: 'a' }, 3);
  s.failures.inc({ crd: 'a' });
  s.completed.inc({ crd: 'a' });
}

describe('controller/observe/prometheus: the exposition prom-client wrote, unchanged', () => {
  it('the controller\'s registry (every family, escaping, +Inf, histograms), twice in a row', async () => {
    let t = 0;
    const metrics = new ControllerMetrics({ processMetrics: false, now: () => (t += 7) });
    await drive(metrics);
    const first = await metrics.metrics();
    expectGolden('controller.txt', first);
    expect(await metrics.metrics()).to.equal(first);
    expect(metrics.contentType).to.equal('text/plain; version=0.0.4; charset=utf-8');
  });

  it('the webhook\'s registry', async () => {
    const w = new WebhookMetrics({ processMetrics: false });
    w.setBundleDigest('sha256:aa');
    const failedRules = [{ action: 'deny' as const, rule: 'validation.rules[0]', field: 'spec.replicas' }, { action: 'warn' as const, rule: 'validation.rules[1]' }];
    w.admission('validate', { crd: 'widget', allowed: false, patchOps: 0, failedRules } as never, 0.0003);
    w.admission('mutate', { crd: 'widget', allowed: true, patchOps: 2 } as never, 0.002);
    w.conversion({ crd: 'widget', ok: true, to: 'g.example/v1', from: { 'g.example/v1alpha1': 2 } } as never, 0.01);
    w.refused('mutate', 'invalid', 0.00001);
    expectGolden('webhook.txt', await w.metrics());
  });
});
