// The audit of a controller install: which replicas run which bundle digest, per rollout revision,
// who leads, and the verdict (consistent, rollout in progress, split brain, unknown). Pure: the
// caller lists Pods, ReplicaSets and Leases; nothing here talks to the cluster or prints.
export { auditReplicas, exitCodeForVerdict, type AuditInput, type AuditObject, type AuditReport, type AuditVerdict, type LeaseView, type ReplicaView, type RevisionGroup } from './report.js';
export { formatAudit } from './format.js';
export { DIGEST_ANNOTATION, DEPLOYMENT_REVISION_ANNOTATION, POD_TEMPLATE_HASH_LABEL } from './names.js';
