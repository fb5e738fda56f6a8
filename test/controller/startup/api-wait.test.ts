// Waiting for the API server at start: transient failures (no answer, 429, 5xx) are waited out up
// to the deadline, with one "waiting" line; a refusal fails at once; the deadline gives up with
// the last error. The client is a stand-in that fails a set number of times (pure logic).
import { expect } from 'chai';
import { waitForApiServer, isTransientApiError } from '../../../controller/startup/api-wait.js';
import { realClock } from '../../../controller/engine/index.js';
import { KubeError, type KubeClient } from '../../../shared/kube/index.js';
import { memoryLogger, type LogLine } from '../../support/memory-logger.js';

function failingClient(errors: KubeError[]): { kube: KubeClient; calls: () => number } {
  let calls = 0;
  const kube = {
    request: async (method: string, path: string) => {
      expect([method, path]).to.deep.equal(['GET', '/version']);
      const e = errors[calls++];
      if (e) throw e;
      return { gitVersion: 'v1.20.2' };
    },
  } as unknown as KubeClient;
  return { kube, calls: () => calls };
}

describe('controller/startup/api-wait', function () {
  this.timeout(10_000);
  const refused = new KubeError(0, 'ConnectionFailed', 'connect ECONNREFUSED 127.0.0.1:6443');

  it('classifies no answer, 429 and 5xx as transient, and refusals as not', () => {
    expect([0, 429, 500, 503].map((s) => isTransientApiError(new KubeError(s, 'x', 'y')))).to.deep.equal([true, true, true, true]);
    expect([401, 403, 404].map((s) => isTransientApiError(new KubeError(s, 'x', 'y')))).to.deep.equal([false, false, false]);
    expect(isTransientApiError(new Error('boom'))).to.equal(false);
  });

  it('waits out an API server that is down, then says it is reachable', async () => {
    const lines: LogLine[] = [];
    const { kube, calls } = failingClient([refused, new KubeError(503, 'ServiceUnavailable', 'etcd not ready')]);
    await waitForApiServer({ kube, clock: realClock, logger: memoryLogger(lines), timeoutMs: 5_000 });
    expect(calls()).to.equal(3);
    expect(lines.filter((l) => l.message === 'waiting for the API server')).to.have.length(1);
    expect(lines.find((l) => l.message === 'API server reachable')).to.deep.include({ attempts: 3 });
  });

  it('fails at once on a refusal (401), without waiting', async () => {
    const { kube, calls } = failingClient([new KubeError(401, 'Unauthorized', 'Unauthorized')]);
    const t0 = Date.now();
    const e = await waitForApiServer({ kube, clock: realClock, logger: memoryLogger([]), timeoutMs: 5_000 }).catch((x: unknown) => x);
    expect(e).to.be.instanceOf(KubeError);
    expect((e as KubeError).status).to.equal(401);
    expect(calls()).to.equal(1);
    expect(Date.now() - t0).to.be.below(200);
  });

  it('gives up at the deadline with the last error; 0 means one try', async () => {
    const { kube, calls } = failingClient(Array(50).fill(refused));
    const t0 = Date.now();
    const e = await waitForApiServer({ kube, clock: realClock, logger: memoryLogger([]), timeoutMs: 1_000 }).catch((x: unknown) => x);
    expect((e as KubeError).reason).to.equal('ConnectionFailed');
    expect(Date.now() - t0).to.be.within(500, 1_500);
    expect(calls()).to.be.within(2, 5);
    const once = failingClient([refused]);
    await waitForApiServer({ kube: once.kube, clock: realClock, logger: memoryLogger([]), timeoutMs: 0 }).catch(() => undefined);
    expect(once.calls()).to.equal(1);
  });
});
