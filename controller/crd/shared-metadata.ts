// One metadata object for a child of ours in both of its kind's caches (issue #17). Every object
// with our ownership labels sits in the labelled cache (whole) and in the names index (its
// metadata), each parsed from its own watch event: two copies of the same labels, owner
// reference, uid and timestamps, ≈ 0.4–0.55 KiB per child (docs/benchmarks.md, *Memory at 10,000
// CRs*). The two watches race, so whichever cache receives a version second takes the metadata
// object the other already holds for that resourceVersion: the same version of an object has the
// same metadata in both answers (the metadata-only answer is the object's ObjectMeta). Both
// caches keep every object they held before, so what counts as a conflict, an adoption or a
// miss does not change; only the duplicate goes. Pure apart from reading the other cache.
import type { KubeObject } from '../../shared/kube/index.js';
import { objectKey, type Informer } from '../engine/index.js';

/** The metadata `other` caches for this version of `obj`, if it caches this very version. */
function sameVersion(obj: KubeObject, other: Informer): KubeObject['metadata'] | undefined {
  const held = other.get(objectKey(obj))?.metadata;
  const rv = obj.metadata.resourceVersion;
  return held !== undefined && rv !== undefined && held.resourceVersion === rv && held.uid === obj.metadata.uid ? held : undefined;
}

/**
 * For the names index: `{ apiVersion, kind, metadata }` with the labelled cache's metadata object
 * when it holds this version, else `obj` as it is.
 */
export function namesEntry(obj: KubeObject, labelled: Informer): KubeObject {
  const metadata = sameVersion(obj, labelled);
  return metadata === undefined ? obj : { apiVersion: obj.apiVersion, kind: obj.kind, metadata };
}

/** For the labelled cache: `obj` with the names index's metadata object when it holds this version (in place: `obj` was just parsed). */
export function labelledEntry(obj: KubeObject, names: Informer): KubeObject {
  const metadata = sameVersion(obj, names);
  if (metadata !== undefined) obj.metadata = metadata;
  return obj;
}
