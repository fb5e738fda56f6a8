// Assembles the plan from what the shell found: the guard's verdict per CRD, the access reviews,
// the per-CR child actions. Decides the summary, whether anything changes (exit 3) and how the
// missing permissions read as RBAC rules. Pure.
import type { CrdChange } from '../crd-diff/index.js';
import { mergePermissions, permissionsOf, rbacManifests, type AccessCheck, type KindRef } from '../rbac/index.js';
import {
  PLAN_API_VERSION,
  type ChildActionType, type CrdPlan, type Plan, type PlanBundle, type PlanSummary, type RbacSubject, type Refusal, type ResourcePlan, type WebhookPlan,
} from './types.js';

/** What the controller's CRD guard concluded about one bundle CRD (controller/startup/crd-guard.ts CrdVerdict). */
export interface CrdComparison {
  crd: string;
  entries: string[];
  isNew: boolean;
  changes: CrdChange[];
  refused: CrdChange[];
  unusedAcknowledgements: string[];
}

export interface RbacFindings {
  subject: RbacSubject;
  checked: AccessCheck[];
  missing: AccessCheck[];
  unresolved: KindRef[];
  /** Name for the objects holding the missing rules. */
  roleName: string;
  serviceAccount?: { namespace: string; name: string };
}

export interface PlanInputs {
  bundle: PlanBundle;
  server: string;
  crds: CrdComparison[];
  crdsNotInBundle: string[];
  rbac: RbacFindings;
  resources: ResourcePlan[];
  refusals: Refusal[];
  webhooks: WebhookPlan;
}

export function buildPlan(input: PlanInputs): Plan {
  const crds = input.crds.map(crdPlan);
  const { rbac } = input;
  const missingPermissions = mergePermissions(permissionsOf(rbac.missing));
  const summary = summarise(crds, rbac, input.resources, input.webhooks);
  return {
    apiVersion: PLAN_API_VERSION,
    kind: 'Plan',
    bundle: input.bundle,
    cluster: { server: input.server },
    changes: hasChanges(summary),
    summary,
    refusals: input.refusals,
    crds,
    crdsNotInBundle: [...input.crdsNotInBundle].sort(),
    rbac: {
      subject: rbac.subject,
      checked: rbac.checked.length,
      missing: rbac.missing,
      missingRules: rbacManifests(missingPermissions, { name: rbac.roleName, ...(rbac.serviceAccount ? { serviceAccount: rbac.serviceAccount } : {}) }),
      unresolvedKinds: rbac.unresolved.map((k) => `${k.kind} (${k.apiVersion})`),
    },
    resources: input.resources,
    webhooks: input.webhooks,
  };
}

function crdPlan(v: CrdComparison): CrdPlan {
  const refused = new Set(v.refused.map((c) => c.id));
  return {
    name: v.crd,
    status: v.isNew ? 'new' : v.changes.length > 0 ? 'changed' : 'unchanged',
    entries: v.entries,
    changes: v.changes.map((c) => ({ ...c, acknowledged: c.severity === 'breaking' && !refused.has(c.id) })),
    unusedAcknowledgements: v.unusedAcknowledgements,
  };
}

function summarise(crds: CrdPlan[], rbac: RbacFindings, resources: ResourcePlan[], webhooks: WebhookPlan): PlanSummary {
  const children: Record<ChildActionType, number> = { create: 0, update: 0, prune: 0, unchanged: 0, conflict: 0 };
  let planned = 0;
  let failed = 0;
  let skipped = 0;
  let notListed = 0;
  for (const r of resources) {
    notListed += r.more ?? 0;
    for (const cr of r.crs) {
      if (cr.skipped) skipped++;
      else if (cr.error) failed++;
      else planned++;
      for (const child of cr.children) children[child.action]++;
    }
  }
  const breaking = crds.flatMap((c) => c.changes.filter((x) => x.severity === 'breaking'));
  return {
    crds: {
      new: crds.filter((c) => c.status === 'new').length,
      changed: crds.filter((c) => c.status === 'changed').length,
      unchanged: crds.filter((c) => c.status === 'unchanged').length,
      breaking: breaking.length,
      unacknowledged: breaking.filter((c) => !c.acknowledged).length,
    },
    rbac: { checked: rbac.checked.length, missing: rbac.missing.length },
    children,
    crs: { planned, failed, skipped, notListed },
    webhooks: {
      configurationsChanged: webhooks.configurations.filter((c) => c.status !== 'unchanged').length,
      conversionsChanged: webhooks.conversions.filter((c) => c.changes).length,
    },
  };
}

/**
 * Anything that applying the bundle would change or that needs a person: a new or changed CRD,
 * a missing permission, a child created, updated or pruned, a child name held by a foreign
 * object, a CR that fails to render (its Ready condition would say so), or a webhook
 * configuration or CRD conversion the webhook would write.
 */
export function hasChanges(s: PlanSummary): boolean {
  return s.crds.new + s.crds.changed > 0
    || s.rbac.missing > 0
    || s.children.create + s.children.update + s.children.prune + s.children.conflict > 0
    || s.crs.failed > 0
    || s.webhooks.configurationsChanged + s.webhooks.conversionsChanged > 0;
}
