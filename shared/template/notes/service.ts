// Service notes: the addresses a Service was given (cluster IP, node port, load balancer), whether
// its EndpointSlice (or legacy Endpoints) has a ready address, and what upstream's enrichment
// embeds in a Service child: `_endpoints` ({ip, port, ready} each, `enrich: [endpoints]`) and
// `_backingPods` (the pods its selector matches, `enrich: [backingpods]`).
import type { FuncDef } from '../func-def.js';
import { asMap, embedded, joinTexts, list, mapsIn, section, text, toInt64, type Obj } from './kube-object.js';
import { note, type DocLine } from './note.js';

const svc = (name: string, doc: DocLine, call: (obj: unknown) => unknown): FuncDef => note('service', name, [1, 1], doc, (a) => call(a[0]));

function lbIngress(obj: unknown): Obj {
  return asMap(list(section(section(obj, 'status'), 'loadBalancer').ingress)[0]) ?? {};
}

function endpointsReady(obj: unknown): boolean {
  const m = asMap(obj);
  if (!m) return false;
  // A Service with its endpoints embedded (enrich: [endpoints], or implied by this note in status):
  // one ready. Upstream reads no endpoints from a Service object (false), though its docs show
  // `endpointsReady .children.service`; here that answers from the Service's EndpointSlices.
  if (m.kind === 'Service') return endpoints(m).some((e) => e.ready === true);
  // An EndpointSlice: some endpoint with an address and conditions.ready true.
  if (Array.isArray(m.endpoints)) {
    return m.endpoints.some((e) => list(asMap(e)?.addresses).length > 0 && asMap(asMap(e)?.conditions)?.ready === true);
  }
  // Legacy Endpoints: some subset with an address (subsets at the top or under status).
  const subsets = Array.isArray(m.subsets) ? m.subsets : list(section(m, 'status').subsets);
  return subsets.some((s) => list(asMap(s)?.addresses).length > 0);
}

const endpoints = (obj: unknown): Obj[] => mapsIn(embedded(obj, '_endpoints'));

/** "ip:port" of an enriched endpoint; "" when it has no ip. */
function address(e: Obj | undefined): string {
  const ip = text(e?.ip);
  return ip === '' ? '' : `${ip}:${toInt64(e?.port)}`;
}

export const SERVICE_NOTES: FuncDef[] = [
  svc('serviceClusterIP', ['serviceClusterIP OBJ', 'spec.clusterIP; "" before one is assigned.', '{{ serviceClusterIP .children.service }}'], (o) => text(section(o, 'spec').clusterIP)),
  svc('serviceNodePort', ['serviceNodePort OBJ', 'The nodePort of the first port; 0 before one is assigned.', '{{ serviceNodePort .children.service }}'], (o) => toInt64(asMap(list(section(o, 'spec').ports)[0])?.nodePort)),
  svc('serviceLoadBalancerIP', ['serviceLoadBalancerIP OBJ', 'status.loadBalancer.ingress[0].ip; "" while provisioning.', '{{ serviceLoadBalancerIP .children.service }}'], (o) => text(lbIngress(o).ip)),
  svc('serviceLoadBalancerHost', ['serviceLoadBalancerHost OBJ', 'status.loadBalancer.ingress[0].hostname; "" while provisioning.', 'https://{{ serviceLoadBalancerHost .children.service }}'], (o) => text(lbIngress(o).hostname)),
  svc('endpointsReady', ['endpointsReady OBJ', 'Whether an EndpointSlice (or Endpoints, or a Service through its EndpointSlices) has a ready address.', '{{ endpointsReady .children.endpointslice }}'], endpointsReady),
  svc('hasEndpoints', ['hasEndpoints OBJ', 'Whether an entry of _endpoints has ready true (enrich: [endpoints], implied when status reads this note).', '{{ hasEndpoints .children.service }}'], (o) => endpoints(o).some((e) => e.ready === true)),
  svc('serviceEndpoints', ['serviceEndpoints OBJ', 'Every entry of _endpoints as ip:port, joined with ", ".', '{{ serviceEndpoints .children.service }}'], (o) => joinTexts(endpoints(o).map(address))),
  svc('serviceEndpointCount', ['serviceEndpointCount OBJ', 'How many entries _endpoints holds; 0 without enrichment.', '{{ serviceEndpointCount .children.service }}'], (o) => embedded(o, '_endpoints').length),
  svc('serviceFirstEndpoint', ['serviceFirstEndpoint OBJ', 'The first entry of _endpoints as ip:port; "" when none.', '{{ serviceFirstEndpoint .children.service }}'], (o) => address(asMap(embedded(o, '_endpoints')[0]))),
  svc('backingPodCount', ['backingPodCount OBJ', 'How many pods _backingPods holds (enrich: [backingpods]).', '{{ backingPodCount .children.service }}'], (o) => embedded(o, '_backingPods').length),
  svc('backingPodNames', ['backingPodNames OBJ', 'The names in _backingPods, joined with ", ".', '{{ backingPodNames .children.service }}'], (o) => joinTexts(embedded(o, '_backingPods').map((p) => asMap(p)?.name))),
];
