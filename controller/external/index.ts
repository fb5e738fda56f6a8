// controller/external: makes the `external` calls a Katalog declares (gates, phase blocks), bounded
// and cached, through the same HTTP client as remote cross reads.
export { ExternalRunner, type ExternalOutcome, type ExternalRunnerOptions } from './runner.js';
