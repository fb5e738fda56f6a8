import { expect } from 'chai';
import { buildPodStatus, type ContainerRuntime, type PodCondition, type PodRuntime } from './pod-status.js';

const container = (name: string, ready: boolean, extra: Partial<ContainerRuntime> = {}): ContainerRuntime => ({
  name, image: 'img', ready, started: ready, restartCount: 0, state: { running: { startedAt: 'T0' } }, ...extra,
});

const runtime = (over: Partial<PodRuntime>): PodRuntime => ({
  podIP: '127.0.0.9', hostIP: '127.0.0.1', startTime: 'T0', phase: 'Running', initialized: true,
  initContainers: [], containers: [container('main', true)], ...over,
});

const conds = (status: Record<string, unknown>) =>
  Object.fromEntries((status.conditions as PodCondition[]).map((c) => [c.type, [c.status, c.lastTransitionTime]]));

describe('support/pod-runner/pod-status: the status a kubelet reports', function () {
  it('reports pod IPs, phase and container statuses, with lastState from the last termination', function () {
    const term = { exitCode: 3, reason: 'Error', message: 'pin mismatch', startedAt: 'T0', finishedAt: 'T1' };
    const s = buildPodStatus(runtime({
      phase: 'Pending', initialized: false,
      initContainers: [container('init', false, { restartCount: 1, lastState: term, state: { waiting: { reason: 'CrashLoopBackOff' } } })],
      containers: [container('main', false, { state: { waiting: { reason: 'PodInitializing' } } })],
    }), [], 'T2');
    expect(s).to.include({ phase: 'Pending', podIP: '127.0.0.9', hostIP: '127.0.0.1', startTime: 'T0' });
    expect(s.podIPs).to.deep.equal([{ ip: '127.0.0.9' }]);
    expect((s.initContainerStatuses as any[])[0]).to.deep.include({ name: 'init', restartCount: 1, lastState: { terminated: term }, state: { waiting: { reason: 'CrashLoopBackOff' } } });
    expect((s.containerStatuses as any[])[0].lastState).to.deep.equal({});
    expect(conds(s)).to.deep.equal({ Initialized: ['False', 'T2'], Ready: ['False', 'T2'], ContainersReady: ['False', 'T2'], PodScheduled: ['True', 'T2'] });
    const initialized = (s.conditions as PodCondition[]).find((c) => c.type === 'Initialized')!;
    expect(initialized.message).to.equal('containers with incomplete status: [init]');
  });

  it('keeps lastTransitionTime while a condition holds and moves it when it flips', function () {
    const first = buildPodStatus(runtime({ containers: [container('a', true), container('b', false)] }), [], 'T1');
    expect(conds(first).Ready).to.deep.equal(['False', 'T1']);
    const same = buildPodStatus(runtime({ containers: [container('a', true), container('b', false)] }), first.conditions as PodCondition[], 'T2');
    expect(conds(same)).to.deep.equal(conds(first));
    const flipped = buildPodStatus(runtime({ containers: [container('a', true), container('b', true)] }), same.conditions as PodCondition[], 'T3');
    expect(conds(flipped)).to.deep.equal({ Initialized: ['True', 'T1'], Ready: ['True', 'T3'], ContainersReady: ['True', 'T3'], PodScheduled: ['True', 'T1'] });
    expect(initContainerStatusesOf(flipped)).to.equal(undefined);
  });
});

function initContainerStatusesOf(s: Record<string, unknown>): unknown {
  return s.initContainerStatuses;
}
