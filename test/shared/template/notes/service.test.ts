// The service domain: addresses and endpoint readiness of a Service, and the enriched
// `_endpoints` and `_backingPods` upstream embeds (zero values without them).
import { SERVICE_NOTES } from '../../../../shared/template/notes/service.js';
import { fails, noteTable, typed } from './note-table.js';
import { data } from './workload-data.js';

const eps = { x: { _endpoints: [{ ip: '10.0.0.1', port: 8080, ready: false }, { ip: '10.0.0.2', port: '8080', ready: true }, { port: 9 }, 'junk'] } };
const noIP = { x: { _endpoints: [{ port: 80, ready: true }, { ip: '10.0.0.3', port: 80 }] } };
const backing = { x: { _backingPods: [{ name: 'app-a' }, { name: '' }, { name: 'app-c' }, 7] } };

noteTable('service', SERVICE_NOTES, {
  serviceClusterIP: [
    ['{{ serviceClusterIP .children.service }}', '10.96.0.12'],
    ['[{{ serviceClusterIP .children.job }}]', '[]'],
    ['[{{ serviceClusterIP nil }}]', '[]'],
    ['{{ serviceClusterIP }}', fails('wrong number of arguments for "serviceClusterIP": want 1, got 0')],
  ],
  serviceNodePort: [
    ['{{ serviceNodePort .children.service }}', typed(31234)],
    ['{{ serviceNodePort .children.job }}', typed(0)],
    ['{{ serviceNodePort .x }}', typed(0), { x: { spec: { ports: [] } } }],
    ['{{ serviceNodePort }}', fails('wrong number of arguments for "serviceNodePort": want 1, got 0')],
  ],
  serviceLoadBalancerIP: [
    ['{{ serviceLoadBalancerIP .children.service }}', '34.1.2.3'],
    ['[{{ serviceLoadBalancerIP .x }}]', '[]', { x: { status: { loadBalancer: {} } } }],
    ['[{{ serviceLoadBalancerIP .children.secret }}]', '[]'],
    ['{{ serviceLoadBalancerIP }}', fails('wrong number of arguments for "serviceLoadBalancerIP": want 1, got 0')],
  ],
  serviceLoadBalancerHost: [
    ['https://{{ serviceLoadBalancerHost .children.service }}', 'https://lb.example.com'],
    ['[{{ serviceLoadBalancerHost .x }}]', '[]', { x: { status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } } }],
    ['[{{ serviceLoadBalancerHost 3 }}]', '[]'],
    ['{{ serviceLoadBalancerHost }}', fails('wrong number of arguments for "serviceLoadBalancerHost": want 1, got 0')],
  ],
  endpointsReady: [
    ['{{ endpointsReady .children.endpointslice }}', 'true'],
    ['{{ endpointsReady .children.legacy }}', 'true'],
    ['{{ endpointsReady .x }}', 'false', { x: { endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: false } }] } }],
    ['{{ endpointsReady .children.service }}', 'false'],
    ['{{ endpointsReady .x }}', 'true', { x: { kind: 'Service', _endpoints: [{ ip: '10.0.0.1', port: 80, ready: false }, { ip: '10.0.0.2', port: 80, ready: true }] } }],
    ['{{ endpointsReady .x }}', 'false', { x: { kind: 'Service', _endpoints: [{ ip: '10.0.0.1', port: 80, ready: false }] } }],
    ['{{ endpointsReady }}', fails('wrong number of arguments for "endpointsReady": want 1, got 0')],
  ],
  hasEndpoints: [
    ['{{ hasEndpoints .x }}', 'true', eps],
    ['{{ hasEndpoints .x }}', 'false', { x: { _endpoints: [{ ip: '10.0.0.1', ready: 'true' }] } }],
    ['{{ hasEndpoints .children.endpointslice }}', 'false'],
    ['{{ hasEndpoints }}', fails('wrong number of arguments for "hasEndpoints": want 1, got 0')],
  ],
  serviceEndpoints: [
    ['{{ serviceEndpoints .x }}', '10.0.0.1:8080, 10.0.0.2:8080', eps],
    ['{{ serviceEndpoints .x }}', '10.0.0.3:80', noIP],
    ['[{{ serviceEndpoints .children.service }}]', '[]'],
    ['{{ serviceEndpoints 1 2 }}', fails('wrong number of arguments for "serviceEndpoints": want 1, got 2')],
  ],
  serviceEndpointCount: [
    ['{{ serviceEndpointCount .x }}', typed(4), eps],
    ['{{ serviceEndpointCount .children.service }}', typed(0)],
    ['{{ serviceEndpointCount nil }}', typed(0)],
    ['{{ serviceEndpointCount }}', fails('wrong number of arguments for "serviceEndpointCount": want 1, got 0')],
  ],
  serviceFirstEndpoint: [
    ['{{ serviceFirstEndpoint .x }}', '10.0.0.1:8080', eps],
    ['[{{ serviceFirstEndpoint .x }}]', '[]', noIP],
    ['[{{ serviceFirstEndpoint .children.service }}]', '[]'],
    ['{{ serviceFirstEndpoint }}', fails('wrong number of arguments for "serviceFirstEndpoint": want 1, got 0')],
  ],
  backingPodCount: [
    ['{{ backingPodCount .x }}', typed(4), backing],
    ['{{ backingPodCount .children.service }}', typed(0)],
    ['{{ backingPodCount "svc" }}', typed(0)],
    ['{{ backingPodCount }}', fails('wrong number of arguments for "backingPodCount": want 1, got 0')],
  ],
  backingPodNames: [
    ['{{ backingPodNames .x }}', 'app-a, app-c', backing],
    ['[{{ backingPodNames .children.service }}]', '[]'],
    ['[{{ backingPodNames nil }}]', '[]'],
    ['{{ backingPodNames }}', fails('wrong number of arguments for "backingPodNames": want 1, got 0')],
  ],
}, data);
