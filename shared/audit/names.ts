// The label and annotation names the audit and the digest publisher share with Kubernetes itself
// (pod-template-hash, deployment.kubernetes.io/revision) and with the Lease record.

/** The bundle digest a controller replica runs (on its Pod, its Deployment and the Lease). */
export const DIGEST_ANNOTATION = 'orkestra.orkspace.io/bundle-digest';
/** The Lease annotation with the leader's pod-template-hash. */
export const LEASE_REVISION_ANNOTATION = 'orkestra.orkspace.io/revision';
/** Set by the Deployment controller on every Pod and ReplicaSet of one pod template. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
/** Set by the Deployment controller on a Deployment and each of its ReplicaSets: 1, 2, 3… */
export const DEPLOYMENT_REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
