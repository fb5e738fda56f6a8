// The logger a program writes with, built once in its main and passed down as shared/log.ts's
// Logger: winston, JSON lines or text lines (shared/log.ts textLine) on stderr, every line scrubbed
// of registered secrets last, whatever field carried them.
import winston from 'winston';
import { textLine, type LogFormat, type Logger, type LogLevel } from '../shared/log.js';
import { scrubSecrets } from '../shared/secrets.js';

/** winston's key for the formatted line: scrubbed last, whatever a field held. */
const MESSAGE = Symbol.for('message');
const scrub = winston.format((info) => {
  const line = (info as Record<symbol, unknown>)[MESSAGE];
  if (typeof line === 'string') (info as Record<symbol, unknown>)[MESSAGE] = scrubSecrets(line);
  return info;
});

/** A shared/log.ts Logger that is also a winston logger (level, format, transports). */
export type ProgramLogger = winston.Logger & Logger;

/** JSON lines (for log collectors), or `TIME LEVEL message key=value…` for people at a terminal. */
export function createLogger(program: string, level: LogLevel = 'info', format: LogFormat = 'json'): ProgramLogger {
  const line = format === 'json' ? winston.format.json() : winston.format.printf(textLine);
  return winston.createLogger({
    level,
    defaultMeta: { program },
    format: winston.format.combine(winston.format.timestamp(), winston.format.errors({ stack: false }), line, scrub()),
    transports: [new winston.transports.Console({ stderrLevels: ['error', 'warn', 'info', 'debug'] })],
  });
}
