// Credential-free labels for URLs and references (shared/sanitize-url.ts: pure, so the Katalog
// loader names a remote crdFile with it too).
export { hasUserinfo, sanitizeUrl } from '../../shared/sanitize-url.js';
