// The node domain: a Node child's conditions, taints and allocatable resources, and the `_node`
// topology upstream's `enrich: [node]` embeds in a Pod child.
import { NODE_NOTES } from '../../../../shared/template/notes/node.js';
import { cr } from './fixtures.js';
import { fails, noteTable } from './note-table.js';

const node = {
  spec: { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }, { effect: 'NoExecute' }, { key: 'gpu' }] },
  status: { allocatable: { cpu: '3920m', memory: '15032020Ki' }, conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }] },
};
const notReady = { status: { conditions: [{ type: 'Ready', status: 'Unknown' }], allocatable: { cpu: 4 } } };
const pod = { metadata: { name: 'web-0' }, _node: { name: 'ip-10-0-1-5', zone: 'us-east-2a', region: 'us-east-2', instanceType: 't3.medium' } };
const data = { ...cr, children: { ...cr.children, node, notReady, pod } };
const N = '.children.node';
const U = '.children.notReady';
const P = '.children.pod';
const arityErr = (name: string) => fails(`wrong number of arguments for "${name}": want 1, got 0`);

noteTable('node', NODE_NOTES, {
  nodeReady: [[`{{ nodeReady ${N} }}`, 'true'], [`{{ nodeReady ${U} }}`, 'false'], ['{{ nodeReady nil }}', 'false'], ['{{ nodeReady }}', arityErr('nodeReady')]],
  nodeCondition: [
    [`{{ nodeCondition ${N} "MemoryPressure" }}`, 'False'],
    [`{{ nodeCondition ${U} "Ready" }}`, 'Unknown'],
    [`[{{ nodeCondition ${N} "DiskPressure" }}]`, '[]'],
    [`{{ nodeCondition ${N} 3 }}`, fails('nodeCondition: argument 2 must be a string, not int 3')],
    [`{{ nodeCondition ${N} }}`, fails('wrong number of arguments for "nodeCondition": want 2, got 1')],
  ],
  nodeTaints: [[`{{ nodeTaints ${N} }}`, 'node.kubernetes.io/not-ready, gpu'], [`[{{ nodeTaints ${U} }}]`, '[]'], ['[{{ nodeTaints "x" }}]', '[]'], ['{{ nodeTaints }}', arityErr('nodeTaints')]],
  nodeAllocatableCPU: [[`{{ nodeAllocatableCPU ${N} }}`, '3920m'], [`[{{ nodeAllocatableCPU ${U} }}]`, '[]'], ['[{{ nodeAllocatableCPU nil }}]', '[]'], ['{{ nodeAllocatableCPU }}', arityErr('nodeAllocatableCPU')]],
  nodeAllocatableMemory: [[`{{ nodeAllocatableMemory ${N} }}`, '15032020Ki'], [`[{{ nodeAllocatableMemory ${U} }}]`, '[]'], ['[{{ nodeAllocatableMemory nil }}]', '[]'], ['{{ nodeAllocatableMemory }}', arityErr('nodeAllocatableMemory')]],
  podNodeName: [[`{{ podNodeName ${P} }}`, 'ip-10-0-1-5'], [`[{{ podNodeName ${N} }}]`, '[]'], ['[{{ podNodeName .x }}]', '[]', { x: { _node: 'n1' } }], ['{{ podNodeName }}', arityErr('podNodeName')]],
  podNodeZone: [[`{{ podNodeZone ${P} }}`, 'us-east-2a'], [`[{{ podNodeZone ${N} }}]`, '[]'], ['[{{ podNodeZone nil }}]', '[]'], ['{{ podNodeZone }}', arityErr('podNodeZone')]],
  podNodeRegion: [[`{{ podNodeRegion ${P} }}`, 'us-east-2'], [`[{{ podNodeRegion ${N} }}]`, '[]'], ['[{{ podNodeRegion nil }}]', '[]'], ['{{ podNodeRegion }}', arityErr('podNodeRegion')]],
  podNodeInstanceType: [[`{{ podNodeInstanceType ${P} }}`, 't3.medium'], [`[{{ podNodeInstanceType ${N} }}]`, '[]'], ['[{{ podNodeInstanceType nil }}]', '[]'], ['{{ podNodeInstanceType 1 2 }}', fails('wrong number of arguments for "podNodeInstanceType": want 1, got 2')]],
}, data);
