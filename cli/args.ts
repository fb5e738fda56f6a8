// Flag parsing for commands: node's parseArgs, strict, with errors turned into USAGE errors that
// name the flag and point at `ork <command> --help`.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { OrkError } from '../shared/errors.js';

export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

export function parseFlags<T extends FlagSpec>(command: string, argv: string[], options: T, allowPositionals = false) {
  const args = options.file?.short === 'f' && !options.katalog ? katalogAsFile(argv) : argv;
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const alias = args.some((a, i) => a !== argv[i]) && /--file\b/.test(reason) ? '; -k/--katalog is read as -f/--file' : '';
    throw new OrkError('USAGE', `${reason}${alias} (see 'ork ${command} --help')`);
  }
}

/**
 * Upstream's earlier spelling of `-f`: `-k`/`--katalog` (repeatable, paths or URLs), which its
 * docs, examples and CI scripts still use (`ork validate -k katalog.yaml`). Read as `-f`/`--file`
 * wherever a command takes `-f`; after `--` nothing is rewritten.
 */
export function katalogAsFile(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  return argv.map((arg, i) => {
    if (end !== -1 && i >= end) return arg;
    if (arg === '-k') return '-f';
    if (arg === '--katalog') return '--file';
    if (arg.startsWith('--katalog=')) return `--file=${arg.slice('--katalog='.length)}`;
    return arg;
  });
}

/** A required string flag, or a USAGE error naming it. */
export function requireFlag(command: string, name: string, value: string | undefined): string {
  if (value === undefined || value === '') {
    throw new OrkError('USAGE', `--${name} is required (see 'ork ${command} --help')`);
  }
  return value;
}
