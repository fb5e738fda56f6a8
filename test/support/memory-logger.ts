// A logger that keeps every line in memory, for tests that assert on what was logged.
import type { LogFields, Logger, LogLevel } from '../../shared/log.js';

export interface LogLine {
  level: string;
  message: string;
  [field: string]: unknown;
}

/** A logger that keeps every line in memory (debug and up): the fields, then level and message. */
export function memoryLogger(lines: LogLine[]): Logger {
  const log = (level: LogLevel, message: string, fields?: LogFields): void => {
    lines.push({ ...fields, level, message });
  };
  return {
    error: (message, fields) => log('error', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    info: (message, fields) => log('info', message, fields),
    debug: (message, fields) => log('debug', message, fields),
    log,
    close: () => undefined,
  };
}
