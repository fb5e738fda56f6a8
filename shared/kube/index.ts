// shared/kube: what both programs know of Kubernetes without talking to it — the object model,
// the KubeClient port, REST paths, the connection description and the error mapping. Types and
// pure functions only (no I/O): the client that speaks HTTPS is cli/kube/, built by the CLI and
// injected, so neither the resolver nor the controller imports the other to reach the cluster.
export type { ApiResource, KubeObject, KubeStatus, ObjectMeta, OwnerReference, WatchEvent } from './objects.js';
export { METADATA_ONLY, type ApplyOptions, type KubeClient, type ListOptions, type ObjectList, type PatchType, type WatchOptions } from './client.js';
export type { AuthConfig, ExecConfig, Impersonation, KubeConfig, OidcConfig } from './connection.js';
export { asOrkError, isKubeError, KubeError, kubeErrorFrom, MAX_ERROR_BODY_BYTES, statusOf, stripQuery } from './errors.js';
export type { KubeRequestObserver, KubeRequestRecord } from './request-observer.js';
export { groupVersionPath, joinApiVersion, resourcePath, splitApiVersion, withQuery, type QueryValue } from './paths.js';
