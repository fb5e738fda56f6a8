// Shell completion scripts for `ork` (bash, zsh, fish), built from the command table and each
// command's flags. Pure: names in, script text out; `ork completion SHELL` prints it.

export interface CompletionCommand {
  name: string;
  summary: string;
  /** Long flags without the dashes, e.g. `bundle`, `key`. */
  flags: string[];
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const safe = (word: string) => /^[a-z0-9][a-z0-9-]*$/.test(word);

function checked(commands: readonly CompletionCommand[]): CompletionCommand[] {
  return commands.map((c) => ({ ...c, flags: [...new Set(c.flags.filter(safe))].sort() })).filter((c) => safe(c.name));
}

export function completionScript(shell: Shell, commands: readonly CompletionCommand[]): string {
  const list = checked(commands);
  switch (shell) {
    case 'bash':
      return bash(list);
    case 'zsh':
      return zsh(list);
    case 'fish':
      return fish(list);
  }
}

function bash(commands: CompletionCommand[]): string {
  const cases = commands.map((c) => `    ${c.name}) flags="${c.flags.map((f) => `--${f}`).join(' ')} --help" ;;`).join('\n');
  return `# bash completion for ork; load with: source <(ork completion bash)
_ork() {
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  COMPREPLY=()
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${commands.map((c) => c.name).join(' ')} --help --version" -- "$cur"))
    return 0
  fi
  local flags=""
  case "\${COMP_WORDS[1]}" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
  return 0
}
complete -o filenames -F _ork ork
`;
}

function zsh(commands: CompletionCommand[]): string {
  const describe = commands.map((c) => `    '${c.name}:${c.summary.replace(/'/g, "'\\''").replace(/:/g, '\\:')}'`).join('\n');
  const cases = commands.map((c) => `    ${c.name}) _arguments ${c.flags.map((f) => `'--${f}[]:value:_files'`).join(' ')} '--help[show help]' ;;`).join('\n');
  return `#compdef ork
# zsh completion for ork; load with: source <(ork completion zsh)
_ork() {
  local -a commands
  commands=(
${describe}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  shift words
  (( CURRENT-- ))
  case "$words[1]" in
${cases}
  esac
}
compdef _ork ork
`;
}

function fish(commands: CompletionCommand[]): string {
  const names = commands.map((c) => c.name).join(' ');
  const lines = commands.flatMap((c) => [
    `complete -c ork -n "not __fish_seen_subcommand_from ${names}" -a ${c.name} -d '${c.summary.replace(/'/g, "\\'")}'`,
    ...c.flags.map((f) => `complete -c ork -n "__fish_seen_subcommand_from ${c.name}" -l ${f}`),
  ]);
  return `# fish completion for ork; load with: ork completion fish | source
complete -c ork -f
${lines.join('\n')}
`;
}

/** The long flags a command's help text lists (`--bundle DIR`, `--key PUBLIC.pem` …). */
export function flagsInHelp(help: string): string[] {
  return [...help.matchAll(/(?:^|[\s[,(|])--([a-z][a-z0-9-]*)/g)].map((m) => m[1]!).filter((f) => f !== 'help');
}
