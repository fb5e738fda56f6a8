// Every error Orkestra raises: a literal code, a message that says what to do, the (sanitised)
// source it concerns, and a category that each program maps to its exit code in one place.
// Pure: no I/O. Never put a credential, key or bundle content into a message or a source.
import { scrubSecrets } from './secrets.js';

/** What kind of failure a code is; programs map categories to exit codes. */
export type ErrorCategory = 'config' | 'fetch' | 'integrity' | 'internal';

const CODES = {
  USAGE: 'config',
  FILE_UNREADABLE: 'config',
  YAML_SYNTAX: 'config',
  KATALOG_INVALID: 'config',
  CR_INVALID: 'config',
  TEMPLATE_SYNTAX: 'config',
  TEMPLATE_EXEC: 'config',
  TEMPLATE_LIMIT: 'config',
  RENDER_INVALID: 'config',
  RENDER_BUDGET_EXCEEDED: 'config',
  VALIDATION_DENIED: 'config',
  MERGE_CONFLICT: 'config',
  IMPORT_INVALID: 'config',
  IMPORT_AUTH_MISSING: 'config',
  IMPORT_AUTH_FAILED: 'fetch',
  IMPORT_NOT_FOUND: 'fetch',
  IMPORT_FETCH_FAILED: 'fetch',
  IMPORT_TIMEOUT: 'fetch',
  IMPORT_TOO_LARGE: 'integrity',
  ARCHIVE_UNSAFE: 'integrity',
  DIGEST_MISMATCH: 'integrity',
  PIN_MISMATCH: 'integrity',
  LOCK_MISMATCH: 'integrity',
  SIGNATURE_INVALID: 'integrity',
  EXPECTED_DIGEST_MISMATCH: 'integrity',
  MALFORMED_BUNDLE: 'integrity',
  CONFIG_CHECKSUM_MISMATCH: 'integrity',
  BUNDLE_EXPIRED: 'integrity',
  CONFIG_CHECKSUM_INVALID: 'config',
  KEY_INVALID: 'config',
  DIGEST_INVALID: 'config',
  JSON_UNREPRESENTABLE: 'config',
  FILE_WRITE_FAILED: 'config',
  KUBECONFIG_INVALID: 'config',
  KUBE_CREDENTIALS_FAILED: 'config',
  CLEANUP_FAILED: 'config',
  EXTERNAL_CALL_FAILED: 'fetch',
  CRD_NOT_FOUND: 'config',
  CRD_INVALID: 'config',
  RBAC_MISSING: 'config',
  KUBE_API_FAILED: 'fetch',
  LEADERSHIP_LOST: 'fetch',
  CRD_NOT_ESTABLISHED: 'fetch',
  BUNDLE_TOO_LARGE: 'config',
  ROLLOUT_BUNDLE_STALE: 'fetch',
  CRD_BREAKING_CHANGE: 'config',
  WEBHOOK_REQUEST_INVALID: 'config',
  WEBHOOK_TLS_INVALID: 'config',
  INTERNAL: 'internal',
} as const satisfies Record<string, ErrorCategory>;

export type ErrorCode = keyof typeof CODES;

export function categoryOf(code: ErrorCode): ErrorCategory {
  return CODES[code];
}

/** Whether retrying the same operation later could succeed. */
export type RetryClass = 'never' | 'transient';

/**
 * One problem found by a validator, with where it is. Validators return every issue they find;
 * shells throw an OrkError carrying them.
 */
export interface Issue {
  /** Dot path into the document, e.g. `spec.crds.website.operatorBox.reconciler.workers`. */
  path: string;
  message: string;
  file?: string;
  line?: number;
  col?: number;
  severity?: 'error' | 'warning';
  /**
   * A merge-level issue of a Komposer (no file of its own): the import labels of the entries it is
   * about, the one it is reported at first, so that a caller knowing those files (several -f files)
   * can name them. Never printed.
   */
  sources?: readonly string[];
}

export interface OrkErrorOptions {
  source?: string;
  retry?: RetryClass;
  issues?: Issue[];
  cause?: unknown;
}

export class OrkError extends Error {
  readonly code: ErrorCode;
  readonly source: string | undefined;
  readonly retry: RetryClass;
  readonly issues: Issue[];

  constructor(code: ErrorCode, message: string, options: OrkErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OrkError';
    this.code = code;
    this.source = options.source;
    this.retry = options.retry ?? 'never';
    this.issues = options.issues ?? [];
  }

  get category(): ErrorCategory {
    return categoryOf(this.code);
  }
}

export function isOrkError(e: unknown): e is OrkError {
  return e instanceof OrkError;
}

/** `file:line:col: path: message` — the one line format for every issue we print. */
export function formatIssue(issue: Issue): string {
  const where = [issue.file, issue.line, issue.col].filter((p) => p !== undefined).join(':');
  const parts = [where, issue.path, issue.message].filter((p) => p !== undefined && p !== '');
  const text = scrubSecrets(parts.join(': '));
  return issue.severity === 'warning' ? `warning: ${text}` : text;
}

/** The lines to show a person for an error: its issues if it has any, else its message. */
export function describeError(e: OrkError): string[] {
  if (e.issues.length > 0) return e.issues.map(formatIssue);
  return [scrubSecrets(e.source && !e.message.startsWith(e.source) ? `${e.source}: ${e.message}` : e.message)];
}
