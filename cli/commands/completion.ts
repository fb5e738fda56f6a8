// `ork completion bash|zsh|fish`: prints a completion script for the shell, with every command
// and the flags its --help lists.
import { OrkError } from '../../shared/errors.js';
import { completionScript, flagsInHelp, SHELLS, type CompletionCommand, type Shell } from '../completion.js';
import { commandTable } from '../dispatch.js';
import { EXIT } from '../exit.js';
import type { CliIO } from '../io.js';

const HELP = `usage: ork completion bash|zsh|fish

Prints a shell completion script for ork.

  bash:  source <(ork completion bash)     (or save it under /etc/bash_completion.d/ork)
  zsh:   source <(ork completion zsh)      (or save it as _ork in a directory on $fpath)
  fish:  ork completion fish | source      (or save it as ~/.config/fish/completions/ork.fish)
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const [shell, ...rest] = argv;
  if (shell === '--help' || shell === '-h') {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (rest.length > 0 || !SHELLS.includes(shell as Shell)) {
    throw new OrkError('USAGE', `name one shell: ork completion ${SHELLS.join('|')} (see 'ork completion --help')`);
  }
  const commands: CompletionCommand[] = [];
  for (const [name, entry] of Object.entries(commandTable())) {
    let help = '';
    if (name !== 'completion') {
      const { run: command } = await entry.load();
      await command(['--help'], { ...io, stdout: (text) => { help += text; }, stderr: () => undefined });
    }
    commands.push({ name, summary: entry.summary, flags: flagsInHelp(help) });
  }
  io.stdout(completionScript(shell as Shell, commands));
  return EXIT.ok;
}
