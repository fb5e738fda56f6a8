// One JSON logger per program, built in its main. Messages are constant lower-case phrases;
// variables go in fields (crd, namespace, name, digest, source, durationMs, err).
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

export function createLogger(program: string, level: LogLevel = 'info'): Logger {
  return winston.createLogger({
    level,
    defaultMeta: { program },
    format: winston.format.combine(winston.format.timestamp(), winston.format.errors({ stack: false }), winston.format.json(), scrub()),
    transports: [new winston.transports.Console({ stderrLevels: ['error', 'warn', 'info', 'debug'] })],
  });
}

/** A logger that drops everything, for tests and library callers that do not log. */
export function silentLogger(): Logger {
  return winston.createLogger({ silent: true, transports: [new winston.transports.Console({ silent: true })] });
}
