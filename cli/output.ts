// `-o text|json|yaml` for every command that prints data: one flag, one parser, one printer.
// `--json` stays as the older spelling of `-o json`. Data formats print the same object; text is
// the command's own human-readable rendering of it.
import { stringify } from 'yaml';
import { OrkError } from '../shared/errors.js';
import type { CliIO } from './io.js';

export type OutputFormat = 'text' | 'json' | 'yaml';

export const OUTPUT_FLAGS = {
  output: { type: 'string', short: 'o' },
  json: { type: 'boolean', default: false },
} as const;

export function outputHelp(formats: readonly OutputFormat[], fallback: OutputFormat): string {
  return `  -o, --output FORMAT        ${formats.join(', ')} (default ${fallback}); --json is -o json\n`;
}

/** The format asked for; USAGE naming the flag when it is not one of `formats` or contradicts --json. */
export function outputFormat(command: string, values: { output?: string; json?: boolean }, formats: readonly OutputFormat[], fallback: OutputFormat): OutputFormat {
  const asked = values.output ?? (values.json ? 'json' : fallback);
  if (!(formats as readonly string[]).includes(asked)) {
    throw new OrkError('USAGE', `-o must be one of ${formats.join(', ')}, not ${JSON.stringify(asked)} (see 'ork ${command} --help')`);
  }
  if (values.json && asked !== 'json') throw new OrkError('USAGE', `--json and -o ${asked} contradict each other; give one (see 'ork ${command} --help')`);
  return asked as OutputFormat;
}

/** Prints `data` as JSON or YAML, or the text rendering for `text`. */
export function printOutput(io: Pick<CliIO, 'stdout'>, format: OutputFormat, data: unknown, text: () => string): void {
  if (format === 'json') io.stdout(`${JSON.stringify(data, null, 2)}\n`);
  else if (format === 'yaml') io.stdout(stringify(data, { lineWidth: 0 }));
  else io.stdout(text());
}
