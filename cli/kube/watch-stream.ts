// The watch wire format: newline-delimited JSON events. Splits a byte stream into lines (bounded,
// so one huge or never-ending line cannot exhaust memory) and turns a line into a WatchEvent.
// Pure: no I/O.
import { statusOf, type KubeObject, type WatchEvent } from '../../shared/kube/index.js';

/** 16 MiB: far above the largest object etcd stores (1.5 MiB by default), far below harm. */
export const DEFAULT_MAX_WATCH_LINE_BYTES = 16 * 1024 * 1024;

export class WatchLineTooLong extends Error {
  constructor(readonly limit: number) {
    super(`a watch event is longer than ${limit} bytes`);
    this.name = 'WatchLineTooLong';
  }
}

/** Collects chunks and hands out complete lines; bytes, not strings, so UTF-8 is never split. */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly maxLineBytes = DEFAULT_MAX_WATCH_LINE_BYTES) {}

  private failure: WatchLineTooLong | undefined;

  /** Set when a line went over the limit after earlier lines of the same chunk were returned. */
  get error(): WatchLineTooLong | undefined {
    return this.failure;
  }

  /**
   * The complete lines in `chunk`. A line over the limit throws — unless lines before it in the
   * same chunk are returned first; then `error` is set and the next push or end throws.
   */
  push(chunk: Uint8Array): string[] {
    if (this.failure) throw this.failure;
    const lines: string[] = [];
    try {
      this.split(chunk, lines);
    } catch (e) {
      if (!(e instanceof WatchLineTooLong) || lines.length === 0) throw e;
      this.failure = e;
    }
    return lines;
  }

  private split(chunk: Uint8Array, lines: string[]): void {
    let buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let nl = buf.indexOf(0x0a); nl >= 0; nl = buf.indexOf(0x0a)) {
      this.check(this.pendingBytes + nl);
      const tail = buf.subarray(0, nl);
      const line = this.pendingBytes === 0 ? tail : Buffer.concat([...this.pending, tail], this.pendingBytes + nl);
      this.pending = [];
      this.pendingBytes = 0;
      lines.push(line.toString('utf8'));
      buf = buf.subarray(nl + 1);
    }
    if (buf.length > 0) {
      this.check(this.pendingBytes + buf.length);
      // Copy: the caller may reuse the chunk's memory.
      this.pending.push(Buffer.from(buf));
      this.pendingBytes += buf.length;
    }
  }

  /** What is left once the stream ended: a last line without a newline, if any. */
  end(): string | undefined {
    if (this.failure) throw this.failure;
    if (this.pendingBytes === 0) return undefined;
    const line = Buffer.concat(this.pending, this.pendingBytes).toString('utf8');
    this.pending = [];
    this.pendingBytes = 0;
    return line;
  }

  private check(bytes: number): void {
    if (bytes > this.maxLineBytes) throw new WatchLineTooLong(this.maxLineBytes);
  }
}

const OBJECT_EVENTS = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK']);

/** One event line; throws an Error naming what is wrong (never echoing the line). */
export function parseWatchEvent(line: string): WatchEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new Error(`a watch event is not valid JSON (${line.length} characters)`);
  }
  if (!isRecord(raw) || typeof raw.type !== 'string') throw new Error('a watch event has no type');
  const { type, object } = raw;
  if (type === 'ERROR') return { type: 'ERROR', status: statusOf(object) };
  if (!OBJECT_EVENTS.has(type)) throw new Error(`a watch event has the unknown type ${JSON.stringify(type.slice(0, 40))}`);
  if (!isRecord(object) || !isRecord(object.metadata)) throw new Error(`a ${type} watch event has no object with metadata`);
  return { type: type as 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK', object: object as unknown as KubeObject };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
