// Runs `ork <command>` from a table of commands (each loaded lazily, so a command imports only
// what it needs) and maps any error it throws to stderr lines and an exit code, once. The table is
// a parameter: `ork` passes every command (dispatch.ts), the controller's own entry point only its
// one (controller-main.ts), so that bundling that entry does not take in every other command.
import { OrkError, describeError, isOrkError } from '../shared/errors.js';
import { asOrkError } from '../shared/kube/index.js';
import { scrubSecrets } from '../shared/secrets.js';
import { EXIT, exitCodeFor } from './exit.js';
import type { CliIO, CommandTable } from './io.js';

export function usageOf(commands: CommandTable): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: ork <command> [flags]\n\ncommands:\n${lines.join('\n')}\n\nRun 'ork <command> --help' for a command's flags.\n`;
}

export async function runCommandOf(commands: CommandTable, argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  const name = first === '--version' || first === '-v' ? 'version' : first;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usageOf(commands));
    return name === undefined ? EXIT.config : EXIT.ok;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.stderr(`ork: unknown command '${name}'\n${usageOf(commands)}`);
    return EXIT.config;
  }
  try {
    const { run } = await command.load();
    return await run(rest, io, { commands });
  } catch (e) {
    return reportError(name, e, io);
  }
}

function reportError(command: string, caught: unknown, io: CliIO): number {
  const e = asOrkError(caught);
  if (isOrkError(e)) {
    for (const line of describeError(e)) io.stderr(`${line}\n`);
    io.stderr(`ork ${command}: ${e.code}\n`);
    return exitCodeFor(e.category);
  }
  const internal = new OrkError('INTERNAL', scrubSecrets(e instanceof Error ? e.message : String(e)));
  io.stderr(`ork ${command}: internal error: ${internal.message} (please report this)\n`);
  return EXIT.internal;
}
