// The Kubernetes object model as both programs see it: any object as plain JSON with typed
// metadata, the served kind from discovery, watch events and the API's Status. Types only: the
// renderer produces these, the controller applies and reads them, the resolver patches them.

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  deletionTimestamp?: string;
  creationTimestamp?: string;
  [key: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

/** A kind as the API server serves it (from discovery). */
export interface ApiResource {
  group: string;
  version: string;
  /** Plural resource name used in paths (`deployments`). */
  resource: string;
  kind: string;
  namespaced: boolean;
}

export type WatchEvent =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; object: KubeObject }
  | { type: 'ERROR'; status: KubeStatus };

/** The API server's Status object, as returned with errors and in watch ERROR events. */
export interface KubeStatus {
  code?: number;
  reason?: string;
  message?: string;
}
