// Flag parsing for commands: node's parseArgs, strict, with errors turned into USAGE errors that
// name the flag and point at `ork <command> --help`.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { OrkError } from '../shared/errors.js';

export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

export function parseFlags<T extends FlagSpec>(command: string, argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new OrkError('USAGE', `${reason} (see 'ork ${command} --help')`);
  }
}

/** A required string flag, or a USAGE error naming it. */
export function requireFlag(command: string, name: string, value: string | undefined): string {
  if (value === undefined || value === '') {
    throw new OrkError('USAGE', `--${name} is required (see 'ork ${command} --help')`);
  }
  return value;
}
