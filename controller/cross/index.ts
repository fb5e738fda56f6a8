// controller/cross: gathers `.cross` for a CR before rendering — this runtime's CR caches for
// cluster reads, bounded and cached HTTP(S) GETs for reads of other runtimes.
export { gatherCross, type CrossTargets } from './gather.js';
export { RemoteReader, redactUrl, DEFAULT_REMOTE_MAX_BYTES, DEFAULT_REMOTE_TIMEOUT_MS, type RemoteReaderOptions } from './remote.js';
