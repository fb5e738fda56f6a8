import { expect } from 'chai';
import type { Logger } from '../../../shared/log.js';
import { CrdController, isPanic, isTerminal } from '../../../controller/crd/crd-controller.js';
import { ControllerMetrics, withReconcileIds } from '../../../controller/observe/index.js';
import { memoryLogger, type LogLine } from '../../support/memory-logger.js';
import { parseExposition, valueOf } from '../observe/exposition.js';
import { OrkError } from '../../../shared/errors.js';
import { FakeClock, type Informer } from '../../../controller/engine/index.js';
import { KubeError, type KubeClient, type KubeObject } from '../../../shared/kube/index.js';
import type { ReconcileDeps } from '../../../controller/reconcile/index.js';
import { until } from '../../support/poll.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const cr: KubeObject = { apiVersion: 'example.org/v1', kind: 'Widget', metadata: { name: 'w1', namespace: 'ns' } };
const crd = { name: 'widget', entry: { operatorBox: { reconciler: { workers: 1 } } }, apiTypes: { group: 'example.org', version: 'v1', kind: 'Widget', plural: 'widgets' } };

/** A controller whose every reconcile calls `resourceFor` (the first API call), logging into `lines`. */
function controllerWith(resourceFor: () => Promise<never>, lines: LogLine[], clock = new FakeClock(), metrics?: ControllerMetrics) {
  const informer = { addHandlers: () => () => undefined, hasSynced: () => true, list: () => [cr], get: () => cr } as unknown as Informer;
  const deps: ReconcileDeps = {
    kube: { resourceFor } as unknown as KubeClient,
    cache: { get: () => cr, listOwned: () => [] },
    clock: { now: () => new Date(0) },
    fieldManager: 'orkestra',
    katalogName: 'k',
  };
  return new CrdController(crd, informer, deps, withReconcileIds(memoryLogger(lines)), clock, metrics);
}

describe('controller/crd-controller', () => {
  it('names each failed reconcile with its reconcileID (a UUID) in the log line', async () => {
    const lines: LogLine[] = [];
    const controller = controllerWith(async () => { throw new KubeError(0, 'ConnectionFailed', 'API down'); }, lines);
    controller.queue.add('ns/w1');
    controller.startWorkers();
    const failed = await until('a failed reconcile log line', async () => lines.find((l) => l.message === 'reconcile failed'), 5000);
    await controller.stop();
    expect(failed).to.include({ level: 'warn', crd: 'widget', key: 'ns/w1', failures: 1 });
    expect(failed.reconcileID).to.match(UUID);
  });

  it('adds the reconcileID to every line written during the reconcile, by any code', async () => {
    const lines: LogLine[] = [];
    let logger: Logger | undefined;
    const inside = async (): Promise<never> => {
      // Deep inside the reconcile, after an await: the context follows.
      await new Promise((r) => setImmediate(r));
      logger!.info('inside the reconcile', { component: 'deep' });
      throw new KubeError(503, 'ServiceUnavailable', 'later');
    };
    const controller = controllerWith(inside, lines);
    logger = withReconcileIds(memoryLogger(lines));
    controller.queue.add('ns/w1');
    controller.startWorkers();
    await until('a failed reconcile', async () => lines.find((l) => l.message === 'reconcile failed'), 5000);
    logger.info('outside any reconcile');
    await controller.stop();
    const deep = lines.find((l) => l.message === 'inside the reconcile')!;
    const failed = lines.find((l) => l.message === 'reconcile failed')!;
    expect(deep.reconcileID).to.match(UUID);
    expect(deep.component).to.equal('deep');
    expect(failed.reconcileID).to.equal(deep.reconcileID);
    expect(lines.find((l) => l.message === 'outside any reconcile')).to.not.have.property('reconcileID');
  });

  it('a panic (an unexpected exception) in a reconcile is caught, counted, logged with its stack and retried', async () => {
    const lines: LogLine[] = [];
    const clock = new FakeClock();
    const metrics = new ControllerMetrics({ processMetrics: false });
    let calls = 0;
    const controller = controllerWith(async () => {
      calls++;
      if (calls === 1) return (undefined as unknown as { kind: string }).kind as never; // a TypeError, as a bug would throw
      throw new KubeError(503, 'ServiceUnavailable', 'still down');
    }, lines, clock, metrics);
    controller.queue.add('ns/w1');
    controller.startWorkers();
    const panic = await until('the panic line', async () => lines.find((l) => l.message === 'observed a panic in reconcile; retrying'), 5000);
    expect(panic).to.include({ level: 'error', crd: 'widget', key: 'ns/w1', failures: 1 });
    expect(panic.err).to.match(/Cannot read properties of undefined/);
    expect(panic.stack).to.match(/^TypeError: /);
    expect(panic.reconcileID).to.match(UUID);
    // Retried with backoff, by the same worker: the process and the worker live on.
    await until('the retry', async () => { await clock.advance(1000); return calls >= 2 ? true : undefined; }, 5000);
    const retried = await until('the retry\'s line', async () => lines.find((l) => l.message === 'reconcile failed'), 5000);
    await controller.stop();
    expect(retried.failures).to.equal(2);
    expect(retried.reconcileID).to.match(UUID).and.not.equal(panic.reconcileID);
    const e = parseExposition(await metrics.metrics());
    expect(valueOf(e, 'controller_runtime_reconcile_panics_total', { controller: 'widget' })).to.equal(1);
    expect(valueOf(e, 'controller_runtime_reconcile_errors_total', { controller: 'widget' })).to.be.at.least(2);
  });
});

describe('controller/crd/crd-controller: isPanic', () => {
  it('an OrkError or a KubeError is a failure; anything else thrown is a panic', () => {
    expect(isPanic(new OrkError('VALIDATION_DENIED', 'denied'))).to.equal(false);
    expect(isPanic(new KubeError(409, 'Conflict', 'conflict'))).to.equal(false);
    expect(isPanic(new TypeError('x is undefined'))).to.equal(true);
    expect(isPanic(new Error('plain'))).to.equal(true);
    expect(isPanic('a thrown string')).to.equal(true);
    expect(isPanic(undefined)).to.equal(true);
  });
});

describe('controller/crd/crd-controller: isTerminal (OrkError.retry)', () => {
  it('an OrkError that retrying cannot help is terminal; a transient one and any other error are retried', () => {
    expect(isTerminal(new OrkError('VALIDATION_DENIED', 'denied'))).to.equal(true);
    expect(isTerminal(new OrkError('CLEANUP_FAILED', 'job running', { retry: 'transient' }))).to.equal(false);
    expect(isTerminal(new Error('ECONNRESET'))).to.equal(false);
  });
});

describe('controller/crd/crd-controller: health of an entry that writes no status (ignoreStatusPatch)', () => {
  it('is unhealthy while a CR\'s last reconcile failed, healthy once it succeeds', async () => {
    let down = true;
    const informer = { addHandlers: () => () => undefined, hasSynced: () => true, list: () => [cr], get: () => cr } as unknown as Informer;
    const deps: ReconcileDeps = {
      kube: {} as KubeClient,
      // A failing read fails the reconcile; once up, the CR reads as gone (a reconcile that succeeds).
      cache: { get: () => { if (down) throw new KubeError(503, 'ServiceUnavailable', 'down'); return undefined; }, listOwned: () => [] },
      clock: { now: () => new Date(0) },
      fieldManager: 'orkestra',
      katalogName: 'k',
    };
    const entry = { ...crd.entry, ignoreStatusPatch: true };
    const clock = new FakeClock();
    const controller = new CrdController({ ...crd, entry }, informer, deps, withReconcileIds(memoryLogger([])), clock);
    // Nothing reconciled yet: no failure known (its CRs carry no Ready condition to read).
    expect(controller.healthy()).to.equal(true);
    controller.queue.add('ns/w1');
    controller.startWorkers();
    await until('the failed reconcile', async () => (controller.healthy() ? undefined : true), 5000);
    down = false;
    await until('the retry succeeds', async () => { await clock.advance(1000); return controller.healthy() ? true : undefined; }, 5000);
    await controller.stop();
  });
});
