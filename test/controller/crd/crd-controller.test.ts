import { expect } from 'chai';
import type { Logger } from '../../../shared/log.js';
import { CrdController, isTerminal } from '../../../controller/crd/crd-controller.js';
import { OrkError } from '../../../shared/errors.js';
import { FakeClock, type Informer } from '../../../controller/engine/index.js';
import type { KubeClient, KubeObject } from '../../../shared/kube/index.js';
import type { ReconcileDeps } from '../../../controller/reconcile/index.js';
import { until } from '../../support/poll.js';

/** A logger that keeps what it was given, to assert on structured fields. */
function capturingLogger(lines: Array<{ level: string; message: string; fields: Record<string, unknown> }>): Logger {
  const at = (level: string) => (message: string, fields: Record<string, unknown> = {}) => { lines.push({ level, message, fields }); };
  return { warn: at('warn'), error: at('error'), info: at('info'), debug: at('debug') } as unknown as Logger;
}

describe('controller/crd-controller', () => {
  it('names each failed reconcile with its reconcile id in the log line', async () => {
    const cr: KubeObject = { apiVersion: 'example.org/v1', kind: 'Widget', metadata: { name: 'w1', namespace: 'ns' } };
    const informer = { addHandlers: () => () => undefined, hasSynced: () => true, list: () => [cr], get: () => cr } as unknown as Informer;
    const failing = { resourceFor: async () => { throw new Error('API down'); } } as unknown as KubeClient;
    const deps: ReconcileDeps = {
      kube: failing,
      cache: { get: () => cr, listOwned: () => [] },
      clock: { now: () => new Date(0) },
      fieldManager: 'orkestra',
      katalogName: 'k',
    };
    const lines: Array<{ level: string; message: string; fields: Record<string, unknown> }> = [];
    const crd = { name: 'widget', entry: { operatorBox: { reconciler: { workers: 1 } } }, apiTypes: { group: 'example.org', version: 'v1', kind: 'Widget', plural: 'widgets' } };
    const controller = new CrdController(crd, informer, deps, capturingLogger(lines), new FakeClock());
    controller.queue.add('ns/w1');
    controller.startWorkers();
    const failed = await until('a failed reconcile log line', async () => lines.find((l) => l.message === 'reconcile failed'), 5000);
    await controller.stop();
    expect(failed.fields).to.include({ crd: 'widget', key: 'ns/w1', reconcileId: 'widget-1', failures: 1 });
  });
});

describe('controller/crd/crd-controller: isTerminal (OrkError.retry)', () => {
  it('an OrkError that retrying cannot help is terminal; a transient one and any other error are retried', () => {
    expect(isTerminal(new OrkError('VALIDATION_DENIED', 'denied'))).to.equal(true);
    expect(isTerminal(new OrkError('CLEANUP_FAILED', 'job running', { retry: 'transient' }))).to.equal(false);
    expect(isTerminal(new Error('ECONNRESET'))).to.equal(false);
  });
});
