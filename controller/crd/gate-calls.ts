// Decides a preReconcile gate that declares `external` calls: makes the shared calls, then the
// gate's own, each list in order (ExternalRunner), and hands the results to the pure verdict. A
// gate that a sentinel already passes, or that has no calls, is decided without any request.
import type { KubeObject } from '../../shared/kube/index.js';
import type { ExternalRunner } from '../external/index.js';
import { gateVerdict, needsCalls, type GateCalls, type GateSpec, type GateVerdict } from './pre-reconcile.js';
import type { SentinelValues } from './sentinels.js';

export async function decideGate(crdName: string, gate: GateSpec, cr: KubeObject, sentinels: SentinelValues | undefined, runner: ExternalRunner): Promise<GateVerdict> {
  if (!needsCalls(gate, sentinels)) return gateVerdict(gate, cr, sentinels);
  const about = cr.metadata.namespace ? `${cr.metadata.namespace}/${cr.metadata.name}` : cr.metadata.name;
  const data = cr as unknown as Record<string, unknown>;
  const calls: GateCalls = { external: {} };
  const shared = await runner.run(crdName, gate.shared, data, about);
  calls.external = shared.external;
  if (shared.failed) calls.sharedFailed = `${shared.failed.call}: ${shared.failed.error}`;
  else {
    const own = await runner.run(crdName, gate.calls, { ...data, external: shared.external }, about);
    calls.external = own.external;
    if (own.failed) calls.failed = `${own.failed.call} failed: ${own.failed.error}`;
  }
  return gateVerdict(gate, cr, sentinels, calls);
}
