// Names for the election: the Lease of an install and the identity of one replica. The Lease
// name is a DNS-1123 label (≤ 63 characters) derived only from the install name, so that two
// installs (two Helm releases) never share a Lease and every replica of one install agrees.
import { createHash, randomUUID } from 'node:crypto';
import { OrkError } from '../../shared/errors.js';
import { dnsLabelProblem } from '../../shared/katalog/names.js';

const PREFIX = 'orkestra-';
const MAX_LABEL = 63;
const HASH_CHARS = 8;

/**
 * `orkestra-<install>`. An install name that is not already a clean DNS label, or that is too
 * long, is folded and given a hash of the original, so distinct installs keep distinct Leases.
 */
export function leaseNameFor(installName: string): string {
  if (installName.trim() === '') throw new OrkError('USAGE', 'leader election needs an install name (the Helm release name) to name its Lease');
  const folded = installName.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  const plain = `${PREFIX}${folded}`;
  if (folded === installName && plain.length <= MAX_LABEL) return plain;
  const hash = createHash('sha256').update(installName).digest('hex').slice(0, HASH_CHARS);
  const room = MAX_LABEL - PREFIX.length - 1 - HASH_CHARS;
  const stem = folded.slice(0, room).replace(/-+$/, '');
  return stem === '' ? `${PREFIX}${hash}` : `${PREFIX}${stem}-${hash}`;
}

/** The Lease's namespace, a DNS-1123 label; `from` says where it was given. Throws OrkError USAGE. */
export function checkLeaseNamespace(namespace: string, from: string): string {
  const problem = dnsLabelProblem(namespace);
  if (problem) throw new OrkError('USAGE', `the leader election namespace ${problem} (${from})`);
  return namespace;
}

/** Pod name plus a random suffix: a restarted container never mistakes its predecessor's lease for its own. */
export function identityFor(podName: string): string {
  return `${podName}_${randomUUID()}`;
}
