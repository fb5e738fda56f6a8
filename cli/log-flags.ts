// `--log-level`, `--log-format` and `--log-keys` for the long-running commands (`ork controller`, `ork run`):
// the flags, their help, and the logger they give. Text by default at a terminal, JSON otherwise
// (a container's stderr goes to a log collector).
import { OrkError } from '../shared/errors.js';
import { LOG_FORMATS, LOG_KEYS, LOG_LEVELS, type LogFormat, type LogKeys, type LogLevel } from '../shared/log.js';
import type { CliIO } from './io.js';
import { createLogger, type ProgramLogger } from './logger.js';

export const LOG_FLAGS = {
  'log-level': { type: 'string', default: 'info' },
  'log-format': { type: 'string' },
  'log-keys': { type: 'string', default: 'default' },
} as const;

export const LOG_FLAGS_HELP = `  --log-level LEVEL          error, warn, info (default) or debug
  --log-format FORMAT        text or json (default: text at a terminal, else json)
  --log-keys default|zap     JSON key names: ours (message, timestamp, program), or zap/logr's
                             (msg, ts in epoch seconds, logger, error) for controller-runtime log pipelines
`;

/** The logger the flags ask for; USAGE naming the flag when a value is not one of the choices. */
export function loggerFromFlags(command: string, program: string, values: { 'log-level'?: string; 'log-format'?: string; 'log-keys'?: string }, io: Pick<CliIO, 'stderrIsTTY'>): ProgramLogger {
  const level = values['log-level'] ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new OrkError('USAGE', `--log-level must be one of ${LOG_LEVELS.join(', ')}, not ${JSON.stringify(level)} (see 'ork ${command} --help')`);
  }
  const format = values['log-format'] ?? (io.stderrIsTTY ? 'text' : 'json');
  if (!(LOG_FORMATS as readonly string[]).includes(format)) {
    throw new OrkError('USAGE', `--log-format must be one of ${LOG_FORMATS.join(', ')}, not ${JSON.stringify(format)} (see 'ork ${command} --help')`);
  }
  const keys = values['log-keys'] ?? 'default';
  if (!(LOG_KEYS as readonly string[]).includes(keys)) {
    throw new OrkError('USAGE', `--log-keys must be one of ${LOG_KEYS.join(', ')}, not ${JSON.stringify(keys)} (see 'ork ${command} --help')`);
  }
  return createLogger(program, level as LogLevel, format as LogFormat, keys as LogKeys);
}
