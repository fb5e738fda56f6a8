// One bundle per rollout: the first resolver of a ReplicaSet publishes its signed bundle as an
// immutable ConfigMap owned by that ReplicaSet; every later pod of it verifies and reuses those
// bytes instead of fetching. All of the mode's logic lives here; the CLI only wires flags. It never
// writes files (the caller does, with bundle-writer.ts) and never signs (it is handed a producer).
import { createHash, type KeyObject } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { OrkError, isOrkError } from '../shared/errors.js';
import type { BindingExpectation } from '../shared/bundle/binding.js';
import { verifyBundle } from '../shared/bundle/verify.js';
import { BUNDLE_FILE, ENVELOPE_FILE, MAX_BUNDLE_BYTES, MAX_ENVELOPE_BYTES } from '../shared/bundle/layout.js';
import { asOrkError } from '../shared/kube/index.js';
import { isKubeError, type ApiResource, type KubeClient, type KubeObject, type OwnerReference } from '../shared/kube/index.js';
import type { BundleFiles } from './bundle-writer.js';

/** What the API server accepts in one ConfigMap (data + binaryData values), as it validates it. */
export const CONFIGMAP_LIMIT_BYTES = 1024 * 1024;
export const CONFIGMAP_PREFIX = 'orkestra-bundle-';
export const DIGEST_ANNOTATION = 'orkestra.orkspace.io/bundle-digest';
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'orkestra' } as const;
const MAX_NAME = 253;

const PODS: ApiResource = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true };
const CONFIG_MAPS: ApiResource = { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true };

/** How this run got its bundle: read an existing one, published its own, or lost the race and took the winner's. */
export type RolloutPath = 'reused' | 'published' | 'adopted';

export interface SignedFiles extends BundleFiles {
  digest: string;
}

export interface RolloutBundleInput {
  kube: KubeClient;
  namespace: string;
  podName: string;
  /** Verifies every bundle read from the cluster. */
  publicKey: KeyObject;
  /** Resolves and signs; called only when the ReplicaSet has no bundle yet. */
  produce: () => Promise<SignedFiles>;
  /**
   * What a published bundle must be bound to: this pod's configuration checksum, and at most this
   * old. A ConfigMap is writable by anyone who may create ConfigMaps in the namespace, so a
   * validly signed older bundle put there (a replay) is refused here, as the controller would.
   */
  expected?: Omit<BindingExpectation, 'now'>;
  /** The clock for the maximum age. */
  now?: () => Date;
}

export interface RolloutBundle {
  path: RolloutPath;
  files: SignedFiles;
  /** `namespace/name` of the ConfigMap. */
  configMap: string;
  replicaSet: string;
}

export async function rolloutBundle(input: RolloutBundleInput): Promise<RolloutBundle> {
  const { kube, namespace, publicKey } = input;
  const expected = (): BindingExpectation => ({ ...input.expected, now: (input.now ?? (() => new Date()))() });
  try {
    const owner = await owningReplicaSet(kube, namespace, input.podName);
    const name = configMapName(owner.name);
    const where = `${namespace}/${name}`;
    const base = { configMap: where, replicaSet: owner.name };

    const existing = await kube.get(CONFIG_MAPS, namespace, name);
    if (existing) return { ...base, path: 'reused', files: readPublished(existing, owner, publicKey, where, expected()) };

    const ours = await input.produce();
    try {
      await kube.create(configMapFor(ours, { namespace, name, owner }));
      return { ...base, path: 'published', files: ours };
    } catch (e) {
      if (!isKubeError(e, 409)) throw e;
    }
    const winner = await kube.get(CONFIG_MAPS, namespace, name);
    if (!winner) throw new OrkError('KUBE_API_FAILED', `ConfigMap ${where} was reported to exist but could not be read; retry`, { retry: 'transient' });
    return { ...base, path: 'adopted', files: readPublished(winner, owner, publicKey, where, expected()) };
  } catch (e) {
    if (isOrkError(e)) throw e;
    throw asOrkError(e);
  }
}

/** The ReplicaSet that controls the pod; the mode makes no sense for a pod without one. */
export async function owningReplicaSet(kube: KubeClient, namespace: string, podName: string): Promise<OwnerReference> {
  const pod = await kube.get(PODS, namespace, podName);
  if (!pod) throw new OrkError('USAGE', `pod ${namespace}/${podName} does not exist; --rollout-bundle needs POD_NAME and POD_NAMESPACE of the running pod (downward API)`);
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller === true);
  if (!owner || owner.kind !== 'ReplicaSet' || owner.apiVersion !== 'apps/v1') {
    throw new OrkError('USAGE', `pod ${namespace}/${podName} is not controlled by a ReplicaSet${owner ? ` (its controller is a ${owner.kind})` : ''}; run the resolver without --rollout-bundle, or from a Deployment`);
  }
  return owner;
}

/** `orkestra-bundle-<replicaset>`, shortened with a hash when it would pass the 253-character limit. */
export function configMapName(replicaSet: string): string {
  const full = `${CONFIGMAP_PREFIX}${replicaSet}`;
  if (full.length <= MAX_NAME) return full;
  const hash = createHash('sha256').update(replicaSet).digest('hex').slice(0, 16);
  return `${full.slice(0, MAX_NAME - hash.length - 1).replace(/[.-]+$/, '')}-${hash}`;
}

/** The immutable, owned, compressed ConfigMap for a bundle; BUNDLE_TOO_LARGE when it cannot fit. */
export function configMapFor(files: SignedFiles, at: { namespace: string; name: string; owner: OwnerReference }): KubeObject {
  const bundleGz = gzipSync(files.bundleBytes, { level: 9 });
  const envelopeGz = gzipSync(files.envelopeBytes, { level: 9 });
  const stored = bundleGz.length + envelopeGz.length;
  if (stored > CONFIGMAP_LIMIT_BYTES) {
    throw new OrkError('BUNDLE_TOO_LARGE', `the bundle does not fit in one ConfigMap even compressed: ${BUNDLE_FILE} is ${files.bundleBytes.length} bytes (${bundleGz.length} gzip), ${ENVELOPE_FILE} ${files.envelopeBytes.length} bytes (${envelopeGz.length} gzip), ${stored} bytes in all over the limit of ${CONFIGMAP_LIMIT_BYTES}; shrink the Komposer (fewer or smaller imports) or run the resolver without --rollout-bundle`);
  }
  const { name: ownerName, uid, kind, apiVersion } = at.owner;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: at.name,
      namespace: at.namespace,
      labels: { ...MANAGED_BY },
      annotations: { [DIGEST_ANNOTATION]: files.digest },
      ownerReferences: [{ apiVersion, kind, name: ownerName, uid, controller: true }],
    },
    immutable: true,
    binaryData: {
      [`${BUNDLE_FILE}.gz`]: bundleGz.toString('base64'),
      [`${ENVELOPE_FILE}.gz`]: envelopeGz.toString('base64'),
    },
  };
}

/**
 * The verified bundle of a ConfigMap. One owned by another ReplicaSet (an earlier one of the same
 * name, from a Deployment deleted and re-created, not yet collected) is refused as transient;
 * anything that fails verification — including a bundle bound to another configuration (a replay)
 * or older than the maximum age — is an integrity error and is left in place (immutable; a person
 * must look at it).
 */
export function readPublished(configMap: KubeObject, owner: OwnerReference, publicKey: KeyObject, where: string, expected: BindingExpectation = {}): SignedFiles {
  const owners = configMap.metadata.ownerReferences ?? [];
  if (!owners.some((o) => o.uid === owner.uid)) {
    throw new OrkError('ROLLOUT_BUNDLE_STALE', `ConfigMap ${where} is not owned by ReplicaSet ${owner.name} (uid ${owner.uid}): it belongs to another ReplicaSet, normally an earlier one of the same name that garbage collection has not removed yet; retry shortly, or delete the ConfigMap`, { retry: 'transient', source: where });
  }
  const binary = (configMap.binaryData ?? {}) as Record<string, unknown>;
  const bundleBytes = gunzipEntry(binary, `${BUNDLE_FILE}.gz`, MAX_BUNDLE_BYTES, where);
  const envelopeBytes = gunzipEntry(binary, `${ENVELOPE_FILE}.gz`, MAX_ENVELOPE_BYTES, where);
  let digest: string;
  try {
    digest = verifyBundle({ bundleBytes, envelopeBytes, publicKey, ...expected }).digest;
  } catch (e) {
    if (!isOrkError(e)) throw e;
    throw new OrkError(e.code, `the bundle in ConfigMap ${where} fails verification: ${e.message}. It was not used and is left untouched (immutable); investigate, then delete it to let the next pod publish again`, { source: where, cause: e });
  }
  const annotated = configMap.metadata.annotations?.[DIGEST_ANNOTATION];
  if (annotated !== undefined && annotated !== digest) {
    throw new OrkError('MALFORMED_BUNDLE', `ConfigMap ${where} is annotated ${DIGEST_ANNOTATION}=${annotated} but holds a bundle of digest ${digest}; investigate, then delete it`, { source: where });
  }
  return { bundleBytes, envelopeBytes, digest };
}

function gunzipEntry(binary: Record<string, unknown>, key: string, max: number, where: string): Buffer {
  const value = binary[key];
  if (typeof value !== 'string') throw new OrkError('MALFORMED_BUNDLE', `ConfigMap ${where} has no binaryData ${key}; it was not written by the resolver — investigate, then delete it`, { source: where });
  try {
    // Bounded: a small compressed entry must not expand into gigabytes.
    return gunzipSync(Buffer.from(value, 'base64'), { maxOutputLength: max });
  } catch {
    throw new OrkError('MALFORMED_BUNDLE', `ConfigMap ${where} entry ${key} is not gzip data of at most ${max} bytes; investigate, then delete it`, { source: where });
  }
}

/** One line for the log: which path was taken. */
export function describeRollout(r: RolloutBundle): string {
  const what = r.path === 'reused' ? 'reused the bundle of' : r.path === 'published' ? 'published the bundle as' : 'lost the publish race; adopted the bundle of';
  return `rollout bundle: ${what} ConfigMap ${r.configMap} (ReplicaSet ${r.replicaSet}, ${r.files.digest})\n`;
}
