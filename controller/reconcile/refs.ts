// The identity of an object in the cluster (apiVersion, kind, namespace, name) as one key. Pure.
import type { KubeObject } from '../../shared/kube/index.js';

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export function refOf(object: KubeObject): ObjectRef {
  const { apiVersion, kind, metadata } = object;
  return metadata.namespace ? { apiVersion, kind, namespace: metadata.namespace, name: metadata.name } : { apiVersion, kind, name: metadata.name };
}

export function refKey(ref: ObjectRef): string {
  return `${ref.apiVersion}|${ref.kind}|${ref.namespace ?? ''}|${ref.name}`;
}

/** `Deployment web/blog` — how messages and events name an object. */
export function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}
