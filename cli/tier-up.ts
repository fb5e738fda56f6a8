// The controller's JavaScript reaches V8's optimising compiler (TurboFan) later: 8× V8's default
// interrupt budget, so code that runs a few times at start-up (bundle verification, the start-up
// checks, the first reconciles) stays in V8's interpreter and baseline code, while code that stays
// hot (reconciles and informers at scale) is still optimised, after 8× as much bytecode has run.
// Set here, at run time, before the command's modules load: idle RSS with 10 CRDs 66 → 64 MiB
// (TurboFan's working memory) and CPU until the first CR is Ready 820 → 670 ms (medians;
// docs/benchmarks.md, *Fourth pass*). On node's command line (`node --interrupt-budget=540672`)
// it also keeps the compiler's own code, ≈ 3.5 MiB of file-backed pages of the node binary, out
// of RSS (60 MiB), because Node's bootstrap then runs under it too; Node refuses V8 tiering flags
// in NODE_OPTIONS, so the image's `ork` (build/ork-entrypoint.sh) puts it on node's command line for
// `ork controller`. Set here too, for every other way of starting it (npm's bin, `ork run`).
import { setFlagsFromString } from 'node:v8';

/** V8 11–13's default `--interrupt-budget` (66 KiB of bytecode) times 8. */
export const CONTROLLER_INTERRUPT_BUDGET = 8 * 66 * 1024;

export function laterTierUp(): void {
  setFlagsFromString(`--interrupt-budget=${CONTROLLER_INTERRUPT_BUDGET}`);
}
