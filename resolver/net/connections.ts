// Connections for the resolver's HTTP GETs: undici Agents that verify TLS against the default roots
// plus an optional extra CA, through the resolve's proxy when one is set, with the attempt budget as connect/headers/body timeouts. One
// HttpConnections per resolve keeps connections alive across imports of one origin (a handshake
// each would cost more than most Katalogs); its owner closes it when the resolve ends.
import * as tls from 'node:tls';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import type { ProxySettings } from './proxy.js';

/** Per attempt: headers and body within timeoutMs; each connection (TCP + TLS) within connectTimeoutMs. */
export interface AgentBudget {
  timeoutMs: number;
  connectTimeoutMs: number;
}

/**
 * A fresh dispatcher; the caller destroys it. With `proxy`, origins not excluded by its NO_PROXY
 * are reached through an HTTP CONNECT tunnel, with the same TLS verification inside the tunnel.
 * The settings are always passed whole, so undici never falls back to the process environment.
 */
export function createAgent(caCertificates: string | undefined, budget: AgentBudget, proxy?: ProxySettings): Dispatcher {
  const { timeoutMs, connectTimeoutMs } = budget;
  const originTls = {
    timeout: connectTimeoutMs,
    rejectUnauthorized: true,
    ...(caCertificates ? { secureContext: secureContextWith(caCertificates) } : {}),
  };
  const timeouts = { headersTimeout: timeoutMs, bodyTimeout: timeoutMs };
  if (proxy === undefined) return new Agent({ connect: originTls, ...timeouts });
  return new EnvHttpProxyAgent({ ...proxy, connect: originTls, requestTls: originTls, proxyTls: { timeout: connectTimeoutMs, rejectUnauthorized: true }, ...timeouts });
}

/** Dispatchers shared by the fetches of one resolve, one per (extra CA, budget), all with the resolve's proxy settings. */
export class HttpConnections {
  private readonly agents = new Map<string, Dispatcher>();
  private closed = false;

  constructor(private readonly proxy?: ProxySettings) {}

  agent(caCertificates: string | undefined, budget: AgentBudget): Dispatcher {
    if (this.closed) throw new Error('HttpConnections used after close()');
    const key = `${budget.timeoutMs}|${budget.connectTimeoutMs}|${caCertificates ?? ''}`;
    let agent = this.agents.get(key);
    if (!agent) this.agents.set(key, (agent = createAgent(caCertificates, budget, this.proxy)));
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

