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

function hasPort(obj: unknown, index: number, port: number): boolean {
  return ports(obj, index).some((p) => toInt64(p.containerPort) === port);
}

function portByName(obj: unknown, index: number, name: string): number {
  if (name === '') return 0;
  return toInt64(ports(obj, index).find((p) => p.name === name)?.containerPort);
}

export const CONTAINER_NOTES: FuncDef[] = [
  ctr('containerImage', [1, 2], ['containerImage OBJ [INDEX]', 'The image of container INDEX (default 0), or "".', '{{ containerImage .children.deployment 0 }}'], (a) => text(container(a[0], indexAt(a, 1))?.image)),
  // Upstream documents (obj, index, name) and one release took (obj, name, index...): the
  // argument types tell the two apart, so both forms work.
  ctr('containerEnv', [2, 3], ['containerEnv OBJ INDEX NAME', 'The value of env var NAME in container INDEX, or "" (also accepts OBJ NAME [INDEX]).', '{{ containerEnv .children.deployment 0 "APP_ENV" }}'], (a) =>
    typeof a[1] === 'string' ? env(a[0], indexAt(a, 2), a[1]) : env(a[0], int(a[1], 2), str(a[2], 3)),
  ),
  // Documented upstream as (obj, index, port) → bool; a later release reads one or two indexes
  // and returns the port number. Three arguments are the documented form.
  ctr('containerPort', [1, 3], ['containerPort OBJ INDEX PORT', 'Whether container INDEX exposes containerPort PORT; with only OBJ [INDEX], its first port number (or 0).', '{{ containerPort .children.deployment 0 8080 }}'], (a) =>
    a.length === 3 ? hasPort(a[0], int(a[1], 2), int(a[2], 3)) : toInt64(ports(a[0], indexAt(a, 1))[0]?.containerPort),
  ),
  ctr('hasContainerPort', [3, 3], ['hasContainerPort OBJ INDEX PORT', 'Whether container INDEX exposes containerPort PORT.', '{{ hasContainerPort .children.deployment 0 8080 }}'], (a) => hasPort(a[0], int(a[1], 2), int(a[2], 3))),
  ctr('containerPortByName', [3, 3], ['containerPortByName OBJ INDEX NAME', 'The containerPort named NAME in container INDEX, or 0.', '{{ containerPortByName .children.deployment 0 "http" }}'], (a) => portByName(a[0], int(a[1], 2), str(a[2], 3))),
  ctr('containerPorts', [2, 2], ['containerPorts OBJ INDEX', 'The container ports of container INDEX, comma-separated.', '{{ containerPorts .children.deployment 0 }}'], (a) => ports(a[0], int(a[1], 2)).map((p) => String(toInt64(p.containerPort))).join(',')),
  ctr('containerCount', [1, 1], ['containerCount OBJ', 'How many containers the pod template has.', '{{ containerCount .children.deployment }}'], (a) => containers(a[0]).length),
];
