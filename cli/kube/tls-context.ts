// The TLS context of a connection pool to the API server, built once: undici's connector would
// otherwise build one per connection from the same CA and client certificate.
import { createSecureContext, type SecureContext } from 'node:tls';

/**
 * One TLS context (CA, client certificate) for every connection of a pool: without it each
 * connection builds its own (≈ 1–3 ms of CPU each; a controller opens one per watch). Material that
 * does not load is left to each connection, which fails with the error it always gave.
 */
export function sharedSecureContext(server: string, options: { ca?: string; cert?: string; key?: string }): { secureContext?: SecureContext } {
  if (!server.startsWith('https:')) return {};
  try {
    return { secureContext: createSecureContext(options) };
  } catch {
    return {};
  }
}
