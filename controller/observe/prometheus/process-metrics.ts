// The Node process metrics (the counterpart of the Go process and runtime collectors): the
// families, names, help texts, types and labels that prom-client's default metrics exposed, so
// dashboards and alerts keep working. Differences, on purpose: the CPU counters are the process's
// CPU time since it started (prom-client counted from the registry's creation; Go's collector
// counts from the start, as here), and every GC of a batch the observer receives is counted (not
// only the first). Installs an event-loop delay monitor and a GC observer for the process's life.
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { Histogram } from './histogram.js';
import { formatValue, labelText, type MetricType } from './text.js';
import { maxFds, readProcess, type ProcessReading } from './process-readings.js';
import type { Family, Registry } from './registry.js';

type Series = ReadonlyArray<readonly [labels: Record<string, string | number>, value: number | undefined]>;

/** A family whose samples are read at scrape time. */
function readFamily(name: string, help: string, type: MetricType, read: () => Series | number | undefined, collect?: () => void): Family {
  return {
    name,
    help,
    type,
    collect,
    samples: () => {
      const got = read();
      const series: Series = typeof got === 'number' || got === undefined ? [[{}, got]] : got;
      let out = '';
      for (const [labels, value] of series) {
        const text = labelText(labels);
        if (value !== undefined) out += `${name}${text ? `{${text}}` : ''} ${formatValue(value)}\n`;
      }
      return out;
    },
  };
}

const byType = (counts: ReadonlyMap<string, number> | undefined): Series => [...(counts ?? [])].map(([type, n]) => [{ type }, n] as const);

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

function eventLoopFamilies(): Family[] {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let lag = 0;
  let stats = { min: 0, max: 0, mean: 0, stddev: 0, p50: 0, p90: 0, p99: 0 };
  // The lag is how long a callback queued at this scrape waited: it is reported at the next one.
  const collect = () => {
    const start = process.hrtime.bigint();
    setImmediate(() => {
      lag = Number(process.hrtime.bigint() - start) / 1e9;
    });
    const s = (ns: number) => ns / 1e9;
    stats = { min: s(delay.min), max: s(delay.max), mean: s(delay.mean), stddev: s(delay.stddev), p50: s(delay.percentile(50)), p90: s(delay.percentile(90)), p99: s(delay.percentile(99)) };
    delay.reset();
  };
  const stat = (key: keyof typeof stats, help: string) => readFamily(`nodejs_eventloop_lag_${key}_seconds`, help, 'gauge', () => stats[key]);
  return [
    readFamily('nodejs_eventloop_lag_seconds', 'Lag of event loop in seconds.', 'gauge', () => lag, collect),
    stat('min', 'The minimum recorded event loop delay.'),
    stat('max', 'The maximum recorded event loop delay.'),
    stat('mean', 'The mean of the recorded event loop delays.'),
    stat('stddev', 'The standard deviation of the recorded event loop delays.'),
    stat('p50', 'The 50th percentile of the recorded event loop delays.'),
    stat('p90', 'The 90th percentile of the recorded event loop delays.'),
    stat('p99', 'The 99th percentile of the recorded event loop delays.'),
  ];
}

function gcHistogram(): Histogram<'kind'> {
  const histogram = new Histogram<'kind'>({
    name: 'nodejs_gc_duration_seconds',
    help: 'Garbage collection duration by kind, one of major, minor, incremental or weakcb.',
    labelNames: ['kind'],
    buckets: [0.001, 0.01, 0.1, 1, 2, 5],
  });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = GC_KINDS[((entry as { detail?: { kind?: number } }).detail)?.kind ?? -1];
      histogram.observe(kind === undefined ? {} : { kind }, entry.duration / 1000);
    }
  }).observe({ entryTypes: ['gc'] });
  return histogram;
}

function memoryFamilies(now: () => ProcessReading): Family[] {
  const linux = process.platform === 'linux';
  const max = linux ? maxFds() : undefined;
  const spaces = (key: 'total' | 'used' | 'available') =>
    readFamily(`nodejs_heap_space_size_${key}_bytes`, `Process heap space size ${key} from Node.js in bytes.`, 'gauge', () => now().spaces.map((s) => [{ space: s.space }, s[key]] as const));
  return [
    readFamily('process_resident_memory_bytes', 'Resident memory size in bytes.', 'gauge', () => now().resident),
    ...(linux
      ? [
          readFamily('process_virtual_memory_bytes', 'Virtual memory size in bytes.', 'gauge', () => now().virtual),
          readFamily('process_heap_bytes', 'Process heap size in bytes.', 'gauge', () => now().data),
          readFamily('process_open_fds', 'Number of open file descriptors.', 'gauge', () => now().openFds),
        ]
      : []),
    ...(max !== undefined ? [readFamily('process_max_fds', 'Maximum number of open file descriptors.', 'gauge', () => max)] : []),
    ...eventLoopFamilies(),
    readFamily('nodejs_active_resources', 'Number of active resources that are currently keeping the event loop alive, grouped by async resource type.', 'gauge', () => byType(now().resources)),
    readFamily('nodejs_active_resources_total', 'Total number of active resources.', 'gauge', () => now().resourceCount),
    readFamily('nodejs_active_handles', 'Number of active libuv handles grouped by handle type. Every handle type is C++ class name.', 'gauge', () => byType(now().handles)),
    readFamily('nodejs_active_handles_total', 'Total number of active handles.', 'gauge', () => now().handleCount),
    readFamily('nodejs_active_requests', 'Number of active libuv requests grouped by request type. Every request type is C++ class name.', 'gauge', () => byType(now().requests)),
    readFamily('nodejs_active_requests_total', 'Total number of active requests.', 'gauge', () => now().requestCount),
    readFamily('nodejs_heap_size_total_bytes', 'Process heap size from Node.js in bytes.', 'gauge', () => now().heapTotal),
    readFamily('nodejs_heap_size_used_bytes', 'Process heap size used from Node.js in bytes.', 'gauge', () => now().heapUsed),
    readFamily('nodejs_external_memory_bytes', 'Node.js external memory size in bytes.', 'gauge', () => now().external),
    spaces('total'),
    spaces('used'),
    spaces('available'),
  ];
}

/** Registers the process families in `registry`; the process is read once per scrape. */
export function registerProcessMetrics(registry: Registry): void {
  let reading: ProcessReading | undefined;
  const now = () => (reading ??= readProcess());
  const started = Math.round(Date.now() / 1000 - process.uptime());
  const [major, minor, patch] = process.version.slice(1).split('.');
  const families: Family[] = [
    // The first family of a scrape takes the reading the others share.
    readFamily('process_cpu_user_seconds_total', 'Total user CPU time spent in seconds.', 'counter', () => now().cpuUser, () => {
      reading = undefined;
    }),
    readFamily('process_cpu_system_seconds_total', 'Total system CPU time spent in seconds.', 'counter', () => now().cpuSystem),
    readFamily('process_cpu_seconds_total', 'Total user and system CPU time spent in seconds.', 'counter', () => now().cpuUser + now().cpuSystem),
    readFamily('process_start_time_seconds', 'Start time of the process since unix epoch in seconds.', 'gauge', () => started),
    ...memoryFamilies(now),
    readFamily('nodejs_version_info', 'Node.js version info.', 'gauge', () => [[{ version: process.version, major: major!, minor: minor!, patch: patch! }, 1]]),
    gcHistogram(),
  ];
  for (const family of families) registry.register(family);
}
