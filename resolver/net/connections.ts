// Connections for the resolver's HTTP GETs: undici Agents that verify TLS against the default roots
// plus an optional extra CA, with the attempt budget as connect/headers/body timeouts. One
// HttpConnections per resolve keeps connections alive across imports of one origin (a handshake
// each would cost more than most Katalogs); its owner closes it when the resolve ends.
import * as tls from 'node:tls';
import { Agent } from 'undici';

/** A fresh Agent; the caller destroys it. */
export function createAgent(caCertificates: string | undefined, timeoutMs: number): Agent {
  return new Agent({
    connect: {
      timeout: timeoutMs,
      rejectUnauthorized: true,
      ...(caCertificates ? { secureContext: secureContextWith(caCertificates) } : {}),
    },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
}

/** Agents shared by the fetches of one resolve, one per (extra CA, timeout). */
export class HttpConnections {
  private readonly agents = new Map<string, Agent>();
  private closed = false;

  agent(caCertificates: string | undefined, timeoutMs: number): Agent {
    if (this.closed) throw new Error('HttpConnections used after close()');
    const key = `${timeoutMs}|${caCertificates ?? ''}`;
    let agent = this.agents.get(key);
    if (!agent) this.agents.set(key, (agent = createAgent(caCertificates, timeoutMs)));
    return agent;
  }

  /** Closes every idle connection and refuses further use; safe to call twice. */
  async close(): Promise<void> {
    this.closed = true;
    const agents = [...this.agents.values()];
    this.agents.clear();
    await Promise.all(agents.map((a) => a.destroy().catch(() => undefined)));
  }
}

/**
 * The roots Node trusts by default. Passing `ca` replaces them, so extra CAs are appended to this
 * list; on Node ≥ 22.15 it also holds the OS store (--use-system-ca) and NODE_EXTRA_CA_CERTS.
 */
function defaultRoots(): readonly string[] {
  const get = (tls as { getCACertificates?: (kind: string) => string[] }).getCACertificates;
  return typeof get === 'function' ? get('default') : tls.rootCertificates;
}

/**
 * A TLS context trusting the default roots plus `ca`, built once per distinct CA bundle: building
 * one parses every root certificate (≈ 35 ms of CPU), far more than the request it serves.
 */
const secureContexts = new Map<string, tls.SecureContext>();
const MAX_SECURE_CONTEXTS = 8;

function secureContextWith(ca: string): tls.SecureContext {
  let context = secureContexts.get(ca);
  if (!context) {
    context = tls.createSecureContext({ ca: [...defaultRoots(), ca] });
    if (secureContexts.size >= MAX_SECURE_CONTEXTS) secureContexts.delete(secureContexts.keys().next().value!);
    secureContexts.set(ca, context);
  }
  return context;
}

