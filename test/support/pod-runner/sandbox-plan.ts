// Decides, from the host filesystem, how a container's mounts are made: canonical targets (host
// symlinks such as /var/run → /run resolved), which existing directory needs an overlay so a
// missing parent chain can be created, and the setpriv identity from the securityContext.
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import type { BindSpec } from './sandbox-script.js';
import { ContainerConfigError, type Container, type PodSpec } from './pod-types.js';

export interface MountRequest {
  source: string;
  target: string;
  readOnly: boolean;
  isFile: boolean;
}

interface Canonical {
  path: string;
  /** Deepest existing ancestor (or the path itself when it exists). */
  existing: string;
  exists: boolean;
}

function canonical(path: string): Canonical {
  const parts = posix.normalize(path).split('/').filter(Boolean);
  let cur = '/';
  for (let i = 0; i < parts.length; i++) {
    const next = join(cur, parts[i]);
    let st;
    try {
      st = lstatSync(next);
    } catch {
      return { path: join(next, ...parts.slice(i + 1)), existing: cur, exists: false };
    }
    cur = st.isSymbolicLink() ? realpathSync(next) : next;
  }
  return { path: cur, existing: cur, exists: true };
}

const isWithin = (path: string, dir: string): boolean => dir === '/' || path === dir || path.startsWith(dir + '/');

export interface MountLayout {
  binds: BindSpec[];
  overlays: string[];
}

/** Orders the mounts (parents first), canonicalises targets and picks the overlays. */
export function planMounts(requests: MountRequest[]): MountLayout {
  const sorted = [...requests].sort((a, b) => depth(a.target) - depth(b.target));
  const binds: BindSpec[] = [];
  const overlays = new Set<string>();
  for (const r of sorted) {
    if (!r.target.startsWith('/')) throw new ContainerConfigError(`mountPath ${JSON.stringify(r.target)} must be absolute`);
    const outer = binds.find((b) => isWithin(posix.normalize(r.target), b.target));
    if (outer) {
      // Inside an earlier mount: created in that volume at setup, no overlay needed.
      if (outer.target === posix.normalize(r.target)) throw new ContainerConfigError(`mountPath ${r.target} is used twice`);
      binds.push({ ...r, target: posix.normalize(r.target) });
      continue;
    }
    const c = canonical(r.target);
    for (const banned of ['/proc', '/sys']) {
      if (isWithin(c.path, banned)) throw new ContainerConfigError(`pod-runner: mountPath ${r.target} under ${banned} is not supported`);
    }
    if (c.exists) {
      const dir = statSync(c.path).isDirectory();
      if (dir === r.isFile) throw new ContainerConfigError(`mountPath ${r.target} is a ${dir ? 'directory' : 'file'} on the host but the mount is a ${r.isFile ? 'file' : 'directory'}`);
    } else {
      if (c.existing === '/') {
        throw new ContainerConfigError(`pod-runner: mountPath ${r.target} would need an overlay over / (no ancestor below / exists on the host); choose a path under an existing directory`);
      }
      overlays.add(c.existing);
    }
    binds.push({ ...r, target: c.path });
  }
  const minimal = [...overlays].filter((d) => ![...overlays].some((o) => o !== d && isWithin(d, o)));
  return { binds, overlays: minimal.sort() };
}

function depth(p: string): number {
  return posix.normalize(p).split('/').filter(Boolean).length;
}

export interface Identity {
  uid: number;
  gid: number;
  groups: number[];
}

/** The process identity as the kubelet derives it; runAsNonRoot without a uid cannot be checked here. */
export function identityFor(spec: PodSpec, container: Container): Identity {
  const pod = spec.securityContext ?? {};
  const sc = container.securityContext ?? {};
  const runAsUser = sc.runAsUser ?? pod.runAsUser;
  const nonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
  if (nonRoot === true && runAsUser === undefined) {
    throw new ContainerConfigError(`container ${container.name} has runAsNonRoot but no runAsUser; the pod runner cannot read the image's USER, so set runAsUser`);
  }
  if (nonRoot === true && runAsUser === 0) {
    throw new ContainerConfigError(`container's runAsUser breaks non-root policy (container ${container.name}, runAsUser 0)`);
  }
  const uid = runAsUser ?? 0;
  // Without runAsGroup the runtime takes the image user's group: 0 for a uid the image doesn't name.
  const gid = sc.runAsGroup ?? pod.runAsGroup ?? 0;
  const groups = [...new Set([...(pod.fsGroup !== undefined ? [pod.fsGroup] : []), ...(pod.supplementalGroups ?? [])])];
  return { uid, gid, groups };
}

/** setpriv options for the identity and the container's privilege settings. */
export function setprivOptions(id: Identity, container: Container): string[] {
  const opts = [`--reuid=${id.uid}`, `--regid=${id.gid}`];
  opts.push(id.groups.length > 0 ? `--groups=${id.groups.join(',')}` : '--clear-groups');
  const sc = container.securityContext ?? {};
  if (sc.allowPrivilegeEscalation === false) opts.push('--no-new-privs');
  if ((sc.capabilities?.drop ?? []).some((c) => c.toUpperCase() === 'ALL')) opts.push('--bounding-set=-all', '--inh-caps=-all');
  return opts;
}

/** Whether every directory on the way to `path` and the file itself can be used by any user. */
export function openToAll(path: string): boolean {
  try {
    if ((statSync(path).mode & 0o001) === 0) return false;
    for (let d = dirname(path); ; d = dirname(d)) {
      if ((statSync(d).mode & 0o001) === 0) return false;
      if (d === '/') return true;
    }
  } catch {
    return false;
  }
}
