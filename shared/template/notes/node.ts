// Node notes: readiness, conditions, taints and allocatable resources of a Node child, and the
// topology upstream's `enrich: [node]` embeds in a Pod child under `_node`
// ({name, zone, region, instanceType}).
import type { FuncDef } from '../func-def.js';
import { asMap, embeddedMap, joinTexts, list, section, text } from './kube-object.js';
import { note, str, type DocLine } from './note.js';

const node1 = (name: string, doc: DocLine, call: (obj: unknown) => unknown): FuncDef => note('node', name, [1, 1], doc, (a) => call(a[0]));

/** The status text of the first condition of `type`; "" when there is none. */
function nodeCondition(obj: unknown, type: string): string {
  const c = list(section(obj, 'status').conditions).find((e) => asMap(e)?.type === type);
  return text(asMap(c)?.status);
}

const allocatable = (key: string) => (obj: unknown): string => text(section(section(obj, 'status'), 'allocatable')[key]);
const podNode = (key: string) => (obj: unknown): string => text(embeddedMap(obj, '_node')?.[key]);

export const NODE_NOTES: FuncDef[] = [
  node1('nodeReady', ['nodeReady OBJ', 'Whether the Ready condition has status "True".', '{{ nodeReady .children.node }}'], (o) => nodeCondition(o, 'Ready') === 'True'),
  note('node', 'nodeCondition', [2, 2], ['nodeCondition OBJ TYPE', 'The status ("True", "False", "Unknown") of condition TYPE; "" when absent.', '{{ nodeCondition .children.node "MemoryPressure" }}'], (a) => nodeCondition(a[0], str(a[1], 2))),
  node1('nodeTaints', ['nodeTaints OBJ', 'The key of each spec.taints entry, joined with ", ".', '{{ nodeTaints .children.node }}'], (o) => joinTexts(list(section(o, 'spec').taints).map((t) => asMap(t)?.key))),
  node1('nodeAllocatableCPU', ['nodeAllocatableCPU OBJ', 'status.allocatable.cpu, or "".', '{{ nodeAllocatableCPU .children.node }}'], allocatable('cpu')),
  node1('nodeAllocatableMemory', ['nodeAllocatableMemory OBJ', 'status.allocatable.memory, or "".', '{{ nodeAllocatableMemory .children.node }}'], allocatable('memory')),
  node1('podNodeName', ['podNodeName OBJ', '_node.name of a Pod (enrich: [node]), or "".', '{{ podNodeName .children.pod }}'], podNode('name')),
  node1('podNodeZone', ['podNodeZone OBJ', '_node.zone of a Pod (enrich: [node]), or "".', '{{ podNodeZone .children.pod }}'], podNode('zone')),
  node1('podNodeRegion', ['podNodeRegion OBJ', '_node.region of a Pod (enrich: [node]), or "".', '{{ podNodeRegion .children.pod }}'], podNode('region')),
  node1('podNodeInstanceType', ['podNodeInstanceType OBJ', '_node.instanceType of a Pod (enrich: [node]), or "".', '{{ podNodeInstanceType .children.pod }}'], podNode('instanceType')),
];
