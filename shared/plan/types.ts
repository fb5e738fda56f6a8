// The plan model, version 1: what `ork plan` found, as plain JSON. This is the `--json` output
// (documented in docs/plan.md, checked by plan.schema.json); the text form is made from it.
// Additive changes keep the version; a renamed or removed field or a changed meaning bumps it.
import type { CrdChange } from '../crd-diff/index.js';
import type { AccessCheck, RbacObject } from '../rbac/index.js';

export const PLAN_API_VERSION = 'orkestra.orkspace.io/plan/v1';

export interface Plan {
  apiVersion: typeof PLAN_API_VERSION;
  kind: 'Plan';
  bundle: PlanBundle;
  /** The API server compared against (an address, never a credential). */
  cluster: { server: string };
  /** True when applying the bundle would change anything: the reason for exit code 3. */
  changes: boolean;
  summary: PlanSummary;
  /** Why the controller would refuse to start with this bundle on this cluster (empty: it starts). */
  refusals: Refusal[];
  crds: CrdPlan[];
  /** CRDs applied by Orkestra in the bundle's groups that the bundle no longer carries (never deleted). */
  crdsNotInBundle: string[];
  rbac: RbacPlan;
  resources: ResourcePlan[];
  /** What the webhook would write: its configurations (with --webhook) and the CRDs' conversion. */
  webhooks: WebhookPlan;
}

export interface PlanBundle {
  /** `komposer` (resolved in memory with -f) or `bundle` (read from --bundle). */
  source: 'komposer' | 'bundle';
  /** The bundle digest (for -f, the digest the resolved bundle would have). */
  digest: string;
  /** Whether the bundle's signature was verified (--bundle with --key). */
  verified: boolean;
  katalog: string;
}

export interface Refusal {
  code: 'CRD_BREAKING_CHANGE' | 'RBAC_MISSING';
  message: string;
}

export interface PlanSummary {
  crds: { new: number; changed: number; unchanged: number; breaking: number; unacknowledged: number };
  rbac: { checked: number; missing: number };
  children: Record<ChildActionType, number>;
  crs: { planned: number; failed: number; skipped: number; notListed: number };
  webhooks: { configurationsChanged: number; conversionsChanged: number };
}

export type CrdStatus = 'new' | 'changed' | 'unchanged';

export interface CrdPlan {
  name: string;
  status: CrdStatus;
  /** The spec.crds entries that name this CRD (where allowBreakingChanges goes). */
  entries: string[];
  changes: PlannedCrdChange[];
  /** Acknowledged ids that match no breaking change of this upgrade. */
  unusedAcknowledgements: string[];
}

export interface PlannedCrdChange extends CrdChange {
  /** Only breaking changes can be acknowledged; false for every other severity. */
  acknowledged: boolean;
}

export interface RbacPlan {
  /** Whose permissions were checked. */
  subject: RbacSubject;
  checked: number;
  missing: AccessCheck[];
  /** The missing permissions as ClusterRole/Role rules (with bindings for a service account). */
  missingRules: RbacObject[];
  /** Child kinds the cluster does not serve: not checked (the controller cannot watch them). */
  unresolvedKinds: string[];
}

export interface RbacSubject {
  /** `serviceAccount`: SubjectAccessReview for it; `self`: SelfSubjectAccessReview as the caller. */
  kind: 'serviceAccount' | 'self';
  /** The user name reviewed (`system:serviceaccount:ns:name`), or who the caller is when known. */
  user: string;
  groups: string[];
}

export interface ResourcePlan {
  /** The spec.crds entry. */
  crd: string;
  apiVersion: string;
  kind: string;
  /** False when the cluster does not serve the kind yet (new CRD): nothing to list. */
  served: boolean;
  /** CRs listed and planned. */
  planned: number;
  /** True when --max-crs cut the list; `more` then says how many were left out, when the server says. */
  truncated: boolean;
  more?: number;
  crs: CrPlan[];
}

export interface CrPlan {
  namespace?: string;
  name: string;
  /** Set when the CR is not planned: being deleted. */
  skipped?: string;
  /** Rendering failed (validation denied, render error): the controller would touch no child. */
  error?: { code: string; messages: string[] };
  children: ChildPlan[];
}

export type ChildActionType = 'create' | 'update' | 'prune' | 'unchanged' | 'conflict';

export interface ChildPlan {
  action: ChildActionType;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  /** Why, in a word or two: `create-only`, `once`, `terminating`, `in shape`, `no-op apply`. */
  reason?: string;
  /** For `update`: field by field, live → after the apply. */
  diff?: FieldChange[];
  /** The API server refused the dry-run (the real write would fail the same way). */
  error?: string;
}

export interface FieldChange {
  /** `spec.template.spec.containers[name=web].image`, `metadata.labels["app.kubernetes.io/name"]`. */
  path: string;
  op: 'changed' | 'added' | 'removed';
  /** Absent for `added`, and for Secret data (never shown). */
  old?: unknown;
  /** Absent for `removed`, and for Secret data (never shown). */
  new?: unknown;
  /** A Secret's data or stringData changed: values are withheld. */
  secret?: true;
}

export interface WebhookPlan {
  /** The two configurations compared; empty when the install's name was not given (--webhook). */
  configurations: WebhookConfigurationPlan[];
  /** Every multi-version CRD of the bundle: the webhook sets its conversion to Webhook. */
  conversions: ConversionPlan[];
}

export interface WebhookConfigurationPlan {
  kind: 'ValidatingWebhookConfiguration' | 'MutatingWebhookConfiguration';
  name: string;
  /** `new`: absent on the cluster; `changed`: its webhooks differ from what the bundle derives. */
  status: 'new' | 'changed' | 'unchanged';
  /** The webhooks the bundle derives (none: the bundle has no rules of this kind). */
  webhooks: string[];
  /** For `changed`: field by field under `webhooks`, live → what the webhook writes (clientConfig left out). */
  diff: FieldChange[];
}

export interface ConversionPlan {
  crd: string;
  /** The live strategy; `absent`: the CRD does not exist yet. */
  from: 'None' | 'Webhook' | 'absent';
  to: 'Webhook';
  changes: boolean;
}
