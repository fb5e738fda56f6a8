// Ingress notes: load-balancer assignment, class, rule and TLS hosts from the Ingress itself, and
// what upstream's `enrich: [ingress]` embeds (`_loadBalancerIPs`, `_tlsSecrets`).
import type { FuncDef } from '../func-def.js';
import { asMap, embedded, joinTexts, list, section, text, type Obj } from './kube-object.js';
import { note, type DocLine } from './note.js';

const ing = (name: string, doc: DocLine, call: (obj: unknown) => unknown): FuncDef => note('ingress', name, [1, 1], doc, (a) => call(a[0]));

function lbEntry(obj: unknown): Obj {
  return asMap(list(section(section(obj, 'status'), 'loadBalancer').ingress)[0]) ?? {};
}

const rules = (obj: unknown): string => joinTexts(list(section(obj, 'spec').rules).map((r) => asMap(r)?.host));

function tlsHosts(obj: unknown): string {
  const hosts = list(section(obj, 'spec').tls).flatMap((t) => list(asMap(t)?.hosts));
  return joinTexts([...new Set(hosts)]);
}

export const INGRESS_NOTES: FuncDef[] = [
  ing('ingressReady', ['ingressReady OBJ', 'Whether status.loadBalancer.ingress[0] has an ip or a hostname.', '{{ ingressReady .children.ingress }}'], (o) => text(lbEntry(o).ip) !== '' || text(lbEntry(o).hostname) !== ''),
  ing('ingressIP', ['ingressIP OBJ', 'status.loadBalancer.ingress[0].ip; "" while provisioning.', '{{ ingressIP .children.ingress }}'], (o) => text(lbEntry(o).ip)),
  ing('ingressHost', ['ingressHost OBJ', 'status.loadBalancer.ingress[0].hostname; "" while provisioning.', '{{ ingressHost .children.ingress }}'], (o) => text(lbEntry(o).hostname)),
  ing('ingressClassName', ['ingressClassName OBJ', 'spec.ingressClassName, or "".', '{{ ingressClassName .children.ingress }}'], (o) => text(section(o, 'spec').ingressClassName)),
  ing('ingressRules', ['ingressRules OBJ', 'The host of each spec.rules entry, joined with ", " (catch-all rules left out).', '{{ ingressRules .children.ingress }}'], rules),
  ing('ingressTLSHosts', ['ingressTLSHosts OBJ', 'The distinct hosts of spec.tls, joined with ", ".', '{{ ingressTLSHosts .children.ingress }}'], tlsHosts),
  ing('ingressLoadBalancerIPs', ['ingressLoadBalancerIPs OBJ', 'Every address in _loadBalancerIPs (enrich: [ingress]), joined with ", ".', '{{ ingressLoadBalancerIPs .children.ingress }}'], (o) => joinTexts(embedded(o, '_loadBalancerIPs'))),
  ing('ingressTLSSecretCount', ['ingressTLSSecretCount OBJ', 'How many TLS secrets _tlsSecrets holds (enrich: [ingress]); 0 without enrichment.', '{{ ingressTLSSecretCount .children.ingress }}'], (o) => embedded(o, '_tlsSecrets').length),
];
