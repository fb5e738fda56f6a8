// Service notes: the addresses a Service was given (cluster IP, node port, load balancer) and
// whether its EndpointSlice (or legacy Endpoints) has a ready address.
import type { FuncDef } from '../func-def.js';
import { asMap, list, section, text, toInt64, type Obj } from './kube-object.js';
import { note, type DocLine } from './note.js';

const svc = (name: string, doc: DocLine, call: (obj: unknown) => unknown): FuncDef => note('service', name, [1, 1], doc, (a) => call(a[0]));

function lbIngress(obj: unknown): Obj {
  return asMap(list(section(section(obj, 'status'), 'loadBalancer').ingress)[0]) ?? {};
}

function endpointsReady(obj: unknown): boolean {
  const m = asMap(obj);
  if (!m) return false;
  // An EndpointSlice: some endpoint with an address and conditions.ready true.
  if (Array.isArray(m.endpoints)) {
    return m.endpoints.some((e) => list(asMap(e)?.addresses).length > 0 && asMap(asMap(e)?.conditions)?.ready === true);
  }
  // Legacy Endpoints: some subset with an address (subsets at the top or under status).
  const subsets = Array.isArray(m.subsets) ? m.subsets : list(section(m, 'status').subsets);
  return subsets.some((s) => list(asMap(s)?.addresses).length > 0);
}

export const SERVICE_NOTES: FuncDef[] = [
  svc('serviceClusterIP', ['serviceClusterIP OBJ', 'spec.clusterIP; "" before one is assigned.', '{{ serviceClusterIP .children.service }}'], (o) => text(section(o, 'spec').clusterIP)),
  svc('serviceNodePort', ['serviceNodePort OBJ', 'The nodePort of the first port; 0 before one is assigned.', '{{ serviceNodePort .children.service }}'], (o) => toInt64(asMap(list(section(o, 'spec').ports)[0])?.nodePort)),
  svc('serviceLoadBalancerIP', ['serviceLoadBalancerIP OBJ', 'status.loadBalancer.ingress[0].ip; "" while provisioning.', '{{ serviceLoadBalancerIP .children.service }}'], (o) => text(lbIngress(o).ip)),
  svc('serviceLoadBalancerHost', ['serviceLoadBalancerHost OBJ', 'status.loadBalancer.ingress[0].hostname; "" while provisioning.', 'https://{{ serviceLoadBalancerHost .children.service }}'], (o) => text(lbIngress(o).hostname)),
  svc('endpointsReady', ['endpointsReady OBJ', 'Whether an EndpointSlice (or Endpoints) has a ready address.', '{{ endpointsReady .children.endpointslice }}'], endpointsReady),
];
