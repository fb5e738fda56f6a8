// WebAssembly in the controller stays at V8's baseline tier (Liftoff). The only WebAssembly it can
// run is llhttp, undici's HTTP parser — since the Kubernetes client moved to node:https, only for
// an OIDC token refresh; by default V8 recompiles hot WebAssembly with TurboFan on background
// threads, and that compiler's memory set the controller's peak RSS at start when undici carried
// every request (docs/benchmarks.md, *Start-up and idle*: peak 103–107 → 72 MiB with 10 CRDs).
// Must run before the first connection: V8 reads the flag when it compiles a module.
// Node refuses this flag in NODE_OPTIONS, hence here and not in the chart's controller.nodeOptions.
import { setFlagsFromString } from 'node:v8';

export function baselineWasmOnly(): void {
  setFlagsFromString('--liftoff-only');
}
