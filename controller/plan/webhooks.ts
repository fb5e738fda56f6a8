// The webhook part of `ork plan`'s shell: reads the two configurations the webhook would write (by
// the install's name) and hands them, with the live CRDs already listed, to shared/plan. Reads only.
import type { BundlePayload } from '../../shared/bundle/payload.js';
import { configurationName, type FailurePolicy } from '../../shared/admission/index.js';
import type { KubeClient, KubeObject } from '../../shared/kube/index.js';
import { planWebhooks, type WebhookPlan } from '../../shared/plan/index.js';

export async function readWebhookPlan(kube: KubeClient, payload: BundlePayload, crds: ReadonlyMap<string, unknown>, registration: { name: string; failurePolicy: FailurePolicy } | undefined): Promise<WebhookPlan> {
  if (!registration) return planWebhooks({ payload, live: { crds } });
  const name = configurationName(registration.name);
  const read = async (kind: string): Promise<KubeObject | undefined> => kube.get(await kube.resourceFor('admissionregistration.k8s.io/v1', kind), undefined, name);
  const [validating, mutating] = await Promise.all([read('ValidatingWebhookConfiguration'), read('MutatingWebhookConfiguration')]);
  return planWebhooks({ payload, live: { crds, ...(validating ? { validating } : {}), ...(mutating ? { mutating } : {}) }, registration });
}
