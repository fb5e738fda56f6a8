// Every bound Orkestra enforces on input, in one place, so that limits are documented and tested
// together. Sizes in bytes, times in milliseconds.
export const LIMITS = {
  /** One Katalog/CR/CRD YAML file read from disk or from a source. */
  maxYamlBytes: 4 * 1024 * 1024,
  /** One fetched import (a file body, a chart archive, an OCI blob). */
  maxImportBytes: 16 * 1024 * 1024,
  /** Total bytes unpacked from one archive. */
  maxArchiveBytes: 64 * 1024 * 1024,
  /** Entries in one archive. */
  maxArchiveEntries: 10_000,
  /** Unpacked size / packed size of one archive. */
  maxCompressionRatio: 100,
  /** One HTTP request, headers to end of body. */
  requestTimeoutMs: 30_000,
  /** Attempts per request (first try included) on 408/429/5xx and network errors. */
  maxAttempts: 4,
  /** Longest wait between attempts, including a server's Retry-After. */
  maxBackoffMs: 10_000,
  /**
   * `ork validate` only (a static check that warns about what it cannot fetch): one attempt, no
   * retry, a connection (TCP and TLS handshake) within validateConnectTimeoutMs and a whole answer
   * within validateRequestTimeoutMs. resolve, lock, plan, run and template keep the limits above.
   */
  validateConnectTimeoutMs: 3_000,
  validateRequestTimeoutMs: 10_000,
  /** Redirects followed per request; an https→http redirect is refused whatever the count. */
  maxRedirects: 5,
  /** Imports fetched at the same time. */
  fetchConcurrency: 8,
  /** A bundle directory's files when read back. */
  maxBundleBytes: 32 * 1024 * 1024,
  /** Work one render of one CR may do: template steps + strings visited + regex characters scanned. */
  renderSteps: 2_000_000,
  /** Wall-clock time one render of one CR may take, where the caller gives a clock. */
  renderDeadlineMs: 2_000,
} as const;
