// Writes a pod's status through the status subresource as a kubelet does: coalesced (one write in
// flight, the latest state wins), skipped when nothing changed, retried after a failed write, and
// silenced once the Pod is gone (404) or the runner lets go of it.
import type { TestKubeClient } from '../kube-http.js';

const RETRY_MS = 1000;

export class StatusWriter {
  private lastWritten = '';
  private writing = false;
  private again = false;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: TestKubeClient,
    private readonly path: string,
    /** Builds the full status object from the current state at write time. */
    private readonly build: () => Record<string, unknown>,
    private readonly report: (message: string) => void,
  ) {}

  /** Asks for a write of the current state; cheap to call on every change. */
  schedule(): void {
    if (this.closed) return;
    if (this.writing) {
      this.again = true;
      return;
    }
    this.writing = true;
    void (async () => {
      do {
        this.again = false;
        await this.writeOnce();
      } while (this.again && !this.closed);
      this.writing = false;
    })();
  }

  /** No writes from now on (the Pod is being terminated or is gone). */
  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
  }

  private async writeOnce(): Promise<void> {
    const status = this.build();
    const text = JSON.stringify(status);
    if (text === this.lastWritten) return;
    try {
      const res = await this.client.request({ method: 'PATCH', path: this.path, body: { status }, contentType: 'application/merge-patch+json' });
      if (res.status === 404) {
        this.close();
        return;
      }
      if (res.status < 300) {
        this.lastWritten = text;
        return;
      }
      this.report(`status write rejected: HTTP ${res.status}: ${typeof res.body === 'string' ? res.body.slice(0, 300) : res.body?.message}`);
    } catch (err) {
      this.report(`status write failed: ${(err as Error).message}`);
    }
    if (!this.closed && !this.retry) {
      this.retry = setTimeout(() => { this.retry = undefined; this.schedule(); }, RETRY_MS);
      this.retry.unref();
    }
  }
}
