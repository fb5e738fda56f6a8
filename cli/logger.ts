// The logger a program writes with, built once in its main and passed down as shared/log.ts's
// Logger: winston, JSON lines or text lines (shared/log.ts textLine) on stderr, every line scrubbed
// of registered secrets last, whatever field carried them.
import winston from 'winston';
import { textLine, type LogFormat, type Logger, type LogKeys, type LogLevel } from '../shared/log.js';
import { scrubSecrets } from '../shared/secrets.js';

/** winston's key for the formatted line: scrubbed last, whatever a field held. */
const MESSAGE = Symbol.for('message');
const scrub = winston.format((info) => {
  const line = (info as Record<symbol, unknown>)[MESSAGE];
  if (typeof line === 'string') (info as Record<symbol, unknown>)[MESSAGE] = scrubSecrets(line);
  return info;
});

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

/** A shared/log.ts Logger that is also a winston logger (level, format, transports). */
export type ProgramLogger = winston.Logger & Logger;

/** JSON lines (for log collectors), or `TIME LEVEL message key=value…` for people at a terminal. */
export function createLogger(program: string, level: LogLevel = 'info', format: LogFormat = 'json', keys: LogKeys = 'default'): ProgramLogger {
  const line = format === 'text' ? winston.format.printf(textLine) : keys === 'zap' ? winston.format.combine(zapKeys(), winston.format.json()) : winston.format.json();
  return winston.createLogger({
    level,
    defaultMeta: { program },
    format: winston.format.combine(winston.format.timestamp(), winston.format.errors({ stack: false }), line, scrub()),
    transports: [new winston.transports.Console({ stderrLevels: ['error', 'warn', 'info', 'debug'] })],
  });
}
