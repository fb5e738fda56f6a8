// An offline guess of a kind's plural resource name, for `ork rbac` without a cluster: lower-case
// kind plus the English plural the API server itself uses for most kinds. Pure; callers must say
// which names were guessed, since a CRD may choose any plural.
import { groupOf, type GroupResource } from './permissions.js';

export function guessResource(apiVersion: string, kind: string): GroupResource {
  const lower = kind.toLowerCase();
  let plural: string;
  if (/(s|x|z|ch|sh)$/.test(lower)) plural = `${lower}es`;
  else if (/[^aeiou]y$/.test(lower)) plural = `${lower.slice(0, -1)}ies`;
  else plural = `${lower}s`;
  return { group: groupOf(apiVersion), resource: plural };
}
