// Downward API field paths (`valueFrom.fieldRef`, downwardAPI volume items) read from the real Pod
// object, as the kubelet resolves them. Pure. Unsupported paths are a ContainerConfigError.
import { ContainerConfigError, type Pod, type PodNetwork } from './pod-types.js';

const SUBSCRIPT = /^metadata\.(labels|annotations)\['(.*)'\]$/;

/** The value of `fieldPath` for env vars (`forVolume` also allows whole label/annotation maps). */
export function resolveFieldRef(pod: Pod, fieldPath: string, net: PodNetwork, forVolume = false): string {
  const sub = SUBSCRIPT.exec(fieldPath);
  if (sub) {
    const map = sub[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations;
    return map?.[sub[2]] ?? '';
  }
  switch (fieldPath) {
    case 'metadata.name': return pod.metadata.name;
    case 'metadata.namespace': return pod.metadata.namespace ?? '';
    case 'metadata.uid': return pod.metadata.uid;
    case 'spec.serviceAccountName': return pod.spec.serviceAccountName ?? '';
    case 'spec.nodeName': return pod.spec.nodeName ?? '';
    case 'status.podIP': return net.podIP;
    case 'status.podIPs': return net.podIP;
    case 'status.hostIP': return net.hostIP;
    case 'status.hostIPs': return net.hostIP;
  }
  if (forVolume && (fieldPath === 'metadata.labels' || fieldPath === 'metadata.annotations')) {
    return formatMap(fieldPath === 'metadata.labels' ? pod.metadata.labels : pod.metadata.annotations);
  }
  throw new ContainerConfigError(`pod-runner: fieldRef ${JSON.stringify(fieldPath)} is not supported${forVolume ? ' in a downwardAPI volume' : ' in env'}`);
}

/** `key="value"` lines sorted by key, values quoted like Go's %q, as the kubelet writes them. */
export function formatMap(map: Record<string, string> | undefined): string {
  return Object.keys(map ?? {}).sort().map((k) => `${k}=${JSON.stringify(map![k])}`).join('\n');
}
