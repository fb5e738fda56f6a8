// The V8 flags `ork controller` runs with, by Node major (V8 renamed its tiering flags between the
// Node 20 and Node 22 lines, and node refuses a flag its V8 does not know: "bad option").
//
// - TurboFan later: 8× V8's default tier-up thresholds, so code that runs a few times at start-up
//   (bundle verification, the start-up checks, the first reconciles) stays in the interpreter and
//   baseline code, while code that stays hot (reconciles and informers at scale) is still
//   optimised. Node 20 (V8 11): `--interrupt-budget` (66 KiB of bytecode by default); idle RSS with
//   10 CRDs 66 → 64 MiB and CPU until the first CR is Ready 820 → 670 ms (docs/benchmarks.md,
//   *Fourth pass*). Node 22 and 24 (V8 12–13) count invocations instead: `--invocation-count-for-
//   turbofan` (3,000) 8× (*Eighth pass*), `--invocation-count-for-maglev` (400) 32×: at 8× the
//   controller on Node 24 held 17–26 MiB more with 1,500 CRs for the same CPU per CR (*Ninth
//   pass*), and the
//   counts for on-stack replacement (a function stuck in a long loop) 80×: the one loop that
//   reached OSR at start-up was re2js decoding its case-folding table, once per process, and that
//   one TurboFan compile paged 5.3 MiB of compiler code into an idle controller (*Ninth pass*).
// - The old generation grows by 20 % past what a full GC left alive, where V8 otherwise lets a
//   busy heap grow by up to 4×: an informer cache fills in bursts, and each burst left the limit,
//   and with it the RSS, far above what stayed alive (10,000 CRs: peak 135–137 → 123–125 MiB with
//   the image's MALLOC_ARENA_MAX=2; *Memory at 10,000 CRs, third pass*).
//
// Set here at run time, before the command's modules load, for every way of starting the
// controller (npm's bin, `ork run`). On node's command line the tiering flag also covers Node's
// bootstrap, which keeps TurboFan's own code (≈ 3.5 MiB of the node binary) out of RSS (60 MiB,
// *Fifth pass*); Node refuses these flags in NODE_OPTIONS, so the image's `ork`
// (build/ork-entrypoint.sh) puts the same flags on node's command line, by the image's
// NODE_VERSION. A Node major not listed gets none: a flag V8 does not know is an error. A flag
// given on node's own command line wins (`node --heap-growing-percent=0 …/main.js controller`).
import { setFlagsFromString } from 'node:v8';

/** V8 11's default `--interrupt-budget` (66 KiB of bytecode) times 8. */
export const CONTROLLER_INTERRUPT_BUDGET = 8 * 66 * 1024;
/** V8 12–13's default invocation counts for TurboFan (3,000) times 8, and for Maglev (400) times 32. */
export const CONTROLLER_TURBOFAN_INVOCATIONS = 8 * 3000;
export const CONTROLLER_MAGLEV_INVOCATIONS = 32 * 400;
/** V8 13's default invocation counts for OSR to TurboFan (500) and to Maglev (100), times 80. */
export const CONTROLLER_OSR_INVOCATIONS = 80 * 500;
export const CONTROLLER_MAGLEV_OSR_INVOCATIONS = 80 * 100;
/** Percent the old generation may grow past its live size before the next full GC. */
export const CONTROLLER_HEAP_GROWING_PERCENT = 20;

/** The flags for a Node major; none for a major whose V8 flags were not checked. */
export function controllerV8Flags(nodeMajor: number): string[] {
  const heap = `--heap-growing-percent=${CONTROLLER_HEAP_GROWING_PERCENT}`;
  if (nodeMajor === 20 || nodeMajor === 21) return [`--interrupt-budget=${CONTROLLER_INTERRUPT_BUDGET}`, heap];
  if (nodeMajor >= 22 && nodeMajor <= 24) {
    return [
      `--invocation-count-for-turbofan=${CONTROLLER_TURBOFAN_INVOCATIONS}`,
      `--invocation-count-for-maglev=${CONTROLLER_MAGLEV_INVOCATIONS}`,
      `--invocation-count-for-osr=${CONTROLLER_OSR_INVOCATIONS}`,
      `--invocation-count-for-maglev-osr=${CONTROLLER_MAGLEV_OSR_INVOCATIONS}`,
      heap,
    ];
  }
  return [];
}

/** Sets the flags of this Node's major, except one node's own command line already gives: that one wins. */
export function applyControllerV8Flags(nodeVersion = process.versions.node, execArgv: readonly string[] = process.execArgv): void {
  const given = new Set(execArgv.map((arg) => arg.split('=')[0]!.replaceAll('_', '-')));
  for (const flag of controllerV8Flags(Number(nodeVersion.split('.')[0]))) {
    if (!given.has(flag.split('=')[0]!)) setFlagsFromString(flag);
  }
}
