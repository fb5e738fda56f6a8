// What the process metrics read about this process, once per scrape: CPU time, memory from
// /proc/self/status (Linux) or process.memoryUsage(), V8's heap and heap spaces, open and maximum
// file descriptors, and the handles, requests and resources keeping the event loop alive. A file
// that cannot be read leaves its fields undefined and its series out of the scrape.
import { readdirSync, readFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';

export interface ProcessReading {
  cpuUser: number;
  cpuSystem: number;
  /** Bytes: VmRSS, VmSize, VmData on Linux; resident only elsewhere. */
  resident?: number;
  virtual?: number;
  data?: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  /** Per V8 heap space (its name without `_space`): total, used, available bytes. */
  spaces: Array<{ space: string; total: number; used: number; available: number }>;
  openFds?: number;
  /** Count per type: libuv handles and requests by class name, resources by Node's name for them. */
  handles: Map<string, number>;
  handleCount: number;
  requests: Map<string, number>;
  requestCount: number;
  resources?: Map<string, number>;
  resourceCount?: number;
}

const LINUX = process.platform === 'linux';
type Internals = { _getActiveHandles?: () => object[]; _getActiveRequests?: () => object[]; getActiveResourcesInfo?: () => string[] };

function statusBytes(): Pick<ProcessReading, 'resident' | 'virtual' | 'data'> {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kib = (key: string) => {
      const m = new RegExp(`^${key}:\\s*(\\d+) kB`, 'm').exec(status);
      return m ? Number(m[1]) * 1024 : undefined;
    };
    return { resident: kib('VmRSS'), virtual: kib('VmSize'), data: kib('VmData') };
  } catch {
    return {};
  }
}

function countBy(items: readonly unknown[], name: (item: unknown) => string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = name(item);
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

const className = (item: unknown): string | undefined => (item !== null && typeof item === 'object' ? (item.constructor?.name ?? undefined) : undefined);

function openFds(): number | undefined {
  try {
    // Minus the descriptor readdir itself holds open.
    return readdirSync('/proc/self/fd').length - 1;
  } catch {
    return undefined;
  }
}

/** `Max open files` from /proc/self/limits (soft limit); undefined where unreadable. */
export function maxFds(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/ {2,}/)[1];
    return soft === undefined || !/^\d+$/.test(soft) ? undefined : Number(soft);
  } catch {
    return undefined;
  }
}

export function readProcess(): ProcessReading {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  const internals = process as unknown as Internals;
  const handles = internals._getActiveHandles?.() ?? [];
  const requests = internals._getActiveRequests?.() ?? [];
  const resources = internals.getActiveResourcesInfo?.();
  return {
    cpuUser: cpu.user / 1e6,
    cpuSystem: cpu.system / 1e6,
    ...(LINUX ? statusBytes() : { resident: memory.rss }),
    heapTotal: memory.heapTotal,
    heapUsed: memory.heapUsed,
    external: memory.external,
    spaces: getHeapSpaceStatistics().map((s) => ({ space: s.space_name.replace(/_space$/, ''), total: s.space_size, used: s.space_used_size, available: s.space_available_size })),
    openFds: LINUX ? openFds() : undefined,
    handles: countBy(handles, className),
    handleCount: handles.length,
    requests: countBy(requests, className),
    requestCount: requests.length,
    resources: resources && countBy(resources, (r) => r as string),
    resourceCount: resources?.length,
  };
}
