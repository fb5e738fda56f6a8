// One logger per program, built in its main: JSON lines, or text at a terminal. Messages are
// constant lower-case phrases; variables go in fields (crd, namespace, name, digest, source, err).
// Never pass secrets, keys or bundle contents to it.
import winston from 'winston';
import { scrubSecrets } from './secrets.js';

/** winston's key for the formatted line: scrubbed last, whatever a field held. */
const MESSAGE = Symbol.for('message');
const scrub = winston.format((info) => {
  const line = (info as Record<symbol, unknown>)[MESSAGE];
  if (typeof line === 'string') (info as Record<symbol, unknown>)[MESSAGE] = scrubSecrets(line);
  return info;
});

export type Logger = winston.Logger;
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export type LogFormat = 'json' | 'text';
/** JSON key names: Orkestra's own (`message`, `timestamp` ISO, `program`), or zap/logr's production ones. */
export type LogKeys = 'default' | 'zap';
export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];
export const LOG_FORMATS: readonly LogFormat[] = ['json', 'text'];
export const LOG_KEYS: readonly LogKeys[] = ['default', 'zap'];

/**
 * The keys controller-runtime's zap production encoder writes: `level`, `ts` (epoch seconds, a
 * float), `logger` (our program), `msg`; `err` becomes logr's `error`. Other fields are unchanged
 * (the JSON writer sorts keys, as it does for the default keys). For JSON only: text has no keys.
 */
const zapKeys = winston.format((info) => {
  const { level, message, timestamp: _timestamp, program, err, ...fields } = info as Record<string, unknown>;
  for (const key of Object.keys(info)) delete (info as Record<string, unknown>)[key];
  Object.assign(info, { level, ts: Date.now() / 1000, ...(program !== undefined ? { logger: program } : {}), msg: message, ...fields, ...(err !== undefined ? { error: err } : {}) });
  return info;
});

/** JSON lines (for log collectors), or `TIME LEVEL message key=value…` for people at a terminal. */
export function createLogger(program: string, level: LogLevel = 'info', format: LogFormat = 'json', keys: LogKeys = 'default'): Logger {
  const line = format === 'text' ? winston.format.printf(textLine) : keys === 'zap' ? winston.format.combine(zapKeys(), winston.format.json()) : winston.format.json();
  return winston.createLogger({
    level,
    defaultMeta: { program },
    format: winston.format.combine(winston.format.timestamp(), winston.format.errors({ stack: false }), line, scrub()),
    transports: [new winston.transports.Console({ stderrLevels: ['error', 'warn', 'info', 'debug'] })],
  });
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
  return winston.createLogger({ silent: true, transports: [new winston.transports.Console({ silent: true })] });
}
