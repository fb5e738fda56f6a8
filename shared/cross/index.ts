// shared/cross: `operatorBox.cross` — the reads of other CRDs' CRs (and of other runtimes) a CR's
// templates see as `.cross.<as>`: declarations to queries, remote URLs, and the result shape. Pure.
export { crossQueries, remoteUrl, clusterResult, clusterMatches, CROSS_PROTOCOLS, DEFAULT_CACHE_FOR_MS, type ClusterQuery, type CrossProtocol, type CrossQuery, type FailedQuery, type RemoteQuery } from './declarations.js';
