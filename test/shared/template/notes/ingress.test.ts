// The ingress domain: load-balancer assignment, class, hosts, and the `_loadBalancerIPs` /
// `_tlsSecrets` upstream's `enrich: [ingress]` embeds.
import { INGRESS_NOTES } from '../../../../shared/template/notes/ingress.js';
import { cr } from './fixtures.js';
import { fails, noteTable, typed } from './note-table.js';

const ingress = {
  spec: { ingressClassName: 'nginx', rules: [{ host: 'api.example.com' }, {}, { host: 'www.example.com' }], tls: [{ hosts: ['api.example.com', 'www.example.com'] }, { hosts: ['api.example.com'] }] },
  status: { loadBalancer: { ingress: [{ hostname: 'lb.example.com' }] } },
  _loadBalancerIPs: ['1.2.3.4', 'lb.example.com'],
  _tlsSecrets: [{ metadata: { name: 'api-tls' } }],
};
const byIP = { status: { loadBalancer: { ingress: [{ ip: '34.1.2.3' }] } } };
const data = { ...cr, children: { ...cr.children, ingress, byIP } };
const I = '.children.ingress';
const B = '.children.byIP';
const arityErr = (name: string) => fails(`wrong number of arguments for "${name}": want 1, got 0`);

noteTable('ingress', INGRESS_NOTES, {
  ingressReady: [[`{{ ingressReady ${I} }}`, 'true'], [`{{ ingressReady ${B} }}`, 'true'], ['{{ ingressReady .x }}', 'false', { x: { status: { loadBalancer: { ingress: [{}] } } } }], ['{{ ingressReady }}', arityErr('ingressReady')]],
  ingressIP: [[`[{{ ingressIP ${I} }}]`, '[]'], [`{{ ingressIP ${B} }}`, '34.1.2.3'], ['[{{ ingressIP nil }}]', '[]'], ['{{ ingressIP }}', arityErr('ingressIP')]],
  ingressHost: [[`{{ ingressHost ${I} }}`, 'lb.example.com'], [`[{{ ingressHost ${B} }}]`, '[]'], ['[{{ ingressHost "x" }}]', '[]'], ['{{ ingressHost }}', arityErr('ingressHost')]],
  ingressClassName: [[`{{ ingressClassName ${I} }}`, 'nginx'], [`[{{ ingressClassName ${B} }}]`, '[]'], ['[{{ ingressClassName nil }}]', '[]'], ['{{ ingressClassName }}', arityErr('ingressClassName')]],
  ingressRules: [[`{{ ingressRules ${I} }}`, 'api.example.com, www.example.com'], [`[{{ ingressRules ${B} }}]`, '[]'], ['[{{ ingressRules .x }}]', '[]', { x: { spec: { rules: 'a' } } }], ['{{ ingressRules }}', arityErr('ingressRules')]],
  ingressTLSHosts: [[`{{ ingressTLSHosts ${I} }}`, 'api.example.com, www.example.com'], [`[{{ ingressTLSHosts ${B} }}]`, '[]'], ['[{{ ingressTLSHosts nil }}]', '[]'], ['{{ ingressTLSHosts }}', arityErr('ingressTLSHosts')]],
  ingressLoadBalancerIPs: [[`{{ ingressLoadBalancerIPs ${I} }}`, '1.2.3.4, lb.example.com'], [`[{{ ingressLoadBalancerIPs ${B} }}]`, '[]'], ['[{{ ingressLoadBalancerIPs nil }}]', '[]'], ['{{ ingressLoadBalancerIPs }}', arityErr('ingressLoadBalancerIPs')]],
  ingressTLSSecretCount: [[`{{ ingressTLSSecretCount ${I} }}`, typed(1)], [`{{ ingressTLSSecretCount ${B} }}`, typed(0)], ['{{ ingressTLSSecretCount nil }}', typed(0)], ['{{ ingressTLSSecretCount 1 2 }}', fails('wrong number of arguments for "ingressTLSSecretCount": want 1, got 2')]],
}, data);
