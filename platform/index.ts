// platform/: the host primitives both programs need, on Node built-ins only (no shared/ program
// logic, no resolver/, controller/ or cli/). Today: the bounded file and stream readers. shared/ must not
// import this part (shared/ does no I/O); the resolver, the controller and the CLI may.
export { describeReadFailure, readBounded, readBoundedSync, type BoundedRead, type ReadBoundedOptions, type ReadFailure } from './read-bounded.js';
export { readStreamBounded } from './read-stream.js';
