// Publishes the bundle digest this replica runs where anyone can read it with kubectl: an
// annotation on its own Pod, and on its Deployment when its ReplicaSet is the Deployment's current
// revision. Writes annotations only; never touches specs, and never stops the controller.
import type { Logger } from '../../shared/log.js';
import { DEPLOYMENT_REVISION_ANNOTATION, DIGEST_ANNOTATION } from '../../shared/audit/names.js';
import { isKubeError, type ApiResource, type KubeClient, type KubeObject } from '../../shared/kube/index.js';

export const PODS: ApiResource = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true };
export const REPLICA_SETS: ApiResource = { group: 'apps', version: 'v1', resource: 'replicasets', kind: 'ReplicaSet', namespaced: true };
export const DEPLOYMENTS: ApiResource = { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true };

export interface PublishDigestOptions {
  kube: KubeClient;
  podName: string;
  namespace: string;
  digest: string;
  logger: Logger;
}

export interface PublishOutcome {
  /** The Deployment annotated, or undefined with `skipped` saying why not. */
  deployment: string | undefined;
  skipped?: string;
}

/**
 * Annotates the Pod, then the owning Deployment — but only from a Pod whose ReplicaSet carries
 * the Deployment's current `deployment.kubernetes.io/revision`, so that during a rollout the
 * Deployment says what the newest revision runs and old pods never overwrite it. The Deployment
 * write is a JSON patch whose `test` of that revision the API server checks atomically: an old
 * pod that read the Deployment just before a rollout started cannot win a race with a new one.
 * Replicas of one revision write the same value, so their races are harmless. Throws KubeError.
 */
export async function publishDigest(options: PublishDigestOptions): Promise<PublishOutcome> {
  const { kube, podName, namespace, digest, logger } = options;
  const pod = await kube.patch(PODS, namespace, podName, annotationPatch(digest), 'merge');
  logger.info('bundle digest published on the pod', { namespace, pod: podName, digest });

  const rsName = controllerOf(pod, 'ReplicaSet');
  if (!rsName) return skipped('the pod has no owning ReplicaSet', options);
  const rs = await kube.get(REPLICA_SETS, namespace, rsName);
  const deploymentName = rs && controllerOf(rs, 'Deployment');
  if (!rs || !deploymentName) return skipped(`ReplicaSet ${rsName} has no owning Deployment`, options);
  const rsRevision = rs.metadata.annotations?.[DEPLOYMENT_REVISION_ANNOTATION];
  if (!rsRevision) return skipped(`ReplicaSet ${rsName} has no ${DEPLOYMENT_REVISION_ANNOTATION}`, options);

  try {
    await kube.patch(DEPLOYMENTS, namespace, deploymentName, [
      { op: 'test', path: `/metadata/annotations/${pointer(DEPLOYMENT_REVISION_ANNOTATION)}`, value: rsRevision },
      { op: 'add', path: `/metadata/annotations/${pointer(DIGEST_ANNOTATION)}`, value: digest },
    ], 'json');
  } catch (e) {
    // A failed `test` (or a Deployment without annotations): find out whether we are simply old.
    if (!isKubeError(e) || e.status < 400 || e.status >= 500 || e.status === 403 || e.status === 404) throw e;
    const deployment = await kube.get(DEPLOYMENTS, namespace, deploymentName);
    const current = deployment?.metadata.annotations?.[DEPLOYMENT_REVISION_ANNOTATION];
    if (current === rsRevision) throw e;
    return skipped(`Deployment ${deploymentName} is at revision ${current ?? '(none)'}, this pod's ReplicaSet at ${rsRevision}`, options);
  }
  logger.info('bundle digest published on the deployment', { namespace, deployment: deploymentName, revision: rsRevision, digest });
  return { deployment: deploymentName };
}

/**
 * For the controller's start: publishes when POD_NAME and POD_NAMESPACE (downward API) are set,
 * and turns every failure into a warning — a missing annotation must not stop reconciling.
 */
export async function publishDigestFromEnv(options: Omit<PublishDigestOptions, 'podName' | 'namespace'> & { env: NodeJS.ProcessEnv }): Promise<void> {
  const { env, logger } = options;
  if (!env.POD_NAME || !env.POD_NAMESPACE) {
    logger.debug('not publishing the bundle digest: POD_NAME or POD_NAMESPACE is not set');
    return;
  }
  try {
    await publishDigest({ ...options, podName: env.POD_NAME, namespace: env.POD_NAMESPACE });
  } catch (e) {
    logger.warn('cannot publish the bundle digest; grant patch on pods and deployments and get on replicasets', { namespace: env.POD_NAMESPACE, pod: env.POD_NAME, err: String(e) });
  }
}

function annotationPatch(digest: string): unknown {
  return { metadata: { annotations: { [DIGEST_ANNOTATION]: digest } } };
}

function controllerOf(object: KubeObject, kind: string): string | undefined {
  return object.metadata.ownerReferences?.find((o) => o.kind === kind && o.controller === true)?.name;
}

/** RFC 6901: `~` → `~0`, `/` → `~1`. */
function pointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function skipped(reason: string, options: PublishDigestOptions): PublishOutcome {
  options.logger.info('bundle digest not published on a deployment', { namespace: options.namespace, pod: options.podName, reason });
  return { deployment: undefined, skipped: reason };
}
