// Upstream's "fields" notes: one-word accessors for the metadata every object has (name,
// namespace, uid, resourceVersion, creationTimestamp), each "" when absent.
import type { FuncDef } from '../func-def.js';
import { section, text } from './kube-object.js';
import { note } from './note.js';

function field(name: string, key: string, summary: string, example: string): FuncDef {
  return note('kubernetes', name, [1, 1], [`${name} OBJ`, summary, example], (a) => text(section(a[0], 'metadata')[key]));
}

export const KUBE_FIELDS_NOTES: FuncDef[] = [
  field('resourceName', 'name', 'metadata.name, or "".', '{{ resourceName .children.deployment }}'),
  field('resourceNamespace', 'namespace', 'metadata.namespace, or "" for cluster-scoped objects.', '{{ resourceNamespace .children.deployment }}'),
  field('resourceUID', 'uid', 'metadata.uid, or "".', '{{ resourceUID .children.deployment }}'),
  field('resourceVersion', 'resourceVersion', 'metadata.resourceVersion, or "".', '{{ resourceVersion .children.deployment }}'),
  field('creationTimestamp', 'creationTimestamp', 'metadata.creationTimestamp (RFC 3339), or "".', '{{ timeSince (creationTimestamp .children.deployment) }}'),
];
