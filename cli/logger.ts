// The logger a program writes with, built once in its main and passed down as shared/log.ts's
// Logger: JSON lines (keys sorted, as winston's JSON format wrote them) or text lines
// (shared/log.ts textLine) on stderr, every line scrubbed of registered secrets last, whatever
// field carried them. A few dozen lines instead of winston: loading winston and its dependencies
// cost the controller ≈ 4 MiB of RSS and ≈ 60 ms of CPU at start (docs/benchmarks.md).
import { textLine, type LogFields, type LogFormat, type Logger, type LogKeys, type LogLevel } from '../shared/log.js';
import { scrubSecrets } from '../shared/secrets.js';

const SEVERITY: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** Where the lines go: process.stderr by default. */
export interface LineSink {
  write(line: string): unknown;
}

/** A shared/log.ts Logger with its level and its line format exposed (tests, `--log-level`). */
export interface ProgramLogger extends Logger {
  readonly level: LogLevel;
  /** The line (without its newline) this logger writes for one record; for tests. */
  line(level: LogLevel, message: string, fields?: LogFields): string;
}

/** JSON lines (for log collectors), or `TIME LEVEL message key=value…` for people at a terminal. */
export function createLogger(program: string, level: LogLevel = 'info', format: LogFormat = 'json', keys: LogKeys = 'default', sink: LineSink = process.stderr): ProgramLogger {
  const threshold = SEVERITY[level];
  let closed = false;
  const line = (lvl: LogLevel, message: string, fields: LogFields = {}): string => {
    const record = { program, ...fields, level: lvl, message: joinMessage(message, fields), timestamp: new Date().toISOString() };
    return scrubSecrets(format === 'text' ? textLine(record) : stableJson(keys === 'zap' ? zapKeys(record) : record));
  };
  const log = (lvl: LogLevel, message: string, fields?: LogFields): void => {
    if (closed || SEVERITY[lvl] > threshold) return;
    sink.write(`${line(lvl, message, fields)}\n`);
  };
  return {
    level,
    line,
    log,
    error: (message, fields) => log('error', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    info: (message, fields) => log('info', message, fields),
    debug: (message, fields) => log('debug', message, fields),
    close: () => { closed = true; },
  };
}

/** A `message` among the fields is appended to the message, as winston did. */
function joinMessage(message: string, fields: LogFields): string {
  const extra = fields.message;
  return typeof extra === 'string' && extra !== '' ? `${message} ${extra}` : message;
}

/**
 * The keys controller-runtime's zap production encoder writes: `level`, `ts` (epoch seconds, a
 * float), `logger` (our program), `msg`; `err` becomes logr's `error`. Other fields are unchanged
 * (the JSON writer sorts keys, as it does for the default keys). For JSON only: text has no keys.
 */
function zapKeys(record: Record<string, unknown>): Record<string, unknown> {
  const { level, message, timestamp: _timestamp, program, err, ...fields } = record;
  return { level, ts: Date.now() / 1000, ...(program !== undefined ? { logger: program } : {}), msg: message, ...fields, ...(err !== undefined ? { error: err } : {}) };
}

/** JSON with every object's keys sorted; a cycle is written `"[Circular]"`, a bigint as a string. */
export function stableJson(value: unknown): string {
  const seen = new Set<object>();
  const sorted = (v: unknown): unknown => {
    if (typeof v === 'bigint') return v.toString();
    if (v === null || typeof v !== 'object') return v;
    const json = (v as { toJSON?: () => unknown }).toJSON;
    if (typeof json === 'function') return sorted(json.call(v));
    if (seen.has(v)) return '[Circular]';
    seen.add(v);
    const out = Array.isArray(v)
      ? v.map((x) => (x === undefined || typeof x === 'function' ? null : sorted(x)))
      : Object.fromEntries(Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
    seen.delete(v);
    return out;
  };
  return JSON.stringify(sorted(value));
}
