// What a child's `source` means, in one line for people: `ork template` prints it above the child
// (it reads no cluster, so the copied or generated data is not there), and the controller's
// messages about a source use the same words.
import type { ChildSource } from './types.js';

export function describeSource(source: ChildSource, ownData: boolean): string {
  if (source.type === 'copy' && source.kind === 'NetworkPolicy') {
    return `spec copied at reconcile time from NetworkPolicy ${source.namespace}/${source.name} (ork template reads no cluster)`;
  }
  if (source.type === 'copy') {
    const overrides = ownData ? '; the data below overrides its keys' : '';
    return `data copied at reconcile time from ${source.kind} ${source.namespace}/${source.name}${overrides} (ork template reads no cluster)`;
  }
  if (source.type === 'rotate') {
    return `data kept across reconciles, rendered again once ${source.rotateAfter} has passed since its generated-at annotation (set when the controller writes it)`;
  }
  const dns = source.dnsNames.length > 0 ? `, DNS ${source.dnsNames.join(', ')}` : '';
  const rotation = source.rotateAfter ? `, regenerated after ${source.rotateAfter}` : '';
  return `tls.crt, tls.key and ca.crt generated at reconcile time: a self-signed CA and a certificate for CN=${source.commonName}${dns}, valid ${source.validFor}; kept across reconciles${rotation}`;
}

/** `fromSecret platform/creds` — where a copy comes from, for messages. */
export function sourceRef(source: Extract<ChildSource, { type: 'copy' }>): string {
  return `${source.kind} ${source.namespace}/${source.name}`;
}
