// The shape of bench/results/<date>.json: what one `make bench` run measured, with the machine
// and its load around every step, so each figure can carry the conditions it was taken under.

export interface MachineLoad {
  at: string;
  /** os.loadavg(): 1, 5 and 15 minutes. */
  loadavg: [number, number, number];
}

export interface RenderPath {
  label: string;
  ms: number;
  perSecond: number;
  usPer: number;
  rssMb: number;
}

export interface ReconcilePhase {
  phase: string;
  round: number;
  wallSeconds: number;
  perSecond: number;
  load1: number;
  cpu: Record<string, number>;
  latencyMs?: { p50: number; p99: number };
  controller?: { peakRssMiB: number; cpuSecondsTotal: number; requestsPerCr: Record<string, number> };
}

/** Medians over rounds of one server on one path (bench/webhook.ts). */
export interface WebhookStat {
  /** At the steady rate (open loop). */
  p50Ms: number;
  p99Ms: number;
  /** How late the client sent at the steady rate, p99: high means the machine, not the server. */
  sendLateP99Ms: number;
  /** Answers per second with `concurrency` in flight (closed loop). */
  perSecond: number;
  errors: number;
}

export interface WebhookBench {
  rate: number;
  concurrency: number;
  seconds: number;
  rounds: number;
  goalP99OverFloorMs: number;
  summary: { path: string; webhook: WebhookStat; floor: WebhookStat; p99OverFloorMs: number }[];
  /** Every round's figures, as measured. */
  rows?: unknown[];
}

/** bench/steady.ts: N CRs all Ready, then a window of resyncs with nothing changing. */
export interface SteadyRun {
  crs: number;
  windowSeconds: number;
  resync: string;
  quick: boolean;
  fillSeconds: number;
  loadBefore: number;
  loadAfter: number;
  rssReadyMiB: number;
  rssEndMiB: number;
  peakRssMiB: number;
  nodeFloorRssMiB: number;
  cpuSecondsInWindow: number;
  requests: Record<string, number>;
  writes: Record<string, number>;
  writesTotal: number;
  /** Set when the run was made on its own, not by this `make bench`. */
  note?: string;
}

/** One child process timed by bench/resolve.ts: wall seconds and peak RSS (MB, /usr/bin/time). */
export interface TimedRun {
  wall: number;
  rssMb: number;
}

/** Medians over rounds of one path, with every round's wall time. */
export interface TimedSummary {
  wallMs: number;
  rssMb: number;
  roundsMs: number[];
}

/** bench/resolve.ts: `ork resolve` of 50 imports against plain undici, and `ork verify` of a ≈ 5 MB bundle. */
export interface ResolveBench {
  imports: number;
  concurrency: number;
  rounds: number;
  /** Which CLI ran: the bundled one the image runs, or dist/cli. */
  cli: 'bundled' | 'compiled';
  nodeStart: TimedSummary;
  floor: TimedSummary;
  resolve: TimedSummary;
  /** resolve wall / floor wall (medians); goal ≤ 2.0. */
  ratio: number;
  inProcessResolveMs: number;
  perKindMs: Record<string, { count: number; medianMs: number }>;
  verify: { bundleMiB: number; sha256: TimedSummary; ork: TimedSummary; inProcessMs: number };
}

export interface BenchResults {
  date: string;
  quick: boolean;
  machine: { cpus: number; cpuModel: string; node: string; platform: string };
  loads: { step: string; before: MachineLoad; after: MachineLoad }[];
  /** Peak RSS of `node -e 0` on this machine in this run: the memory floor. */
  nodeFloorRssMiB: number;
  render: { crs: number; children: number; rounds: number; floor: RenderPath; renderer: RenderPath } | undefined;
  /** bench/startup.ts: 10 CRDs, one CR present; medians over rounds. */
  startup?: { crds: number; readyMs: number; cpuToReadyMs?: number; idleRssMiB: number; nodeStartMs: number; rounds: { readyMs: number; cpuToReadyMs?: number; load1?: number; idleRssMiB: number; peakRssMiB: number; nodeStartMs: number }[] };
  /** bench/webhook.ts: /validate and /convert against a bare HTTPS handler. */
  webhook?: WebhookBench;
  /** bench/resolve.ts. */
  resolve?: ResolveBench;
  reconcile: { n: number; workers: number; rounds: number; results: ReconcilePhase[] }[];
  /** bench/steady.ts, one entry per run (make bench makes one; more may be added by hand, with a note). */
  steady?: SteadyRun[];
}
