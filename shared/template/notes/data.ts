// Upstream's Data notes: base64 for Secret data, JSON, a short content hash for names, and
// Kubernetes-safe names (slugify, truncateName, repoSlug), plus a key/value lookup table.
// sha256sum is upstream's: the FIRST 8 hex characters, not Sprig's full 64-character digest.
import { createHash } from 'node:crypto';
import { goJson } from '../go-json.js';
import { bounded, intArg, str } from './arguments.js';
import { defineNotes } from './define.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Lower case, every run of other characters one dash, no dash at either end. */
export function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
}

function repoSlug(s: string): string {
  const path = s.trim().replace(/\/+$/, '');
  const last = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf(':')) + 1);
  return slugify(last.endsWith('.git') ? last.slice(0, -4) : last);
}

function fromBase64(s: string): string {
  const clean = s.replace(/[\r\n]/g, '');
  return BASE64.test(clean) ? Buffer.from(clean, 'base64').toString('utf8') : '';
}

/** A trailing unpaired argument is ignored, as upstream does. */
function lookup(a: unknown[]): unknown {
  const key = str(a[0]);
  for (let i = 1; i + 1 < a.length; i += 2) if (str(a[i]) === key) return a[i + 1];
  return '';
}

export const DATA_NOTES = defineNotes('Data', [
  [{ name: 'toBase64', min: 1, sig: 'toBase64 S', summary: 'S encoded as standard base64 (for Secret data).', example: '{{ toBase64 .spec.token }}' }, (a, env) => bounded(Buffer.from(str(a[0]), 'utf8').toString('base64'), env.maxOutput)],
  [{ name: 'fromBase64', min: 1, sig: 'fromBase64 S', summary: 'Standard base64 S decoded; "" when S is not valid base64 (as upstream).', example: '{{ fromBase64 (index .children.secret.data "endpoint") }}' }, (a) => fromBase64(str(a[0]))],
  [{ name: 'toJSON', min: 1, sig: 'toJSON V', summary: 'V as compact JSON with sorted keys (same as toJson).', example: '{{ toJSON .metadata.labels }}' }, (a, env) => bounded(goJson(a[0], env.maxOutput), env.maxOutput)],
  [
    { name: 'sha256sum', min: 1, sig: 'sha256sum S', summary: 'The first 8 hex characters of the SHA-256 of S (upstream; Sprig gives all 64).', example: 'config-{{ sha256sum .spec.config }}' },
    (a) => createHash('sha256').update(str(a[0]), 'utf8').digest('hex').slice(0, 8),
  ],
  [{ name: 'slugify', min: 1, sig: 'slugify S', summary: 'S as a Kubernetes-safe name part: lower case, other characters as single dashes, no dash at the ends.', example: '{{ slugify .spec.teamName }}-operator' }, (a) => slugify(str(a[0]))],
  [
    { name: 'truncateName', min: 2, sig: 'truncateName S N', summary: 'S cut to at most N characters, with no "..." (for names).', example: '{{ truncateName (slugify .spec.project) 50 }}' },
    (a) => [...str(a[0])].slice(0, intArg(a[1], 'the length', 0, Number.MAX_SAFE_INTEGER)).join(''),
  ],
  [
    { name: 'lookup', min: 1, max: Infinity, sig: 'lookup KEY K1 V1 K2 V2...', summary: 'The value paired with KEY in the key/value arguments (first match), or "". Not Helm\'s cluster lookup.', example: '{{ lookup .spec.repo "org/api" "team-api" "org/web" "team-web" }}' },
    lookup,
  ],
  [{ name: 'repoSlug', min: 1, sig: 'repoSlug REPO', summary: 'The repository name of a git URL, org/repo or bare name, without .git, slugified.', example: '{{ repoSlug "git@github.com:org/payments-api.git" }}' }, (a) => repoSlug(str(a[0]))],
]);
