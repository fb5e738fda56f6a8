// Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per package/area, so
// the benchmark can say where the controller's CPU goes without opening a profiler UI.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  /** Sampled time the process was busy (idle samples left out). */
  busyMs: number;
  idleMs: number;
  byArea: [string, number][];
  byFunction: [string, number][];
}

/** Self time in ms, per area (node_modules package, dist/<folder>, node internals, GC, idle) and per function. */
export function summariseProfile(profile: Profile, top = 15): ProfileSummary {
  const hits = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
  const msPerHit = hits === 0 ? 0 : (profile.endTime - profile.startTime) / 1000 / hits;
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let idleMs = 0;
  for (const node of profile.nodes) {
    if (!node.hitCount) continue;
    const ms = node.hitCount * msPerHit;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const where = url ? `${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}` : '';
    const fn = `${functionName || '(anonymous)'} ${where}`.trim();
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { busyMs: hits * msPerHit - idleMs, idleMs, byArea: sorted(areas), byFunction: sorted(functions) };
}

function areaOf(url: string, functionName: string): string {
  if (!url) return `(${functionName || 'native'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const ours = /\/dist\/([^/]+(?:\/[^/]+)?)\//.exec(url);
  if (ours) return `dist/${ours[1]}`;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url;
}
