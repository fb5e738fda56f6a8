// `ork webhook --unregister`: what an uninstall leaves behind, removed. `helm uninstall` deletes
// the webhook's Deployment, Service and configurations, but not the CRDs (Orkestra never deletes
// them), and those the webhook converted still name its Service in `spec.conversion`: every read
// of another version would fail. This deletes the two configurations (if still there) and sets
// the conversion of every CRD still pointing at this webhook back to None. Needs no bundle.
import type { Logger } from '../../shared/log.js';
import { configurationName, convertedBy, resetConversionPatch, type WebhookEndpoint } from '../../shared/admission/index.js';
import { isKubeError, type KubeClient } from '../../shared/kube/index.js';
import { WEBHOOK_FIELD_MANAGER } from './register.js';

export interface Released {
  configurations: string;
  /** CRDs whose conversion was set back to None. */
  crds: string[];
  /** CRDs converted by this webhook when listed, but by another one when patched (left alone). */
  skipped: string[];
}

export async function releaseWebhook(kube: KubeClient, name: string, endpoint: WebhookEndpoint, logger: Logger): Promise<Released> {
  const configurations = configurationName(name);
  for (const kind of ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']) {
    await kube.delete(await kube.resourceFor('admissionregistration.k8s.io/v1', kind), undefined, configurations);
  }
  const crdResource = await kube.resourceFor('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
  const list = await kube.request<{ items?: unknown[] }>('GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions');
  const released: Released = { configurations, crds: [], skipped: [] };
  for (const crd of convertedBy((list.items ?? []) as Parameters<typeof convertedBy>[0], endpoint)) {
    try {
      await kube.patch(crdResource, undefined, crd, resetConversionPatch(endpoint), 'json', { fieldManager: WEBHOOK_FIELD_MANAGER });
      released.crds.push(crd);
    } catch (e) {
      // 422: a test operation failed (someone else's webhook now); 404: deleted meanwhile.
      if (!isKubeError(e, 422) && !isKubeError(e, 404)) throw e;
      released.skipped.push(crd);
    }
  }
  logger.info('webhook unregistered', { ...released });
  return released;
}
