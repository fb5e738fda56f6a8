// One CRD's reconcile record, as the Go runtime's per-CRD health keeps it and its /katalog/<crd>
// endpoints report it: reconciles in all, failed, failed in a row (across the CRD's keys), the last
// error (bounded) and when the last reconcile and the workers started.
import type { CrdStatsSnapshot } from '../observe/katalog-api.js';

const MAX_ERROR_CHARS = 512;

export class CrdStats {
  private total = 0;
  private failed = 0;
  private consecutiveFails = 0;
  private lastError = '';
  private lastReconcileAt: number | undefined;
  private startedAt: number | undefined;

  constructor(private readonly now: () => number) {}

  started(): void {
    this.startedAt ??= this.now();
  }

  success(): void {
    this.total++;
    this.consecutiveFails = 0;
    this.lastReconcileAt = this.now();
  }

  failure(err: unknown): void {
    this.total++;
    this.failed++;
    this.consecutiveFails++;
    this.lastReconcileAt = this.now();
    const message = err instanceof Error ? err.message : String(err);
    this.lastError = message.length > MAX_ERROR_CHARS ? `${message.slice(0, MAX_ERROR_CHARS)}…` : message;
  }

  snapshot(): CrdStatsSnapshot {
    return {
      total: this.total,
      failed: this.failed,
      consecutiveFails: this.consecutiveFails,
      lastError: this.lastError,
      ...(this.lastReconcileAt === undefined ? {} : { lastReconcileAt: this.lastReconcileAt }),
      ...(this.startedAt === undefined ? {} : { startedAt: this.startedAt }),
    };
  }
}
