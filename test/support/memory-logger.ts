// A winston logger that keeps every line in memory, for tests that assert on what was logged.
import { Writable } from 'node:stream';
import winston from 'winston';
import type { Logger } from '../../shared/log.js';

export interface LogLine {
  level: string;
  message: string;
  [field: string]: unknown;
}

/** A logger that keeps every line in memory (debug and up). */
export function memoryLogger(lines: LogLine[]): Logger {
  const stream = new Writable({
    objectMode: true,
    write(info: LogLine, _encoding, done) {
      lines.push({ ...info });
      done();
    },
  });
  return winston.createLogger({ level: 'debug', transports: [new winston.transports.Stream({ stream })] });
}
