// The logging vocabulary every part shares: levels, formats, the Logger interface the programs log
// through, and the text line format. Pure: the logger that writes (to stderr) is built by
// the CLI in each program's main (cli/logger.ts) and passed in. Messages are constant lower-case
// phrases; variables go in fields (crd, namespace, name, digest, source, err). Never pass
// secrets, keys or bundle contents to it.

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export type LogFormat = 'json' | 'text';
export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];
export const LOG_FORMATS: readonly LogFormat[] = ['json', 'text'];
/** JSON key names: Orkestra's own (`message`, `timestamp` ISO, `program`), or zap/logr's production ones. */
export type LogKeys = 'default' | 'zap';
export const LOG_KEYS: readonly LogKeys[] = ['default', 'zap'];

/** The fields of one log line. */
export type LogFields = Record<string, unknown>;

/** What the programs log through (cli/logger.ts and the test memory logger satisfy it; return values are not used). */
export interface Logger {
  error(message: string, fields?: LogFields): unknown;
  warn(message: string, fields?: LogFields): unknown;
  info(message: string, fields?: LogFields): unknown;
  debug(message: string, fields?: LogFields): unknown;
  log(level: LogLevel, message: string, fields?: LogFields): unknown;
  /** Flushes and ends the output: a program's last call. */
  close(): unknown;
}

/** One text line: fields after the message as key=value, strings quoted only when they need it. */
export function textLine(info: Record<string, unknown>): string {
  const { timestamp, level, message, program: _program, ...fields } = info;
  const pairs = Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${textValue(v)}`);
  return [String(timestamp ?? ''), String(level).toUpperCase().padEnd(5), String(message), ...pairs].filter((p) => p !== '').join(' ');
}

function textValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text);
}

/** A logger that drops everything, for tests and library callers that do not log. */
export function silentLogger(): Logger {
  const drop = (): void => {};
  return { error: drop, warn: drop, info: drop, debug: drop, log: drop, close: drop };
}
