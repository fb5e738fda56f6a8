// Completes the children whose content the renderer could not know (shared/render ChildSource):
// a copy gets its source's data, read through the reconcile's ObjectReader, with the child's own
// data over it; a tls Secret keeps the data of the live Secret and is generated (controller/certs)
// only when there is none, or again once `rotateAfter` has passed since its generated-at
// annotation; a `once` Secret with `rotateAfter` keeps its live data until it is due likewise. A
// child whose source cannot be read is held: not applied, not pruned, and named on Ready.
// Certificates, keys and copied values never appear in a message.
import { GENERATED_AT_ANNOTATION, ROTATE_AFTER_ANNOTATION, type CrdEntry } from '../../shared/katalog/types.js';
import { sourceRef, type ChildSource, type DesiredChild } from '../../shared/render/index.js';
import type { KubeObject } from '../../shared/kube/index.js';
import { generateTlsBundle, type TlsBundle, type TlsRequest } from '../certs/tls-bundle.js';
import { namespaceRefusal } from './namespace-guard.js';
import { scaleWorkload } from './workload-scale.js';
import type { ObjectReader } from './reader.js';
import { refOf, type ObjectRef } from './refs.js';

type Copy = Extract<ChildSource, { type: 'copy' }>;
const FROM_KEY: Record<Copy['kind'], string> = { Secret: 'fromSecret', ConfigMap: 'fromConfigMap', NetworkPolicy: 'fromNetworkPolicy' };
type Tls = Extract<ChildSource, { type: 'tls' }>;
type Rotate = Extract<ChildSource, { type: 'rotate' }>;

export interface SourcesInput {
  children: readonly DesiredChild[];
  /** The live object at a child's place (already read for the plan). */
  live: (ref: ObjectRef) => KubeObject | undefined;
  reader: ObjectReader;
  entry: CrdEntry;
  now: Date;
  /** Default generateTlsBundle (tests count calls). */
  generate?: (req: TlsRequest, now: Date) => TlsBundle;
}

export interface Resolved {
  /** Every child ready to plan, in the order given. */
  children: DesiredChild[];
  /** Children whose source could not be read, with why: left as they are. */
  held: { child: DesiredChild; message: string }[];
}

export async function resolveSources(input: SourcesInput): Promise<Resolved> {
  const out: Resolved = { children: [], held: [] };
  for (const given of input.children) {
    const live = input.live(refOf(given.object));
    // A workload's autoscale sets its replicas from the live count (workload-scale.ts).
    const child = scaleWorkload(given, live, input.now);
    const source = child.source;
    if (source === undefined) out.children.push(child);
    else if (source.type === 'tls') out.children.push(resolveTls(child, source, live, input));
    else if (source.type === 'rotate') out.children.push(resolveRotation(child, source, live, input.now));
    else if ((child.createOnly || child.once) && live !== undefined) out.children.push(child); // present is enough: not read again
    else {
      const copied = await resolveCopy(child, source, input);
      if (typeof copied === 'string') out.held.push({ child, message: copied });
      else out.children.push(copied);
    }
  }
  return out;
}

/** The objects the children copy, as `v1|Kind|namespace|name` (controller/crd/source-index.ts). */
export function copiedSources(children: readonly DesiredChild[]): string[] {
  // NetworkPolicy sources are read again at each reconcile (and resync), not watched.
  return [...new Set(children.flatMap((c) => (c.source?.type === 'copy' && c.source.kind !== 'NetworkPolicy' ? [`v1|${c.source.kind}|${c.source.namespace}|${c.source.name}`] : [])))];
}

/** The child with its source's data under its own; a message when the source cannot be used. */
async function resolveCopy(child: DesiredChild, source: Copy, input: SourcesInput): Promise<DesiredChild | string> {
  const from = FROM_KEY[source.kind];
  const refused = namespaceRefusal(input.entry, source.namespace);
  if (refused) return `${from} ${sourceRef(source)}: ${refused}; the copy is not made`;
  const found = await input.reader.get(source.kind === 'NetworkPolicy' ? 'networking.k8s.io/v1' : 'v1', source.kind, source.namespace, source.name);
  if (found === undefined) return `${from} ${sourceRef(source)} not found: create it, or fix ${from}/fromNamespace; the copy is made once it exists`;
  const object = structuredClone(child.object);
  // A NetworkPolicy copy takes its source's whole spec, as upstream (its own rules are ignored).
  if (source.kind === 'NetworkPolicy') return { ...child, object: { ...object, spec: structuredClone(found.spec ?? {}) } };
  const own = (object.data ?? {}) as Record<string, string>;
  object.data = sorted({ ...((found.data ?? {}) as Record<string, string>), ...own });
  if (source.kind === 'Secret') object.type = object.type ?? found.type ?? 'Opaque';
  return { ...child, object };
}

/** The live Secret's certificate when it has one and is not due for rotation; else a new one. */
function resolveTls(child: DesiredChild, source: Tls, live: KubeObject | undefined, input: SourcesInput): DesiredChild {
  const object = structuredClone(child.object);
  const annotations: Record<string, string> = { ...object.metadata.annotations };
  if (source.rotateAfter) annotations[ROTATE_AFTER_ANNOTATION] = source.rotateAfter;
  const data = live?.data as Record<string, string> | undefined;
  const generatedAt = live?.metadata.annotations?.[GENERATED_AT_ANNOTATION];
  let rewrite = false;
  if (data?.['tls.crt'] && data['tls.key'] && !rotationDue(generatedAt, source, input.now)) {
    object.data = sorted(data);
    if (generatedAt !== undefined) annotations[GENERATED_AT_ANNOTATION] = generatedAt;
    else if (source.rotateAfter) {
      // Made elsewhere (or before annotations): the rotation clock starts now, as upstream.
      annotations[GENERATED_AT_ANNOTATION] = rfc3339(input.now);
      rewrite = true;
    }
  } else {
    const bundle = (input.generate ?? generateTlsBundle)(source, input.now);
    object.data = sorted(Object.fromEntries(Object.entries(bundle).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')])));
    annotations[GENERATED_AT_ANNOTATION] = rfc3339(input.now);
    rewrite = live !== undefined;
  }
  if (Object.keys(annotations).length > 0) object.metadata = { ...object.metadata, annotations: sorted(annotations) };
  // A rotation (or a first annotation) overwrites even a create-only Secret.
  return rewrite ? { ...child, object, createOnly: false, once: false } : { ...child, object };
}

/**
 * A `once` Secret with `rotateAfter`: created with a generated-at annotation; once that is older
 * than rotateAfter, the freshly rendered data is written over the live one; until then the live
 * data stays (a Secret without the annotation gets it, starting the clock, as upstream).
 */
function resolveRotation(child: DesiredChild, source: Rotate, live: KubeObject | undefined, now: Date): DesiredChild {
  const object = structuredClone(child.object);
  const annotations: Record<string, string> = { ...object.metadata.annotations, [ROTATE_AFTER_ANNOTATION]: source.rotateAfter, [GENERATED_AT_ANNOTATION]: rfc3339(now) };
  const generatedAt = live?.metadata.annotations?.[GENERATED_AT_ANNOTATION];
  let rewrite = false;
  if (live !== undefined && rotationDue(generatedAt, source, now)) rewrite = true; // the rendered data, generated now
  else if (live !== undefined) {
    object.data = live.data ?? {};
    if (generatedAt !== undefined) annotations[GENERATED_AT_ANNOTATION] = generatedAt;
    else rewrite = true; // annotated: the clock starts now
  }
  object.metadata = { ...object.metadata, annotations: sorted(annotations) };
  return rewrite ? { ...child, object, createOnly: false, once: false } : { ...child, object };
}

/** Upstream: due once rotateAfter has passed; an annotation that cannot be read is due too. */
function rotationDue(generatedAt: string | undefined, source: { rotateAfterMs?: number }, now: Date): boolean {
  if (source.rotateAfterMs === undefined || generatedAt === undefined) return false;
  const at = Date.parse(generatedAt);
  return Number.isNaN(at) || now.getTime() - at >= source.rotateAfterMs;
}

function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sorted(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(record).sort().map((k) => [k, record[k]!]));
}
