// `ork plan`'s imperative shell: reads the cluster — CRDs, access reviews, CRs and their children,
// server-side dry-runs — and hands what it found to shared/plan to assemble. It never writes:
// every apply or create it sends carries dryRun=All. The bundle comes in already loaded (resolving
// a Komposer is the CLI's job: nothing under controller/ may reach the resolver).
import type { BundlePayload } from '../../shared/bundle/payload.js';
import { buildPlan, type Plan, type PlanBundle, type Refusal } from '../../shared/plan/index.js';
import type { FailurePolicy } from '../../shared/admission/index.js';
import type { KubeConfig } from '../../shared/kube/index.js';
import type { KubeClient } from '../../shared/kube/index.js';
import { rbacMissingError } from '../startup/rbac-check.js';
import { FIELD_MANAGER } from '../run.js';
import { planResources } from './children.js';
import { compareCrds } from './crds.js';
import { whoAmI } from './identity.js';
import { reviewRbac } from './rbac.js';
import { readWebhookPlan } from './webhooks.js';

export const DEFAULT_MAX_CRS = 500;

export interface PlanClusterOptions {
  payload: BundlePayload;
  bundle: PlanBundle;
  /** The API server's address, for the report. */
  server: string;
  /** The loaded kubeconfig: names the caller when the server cannot (no SelfSubjectReview). */
  kubeConfig?: KubeConfig;
  /** The controller's namespace (Lease, digest publication, rollout bundle), as for `ork rbac`. */
  namespace?: string;
  leaderElection?: boolean;
  publish?: boolean;
  rolloutBundle?: boolean;
  /** Check RBAC for this service account instead of the caller. */
  serviceAccount?: { namespace: string; name: string };
  maxCrs?: number;
  /** The webhook's install name and failure policy: its configurations are compared too. */
  webhook?: { name: string; failurePolicy: FailurePolicy };
}

export async function planCluster(kube: KubeClient, options: PlanClusterOptions): Promise<Plan> {
  const { payload, namespace } = options;
  const katalogName = payload.katalog.metadata.name;
  const crds = await compareCrds(kube, payload, FIELD_MANAGER);
  const rbac = await reviewRbac(kube, payload, {
    ...(namespace && options.leaderElection !== false ? { leaderElection: { namespace } } : {}),
    ...(namespace && options.publish ? { publish: { namespace } } : {}),
    ...(namespace && options.rolloutBundle ? { rolloutBundle: { namespace } } : {}),
    ...(options.serviceAccount ? { serviceAccount: options.serviceAccount } : { self: await whoAmI(kube, options.kubeConfig) }),
  });
  const webhooks = await readWebhookPlan(kube, payload, crds.live, options.webhook);
  const resources = await planResources(kube, payload, { fieldManager: FIELD_MANAGER, katalogName, ...(payload.katalog.notes?.functions ? { notes: payload.katalog.notes.functions } : {}), maxCrs: options.maxCrs ?? DEFAULT_MAX_CRS });

  const refusals: Refusal[] = [];
  if (crds.decision.error) refusals.push({ code: 'CRD_BREAKING_CHANGE', message: crds.decision.error.message });
  // Only the controller's own account decides whether it starts; the caller's grants do not.
  const rbacError = options.serviceAccount ? rbacMissingError(rbac.missing) : undefined;
  if (rbacError) refusals.push({ code: 'RBAC_MISSING', message: rbacError.message });

  return buildPlan({
    bundle: options.bundle,
    server: options.server,
    crds: crds.decision.verdicts,
    crdsNotInBundle: crds.notInBundle,
    rbac: {
      subject: rbac.subject,
      checked: rbac.checked,
      missing: rbac.missing,
      unresolved: rbac.unresolved,
      roleName: `orkestra-${katalogName}`,
      ...(options.serviceAccount ? { serviceAccount: options.serviceAccount } : {}),
    },
    resources,
    refusals,
    webhooks,
  });
}
