// The EventGate's reconcileGate.eventAware: events of one key waiting in the queue are each their
// own turn, with their own sentinels, in order (the key is queued again while turns remain);
// without it they coalesce into one turn with merged sentinels. A real WorkQueue, a fake clock.
import { expect } from 'chai';
import { EventGate, MAX_EVENTS_PER_KEY } from '../../../controller/crd/event-gate.js';
import { WorkQueue } from '../../../controller/engine/index.js';
import { FakeClock } from '../../../controller/engine/fake-clock.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';
import type { KubeObject } from '../../../shared/kube/index.js';
import { memoryLogger } from '../../support/memory-logger.js';

const cr = (labels: Record<string, string>, generation: number): KubeObject => ({ apiVersion: 'x/v1', kind: 'X', metadata: { namespace: 'ns', name: 'a', labels, generation } });
const entry = (eventAware: boolean): CrdEntry => ({
  operatorBox: { preReconcile: { sentinels: ['labelsChanged'], reconcileGate: { sentinels: ['labelsChanged'], ...(eventAware ? { eventAware: true } : {}) } } },
} as unknown as CrdEntry);

/** Three events while the key is being reconciled: a label change between two that change nothing else. */
async function turns(eventAware: boolean): Promise<boolean[]> {
  const queue = new WorkQueue({ clock: new FakeClock() });
  const gate = new EventGate('x', entry(eventAware), queue, undefined, () => cr({ l: '2' }, 3), memoryLogger([]));
  const verdicts: boolean[] = [];
  gate.crEvent(undefined, cr({ l: '1' }, 1));
  for (let i = 0; i < 4 && queue.len() > 0; i++) {
    const key = (await queue.get())!;
    verdicts.push((await gate.reconcileVerdict(key)).pass);
    if (i === 0) {
      gate.crEvent(cr({ l: '1' }, 1), cr({ l: '1' }, 2));
      gate.crEvent(cr({ l: '1' }, 2), cr({ l: '2' }, 2));
      gate.crEvent(cr({ l: '2' }, 2), cr({ l: '2' }, 3));
    }
    queue.done(key);
  }
  return verdicts;
}

describe('controller/crd EventGate eventAware', () => {
  it('gives each waiting event its own turn and its own sentinels, in order', async () => {
    expect(await turns(true)).to.deep.equal([true, false, true, false]);
  });

  it('without it, the waiting events coalesce into one turn whose sentinels are merged', async () => {
    expect(await turns(false)).to.deep.equal([true, true]);
  });

  it('keeps at most MAX_EVENTS_PER_KEY turns per key, merging later events into the last', async () => {
    const queue = new WorkQueue({ clock: new FakeClock() });
    const gate = new EventGate('x', entry(true), queue, undefined, () => cr({}, 1), memoryLogger([]));
    for (let i = 0; i < MAX_EVENTS_PER_KEY + 10; i++) gate.crEvent(cr({ l: `${i}` }, 1), cr({ l: `${i % 2 === 0 ? i : i - 1}` }, 1));
    let n = 0;
    while (queue.len() > 0) {
      const key = (await queue.get())!;
      await gate.reconcileVerdict(key);
      queue.done(key);
      n++;
    }
    expect(n).to.equal(MAX_EVENTS_PER_KEY);
  });
});
