// `external` calls under the phase blocks: before a live CR is rendered, onCreate's calls then
// onReconcile's (this runtime renders both blocks on every reconcile); before the onDelete plan,
// onDelete's. Their results join the template data as `.external.<name>`. A call that fails without
// continueOnError stops the reconcile, as upstream: OrkError EXTERNAL_CALL_FAILED (retried with
// backoff; its message names the call and the redacted URL, never a credential).
import { OrkError } from '../../shared/errors.js';
import { externalCalls, type ExternalCall } from '../../shared/external/index.js';
import type { CrdEntry } from '../../shared/katalog/types.js';
import type { KubeObject } from '../../shared/kube/index.js';
import type { ExternalRunner } from '../external/index.js';

export type PhaseStage = 'live' | 'delete';

type Rec = Record<string, unknown>;

/**
 * The calls of each stage of an entry, in order.
 * @throws OrkError KATALOG_INVALID for a call this runtime cannot make as declared.
 */
export function phaseCalls(crdName: string, entry: CrdEntry): Record<PhaseStage, ExternalCall[]> {
  const settings = entry.operatorBox?.phaseSettings ?? {};
  const of = (phase: 'onCreate' | 'onReconcile' | 'onDelete') => externalCalls(settings[phase]?.external, `spec.crds.${crdName}.operatorBox.${phase}.external`);
  return { live: [...of('onCreate'), ...of('onReconcile')], delete: of('onDelete') };
}

/**
 * `{external: {...}}` for the stage, or undefined when it declares no call. `data` is what the
 * templates see besides the CR (`.cross`, `.metrics`), so a call's URL may read it.
 * @throws OrkError EXTERNAL_CALL_FAILED (transient) when a call fails without continueOnError.
 */
export async function phaseExternal(runner: ExternalRunner, crdName: string, calls: readonly ExternalCall[], cr: KubeObject, data: Rec): Promise<Rec | undefined> {
  if (calls.length === 0) return undefined;
  const about = cr.metadata.namespace ? `${cr.metadata.namespace}/${cr.metadata.name}` : cr.metadata.name;
  const outcome = await runner.run(crdName, calls, { ...(cr as unknown as Rec), ...data }, about);
  if (outcome.failed) {
    const call = calls.find((c) => c.name === outcome.failed!.call)!;
    throw new OrkError('EXTERNAL_CALL_FAILED', `${call.path} (${call.name}) failed: ${outcome.failed.error}; it is retried — fix the endpoint, or set continueOnError: true to render without it`, { retry: 'transient' });
  }
  return { external: outcome.external };
}
