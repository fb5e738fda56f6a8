// The resolver: a Komposer and its imports (files, HTTPS, Helm, OCI) fetched, checked and merged
// into one bundle payload, the bundle written atomically, the lock file, and the per-rollout
// bundle shared through a ConfigMap. The CLI reaches the resolver only through this file.
export * from './resolve.js';
export * from './bundle-writer.js';
export * from './lock.js';
export * from './rollout-bundle.js';
export * from './katalog-files.js';
export { isOciMotifNotRead } from './compose/compose.js';
export { normalisePath } from './sources/file.js';
export type { FetchEvent } from './fetch-all.js';
export * from './run.js';
