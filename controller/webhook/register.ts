// Tells the API server to call the webhook: the two webhook configurations by server-side apply
// (field manager `orkestra-webhook`), and `spec.conversion` on each multi-version CRD by a merge
// patch of that field alone (the controller's apply of the CRD never names it, so the two never
// fight). Unregistering deletes the configurations and sets conversion back to None.
import type { Logger } from '../../shared/log.js';
import type { Registration } from '../../shared/admission/index.js';
import { isKubeError, type ApiResource, type KubeClient } from '../../shared/kube/index.js';
import type { Clock } from '../engine/index.js';

export const WEBHOOK_FIELD_MANAGER = 'orkestra-webhook';
const CRD_WAIT_MS = 120_000;
const CRD_POLL_MS = 1_000;

export async function register(kube: KubeClient, registration: Registration, context: { logger: Logger; clock: Clock }): Promise<void> {
  await kube.apply(registration.mutating, { fieldManager: WEBHOOK_FIELD_MANAGER, force: true });
  await kube.apply(registration.validating, { fieldManager: WEBHOOK_FIELD_MANAGER, force: true });
  if (registration.conversions.length > 0) {
    const crds = await kube.resourceFor('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
    for (const patch of registration.conversions) {
      // The annotations (cert-manager's inject-ca-from) go with the conversion, in the same patch.
      const annotations = patch.metadata.annotations;
      await patchConversion(kube, crds, patch.metadata.name, { ...(annotations ? { metadata: { annotations } } : {}), spec: patch.spec }, context);
    }
  }
  context.logger.info('webhook registered', {
    configuration: registration.validating.metadata.name,
    validating: hookRules(registration.validating),
    mutating: hookRules(registration.mutating),
    conversion: registration.conversions.map((c) => c.metadata.name),
  });
}

export async function unregister(kube: KubeClient, registration: Registration, logger: Logger): Promise<void> {
  for (const config of [registration.validating, registration.mutating]) {
    const resource = await kube.resourceFor(config.apiVersion, config.kind);
    await kube.delete(resource, undefined, config.metadata.name);
  }
  if (registration.conversions.length > 0) {
    const crds = await kube.resourceFor('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
    for (const c of registration.conversions) {
      await kube.patch(crds, undefined, c.metadata.name, { spec: { conversion: { strategy: 'None', webhook: null } } }, 'merge', { fieldManager: WEBHOOK_FIELD_MANAGER })
        .catch((e: unknown) => { if (!isKubeError(e, 404)) throw e; });
    }
  }
  logger.info('webhook unregistered', { configuration: registration.validating.metadata.name });
}

/** The CRD may not exist yet (the controller applies it): wait for it, then patch. */
async function patchConversion(kube: KubeClient, crds: ApiResource, name: string, body: Record<string, unknown>, context: { logger: Logger; clock: Clock }): Promise<void> {
  const deadline = context.clock.now() + CRD_WAIT_MS;
  for (let waited = false; ; waited = true) {
    try {
      await kube.patch(crds, undefined, name, body, 'merge', { fieldManager: WEBHOOK_FIELD_MANAGER });
      return;
    } catch (e) {
      if (!isKubeError(e, 404) || context.clock.now() >= deadline) throw e;
      if (!waited) context.logger.info('waiting for the CRD before registering its conversion', { crd: name });
      await context.clock.sleep(CRD_POLL_MS);
    }
  }
}

function hookRules(config: Record<string, unknown>): number {
  const hooks = Array.isArray(config.webhooks) ? (config.webhooks as Array<{ rules?: unknown[] }>) : [];
  return hooks.reduce((n, h) => n + (h.rules?.length ?? 0), 0);
}
