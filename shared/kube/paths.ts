// REST paths of the Kubernetes API: where a resource, one object or a subresource lives, and
// query strings. Pure: no I/O; every name is percent-encoded so no value can add a path segment.
import type { ApiResource } from './objects.js';

/** `apps/v1` → { group: 'apps', version: 'v1' }; `v1` → the core group (''). */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return { group: '', version: apiVersion };
  return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function joinApiVersion(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

/** The discovery document of a group-version: `/api/v1` or `/apis/<group>/<version>`. */
export function groupVersionPath(group: string, version: string): string {
  return group === '' ? `/api/${seg(version)}` : `/apis/${seg(group)}/${seg(version)}`;
}

/**
 * `/apis/apps/v1/namespaces/ns/deployments/name/status`. The namespace is dropped for
 * cluster-scoped resources; without a name the path is the collection.
 */
export function resourcePath(resource: ApiResource, namespace?: string, name?: string, subresource?: string): string {
  let path = groupVersionPath(resource.group, resource.version);
  if (resource.namespaced && namespace) path += `/namespaces/${seg(namespace)}`;
  path += `/${seg(resource.resource)}`;
  if (name !== undefined) path += `/${seg(name)}`;
  if (subresource !== undefined) {
    if (name === undefined) throw new Error(`subresource ${subresource} needs an object name`);
    path += `/${seg(subresource)}`;
  }
  return path;
}

export type QueryValue = string | number | boolean | undefined;

/** Appends the defined parameters in the given order; undefined values are left out. */
export function withQuery(path: string, params: Record<string, QueryValue>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) query.append(key, String(value));
  }
  const text = query.toString();
  if (text === '') return path;
  return `${path}${path.includes('?') ? '&' : '?'}${text}`;
}

function seg(value: string): string {
  if (value === '' || value === '.' || value === '..') throw new Error(`invalid path segment ${JSON.stringify(value)}`);
  return encodeURIComponent(value);
}
