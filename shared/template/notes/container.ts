// Container notes: read the pod template of a workload (spec.template.spec.containers) by
// container index: image, env value, ports. Out-of-range indexes give "" or 0, as upstream.
import type { FuncDef } from '../func-def.js';
import { asMap, dig, list, text, toInt64, type Obj } from './kube-object.js';
import { int, note, str, type DocLine } from './note.js';

const ctr = (name: string, arity: readonly [number, number], doc: DocLine, call: FuncDef['call']): FuncDef => note('container', name, arity, doc, call);

function containers(obj: unknown): unknown[] {
  return list(dig(obj, ['spec', 'template', 'spec', 'containers']));
}

function container(obj: unknown, index: number): Obj | undefined {
  return index < 0 ? undefined : asMap(containers(obj)[index]);
}

function ports(obj: unknown, index: number): Obj[] {
  return list(container(obj, index)?.ports).map(asMap).filter((p): p is Obj => p !== undefined);
}

/** Optional trailing int arguments (upstream's `args ...int`), default 0. */
function indexAt(args: unknown[], at: number): number {
  return args.length > at ? int(args[at], at + 1) : 0;
}

function env(obj: unknown, index: number, key: string): string {
  for (const e of list(container(obj, index)?.env)) {
    const m = asMap(e);
    if (m && m.name === key) return text(m.value);
  }
  return '';
}

function portByName(obj: unknown, index: number, name: string): number {
  if (name === '') return 0;
  return toInt64(ports(obj, index).find((p) => p.name === name)?.containerPort);
}

export const CONTAINER_NOTES: FuncDef[] = [
  ctr('containerImage', [1, 2], ['containerImage OBJ [INDEX]', 'The image of container INDEX (default 0), or "".', '{{ containerImage .children.deployment 0 }}'], (a) => text(container(a[0], indexAt(a, 1))?.image)),
  // Upstream's Go signature is (obj, key, index...): the variable name comes before the index.
  ctr('containerEnv', [2, 3], ['containerEnv OBJ NAME [INDEX]', 'The value of env var NAME in container INDEX (default 0), or "".', '{{ containerEnv .children.deployment "APP_ENV" }}'], (a) => env(a[0], indexAt(a, 2), str(a[1], 2))),
  ctr('containerPort', [1, 3], ['containerPort OBJ [INDEX [PORT_INDEX]]', 'The containerPort at PORT_INDEX of container INDEX (both default 0), or 0.', '{{ containerPort .children.deployment }}'], (a) => toInt64(ports(a[0], indexAt(a, 1))[indexAt(a, 2)]?.containerPort)),
  ctr('hasContainerPort', [3, 3], ['hasContainerPort OBJ INDEX PORT', 'Whether container INDEX exposes containerPort PORT.', '{{ hasContainerPort .children.deployment 0 8080 }}'], (a) => {
    const port = int(a[2], 3);
    return ports(a[0], int(a[1], 2)).some((p) => toInt64(p.containerPort) === port);
  }),
  ctr('containerPortByName', [3, 3], ['containerPortByName OBJ INDEX NAME', 'The containerPort named NAME in container INDEX, or 0.', '{{ containerPortByName .children.deployment 0 "http" }}'], (a) => portByName(a[0], int(a[1], 2), str(a[2], 3))),
  ctr('containerPorts', [2, 2], ['containerPorts OBJ INDEX', 'The container ports of container INDEX, comma-separated.', '{{ containerPorts .children.deployment 0 }}'], (a) => ports(a[0], int(a[1], 2)).map((p) => String(toInt64(p.containerPort))).join(',')),
  ctr('containerCount', [1, 1], ['containerCount OBJ', 'How many containers the pod template has.', '{{ containerCount .children.deployment }}'], (a) => containers(a[0]).length),
];
