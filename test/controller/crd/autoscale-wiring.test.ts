// The autoscale wiring over stand-in controllers: an autoscale.profile is expanded from the CRD's
// own workers and queue.maxDepth (this runtime's default workers when none is given), the
// controller may run as many workers as the profile asks for, and an entry without autoscale or
// with an unknown profile gets no autoscaler.
import { expect } from 'chai';
import { autoscalersFor } from '../../../controller/crd/autoscale-wiring.js';
import type { CrdController } from '../../../controller/crd/crd-controller.js';
import { DEFAULT_WORKERS } from '../../../controller/crd/index.js';
import { FakeClock } from '../../../controller/engine/index.js';
import { silentLogger } from '../../../shared/log.js';

type Rec = Record<string, unknown>;
const standIn = (name: string, operatorBox: Rec) => ({ crd: { name, entry: { operatorBox } }, depthControl: {}, crInformer: {} }) as unknown as CrdController & { maxWorkers?: number };

describe('controller/crd autoscale wiring', () => {
  it('expands autoscale.profile from the CRD\'s workers and queue.maxDepth', () => {
    const burst = standIn('ingest', { reconciler: { workers: 3, queue: { maxDepth: 200 } }, autoscale: { profile: 'Burst' } });
    const latency = standIn('export', { autoscale: { profile: 'latency-sensitive' } });
    const plain = standIn('plain', {});
    const unknown = standIn('odd', { autoscale: { profile: 'turbo' } });
    const scalers = autoscalersFor([burst, latency, plain, unknown], { clock: new FakeClock(), logger: silentLogger() });
    expect(scalers.map((s) => s.spec)).to.deep.equal([
      { intervalMs: 5_000, cooldownMs: 30_000, when: [{ field: 'metrics.queueDepth', greaterThan: '120' }], or: [], do: { workers: 12, queueDepth: 2000 } },
      { intervalMs: 15_000, cooldownMs: 60_000, when: [{ field: 'metrics.reconcileDurationP95Ms', greaterThan: '200' }], or: [], do: { workers: Math.ceil(DEFAULT_WORKERS * 2.5) } },
    ]);
    expect([burst.maxWorkers, latency.maxWorkers, plain.maxWorkers, unknown.maxWorkers]).to.deep.equal([12, Math.ceil(DEFAULT_WORKERS * 2.5), undefined, undefined]);
  });
});
