// shared/external: upstream's `external:` calls — their declaration with defaults, a call made
// concrete for one CR, and the `.external.<name>` result shapes. The controller makes the calls.
export { externalCalls, literalOrigin, resolveCall, EXTERNAL_DEFAULTS, EXTERNAL_PROTOCOLS, MAX_EXTERNAL_TIMEOUT_MS, type ExternalAuth, type ExternalCall, type ExternalProtocol, type ResolvedCall } from './calls.js';
export { answerResult, errorResult, failedResult, skippedResult, type Answer } from './results.js';
