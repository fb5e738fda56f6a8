// Materialises a Pod's volumes as host directories, once per pod: emptyDir (shared by its
// containers), configMap, secret, downwardAPI and projected (incl. serviceAccountToken) written from
// the real objects, with the kubelet's file modes and fsGroup ownership. Knows nothing of mounts.
import { chmod, chown, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';
import { resolveFieldRef } from './field-ref.js';
import {
  ContainerConfigError, type DownwardAPIFile, type KeyToPath, type ObjectSource, type Pod, type PodNetwork,
  type ProjectedSource, type Volume,
} from './pod-types.js';

export interface MaterializedVolume {
  name: string;
  hostPath: string;
  /** configMap, secret, downwardAPI and projected volumes are always mounted read-only by the kubelet. */
  alwaysReadOnly: boolean;
}

export interface VolumeContext {
  net: PodNetwork;
  source: ObjectSource;
  /** A token for the pod's service account (TokenRequest, bound to the pod). */
  requestToken(audience: string | undefined, expirationSeconds: number): Promise<string>;
}

interface PayloadFile { data: Buffer; mode: number }
type Payload = Map<string, PayloadFile>;

const DEFAULT_MODE = 0o644;

function checkRelative(path: string, what: string): string {
  const norm = normalize(path);
  if (path.startsWith('/') || norm === '..' || norm.startsWith('../') || norm === '.') {
    throw new ContainerConfigError(`${what}: path ${JSON.stringify(path)} must be relative and must not contain '..'`);
  }
  return norm;
}

function addItems(
  payload: Payload, data: Map<string, Buffer>, items: KeyToPath[] | undefined, defaultMode: number,
  what: string, optional: boolean,
): void {
  if (!items || items.length === 0) {
    for (const [k, v] of data) payload.set(checkRelative(k, what), { data: v, mode: defaultMode });
    return;
  }
  for (const item of items) {
    const v = data.get(item.key);
    if (v === undefined) {
      if (optional) continue;
      throw new ContainerConfigError(`${what} references non-existent key: ${item.key}`);
    }
    payload.set(checkRelative(item.path, what), { data: v, mode: item.mode ?? defaultMode });
  }
}

async function configMapData(source: ObjectSource, name: string, optional: boolean | undefined): Promise<Map<string, Buffer> | undefined> {
  const cm = await source.configMap(name);
  if (!cm) {
    if (optional) return undefined;
    throw new ContainerConfigError(`configmap "${name}" not found`);
  }
  const data = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(cm.data ?? {})) data.set(k, Buffer.from(v, 'utf8'));
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) data.set(k, Buffer.from(v, 'base64'));
  return data;
}

async function secretData(source: ObjectSource, name: string, optional: boolean | undefined): Promise<Map<string, Buffer> | undefined> {
  const secret = await source.secret(name);
  if (!secret) {
    if (optional) return undefined;
    throw new ContainerConfigError(`secret "${name}" not found`);
  }
  return new Map(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
}

function addDownward(payload: Payload, pod: Pod, net: PodNetwork, items: DownwardAPIFile[] | undefined, defaultMode: number, what: string): void {
  for (const item of items ?? []) {
    if (!item.fieldRef) throw new ContainerConfigError(`pod-runner: ${what}: only fieldRef items are supported (item ${item.path})`);
    const value = resolveFieldRef(pod, item.fieldRef.fieldPath, net, true);
    payload.set(checkRelative(item.path, what), { data: Buffer.from(value, 'utf8'), mode: item.mode ?? defaultMode });
  }
}

async function addProjected(payload: Payload, pod: Pod, src: ProjectedSource, defaultMode: number, ctx: VolumeContext, what: string): Promise<void> {
  if (src.configMap) {
    const data = await configMapData(ctx.source, src.configMap.name ?? '', src.configMap.optional);
    if (data) addItems(payload, data, src.configMap.items, defaultMode, what, src.configMap.optional === true);
  } else if (src.secret) {
    const data = await secretData(ctx.source, src.secret.name ?? '', src.secret.optional);
    if (data) addItems(payload, data, src.secret.items, defaultMode, what, src.secret.optional === true);
  } else if (src.downwardAPI) {
    addDownward(payload, pod, ctx.net, src.downwardAPI.items, defaultMode, what);
  } else if (src.serviceAccountToken) {
    const t = src.serviceAccountToken;
    const token = await ctx.requestToken(t.audience, t.expirationSeconds ?? 3600);
    // The kubelet writes the token 0600 unless fsGroup asks for group access (then 0640).
    payload.set(checkRelative(t.path, what), { data: Buffer.from(token, 'utf8'), mode: pod.spec.securityContext?.fsGroup !== undefined ? 0o640 : 0o600 });
  } else {
    throw new ContainerConfigError(`pod-runner: ${what}: unsupported projected source ${JSON.stringify(Object.keys(src))}`);
  }
}

async function writePayload(dir: string, payload: Payload, fsGroup: number | undefined): Promise<void> {
  await mkdir(dir, { recursive: true });
  const dirs = new Set<string>([dir]);
  for (const [rel, file] of payload) {
    const path = join(dir, rel);
    for (let d = dirname(path); d.startsWith(dir) && !dirs.has(d); d = dirname(d)) dirs.add(d);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.data);
    const mode = fsGroup !== undefined ? file.mode | 0o440 : file.mode;
    await chown(path, 0, fsGroup ?? 0);
    await chmod(path, mode & 0o7777);
  }
  for (const d of dirs) {
    await chown(d, 0, fsGroup ?? 0);
    await chmod(d, fsGroup !== undefined ? 0o2755 : 0o755);
  }
}

/** Writes one volume under `dir`; throws ContainerConfigError when its source cannot be used. */
export async function materializeVolume(pod: Pod, volume: Volume, dir: string, ctx: VolumeContext): Promise<MaterializedVolume> {
  const what = `volume ${volume.name}`;
  const fsGroup = pod.spec.securityContext?.fsGroup;
  if (volume.emptyDir) {
    await mkdir(dir, { recursive: true });
    await chown(dir, 0, fsGroup ?? 0);
    await chmod(dir, fsGroup !== undefined ? 0o2777 : 0o777);
    return { name: volume.name, hostPath: dir, alwaysReadOnly: false };
  }
  const payload: Payload = new Map();
  if (volume.configMap) {
    const c = volume.configMap;
    const data = await configMapData(ctx.source, c.name ?? '', c.optional);
    if (data) addItems(payload, data, c.items, c.defaultMode ?? DEFAULT_MODE, what, c.optional === true);
  } else if (volume.secret) {
    const s = volume.secret;
    const data = await secretData(ctx.source, s.secretName ?? '', s.optional);
    if (data) addItems(payload, data, s.items, s.defaultMode ?? DEFAULT_MODE, what, s.optional === true);
  } else if (volume.downwardAPI) {
    addDownward(payload, pod, ctx.net, volume.downwardAPI.items, volume.downwardAPI.defaultMode ?? DEFAULT_MODE, what);
  } else if (volume.projected) {
    for (const src of volume.projected.sources ?? []) {
      await addProjected(payload, pod, src, volume.projected.defaultMode ?? DEFAULT_MODE, ctx, what);
    }
  } else {
    const kind = Object.keys(volume).filter((k) => k !== 'name').join(', ') || '(none)';
    throw new ContainerConfigError(`pod-runner: ${what}: volume type ${kind} is not supported (emptyDir, configMap, secret, downwardAPI, projected are)`);
  }
  await writePayload(dir, payload, fsGroup);
  return { name: volume.name, hostPath: dir, alwaysReadOnly: true };
}
