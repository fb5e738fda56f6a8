// Collects every problem a render finds so one error can list them all, each naming the field
// and the CR it concerns.
import { OrkError, type ErrorCode, type Issue } from '../errors.js';
import type { KubeObject } from './types.js';

/** `<namespace>/<name>` for a namespaced CR, `<name>` for a cluster-scoped one. */
export function crRef(cr: KubeObject): string {
  const ns = cr.metadata.namespace;
  return ns ? `${ns}/${cr.metadata.name}` : cr.metadata.name;
}

export class Problems {
  readonly issues: Issue[] = [];
  readonly warnings: Issue[] = [];
  /** Warnings of skipSince: what a render left out because it could not be evaluated. */
  readonly skipped: Issue[] = [];

  constructor(private readonly cr: string) {}

  /** A problem already recorded at the same path is not repeated (an entry placed in several namespaces). */
  error(path: string, message: string): void {
    add(this.issues, { path, message: `${message} (CR ${this.cr})`, severity: 'error' });
  }

  warn(path: string, message: string): void {
    add(this.warnings, { path, message: `${message} (CR ${this.cr})`, severity: 'warning' });
  }

  get count(): number {
    return this.issues.length;
  }

  /**
   * The problems recorded since `mark` (see count) become warnings, with `outcome` (what was
   * skipped because of them) added: for the parts the Go runtime reads leniently, where one field
   * or child that cannot be evaluated is left out and the rest goes on (status fields, child
   * conditions). Also kept in `skipped`, which the controller logs.
   */
  skipSince(mark: number, outcome: string): void {
    for (const issue of this.issues.splice(mark)) {
      const warning = { ...issue, message: `${issue.message}; ${outcome}`, severity: 'warning' as const };
      add(this.warnings, warning);
      add(this.skipped, warning);
    }
  }

  /** Throws one error carrying every issue collected since `mark` (or at all), if any. */
  throwIfAny(code: ErrorCode, what: string, mark = 0): void {
    const found = this.issues.slice(mark);
    if (found.length === 0) return;
    const n = found.length === 1 ? '1 problem' : `${found.length} problems`;
    throw new OrkError(code, `${what} for CR ${this.cr}: ${n}; fix the Katalog entry or the CR`, { issues: found });
  }
}

function add(list: Issue[], issue: Issue): void {
  if (!list.some((i) => i.path === issue.path && i.message === issue.message)) list.push(issue);
}

/** A value shown in a message: JSON, shortened so a huge value cannot flood a log line. */
export function show(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? 'nothing' : JSON.stringify(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
