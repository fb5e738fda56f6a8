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
  reconcile: { n: number; workers: number; rounds: number; results: ReconcilePhase[] }[];
}
