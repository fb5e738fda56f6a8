// `ork completion`: the pure script builder, and each script loaded into the real shell (bash,
// zsh, fish from Debian's packages; test/cluster/install-prereqs.sh installs them).
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { completionScript, flagsInHelp } from '../../cli/completion.js';
import { runCommand } from '../../cli/dispatch.js';
import { captureIO } from '../support/io.js';
import { runTool, tempDir } from '../support/tools.js';

async function script(shell: string): Promise<string> {
  const io = captureIO();
  expect(await runCommand(['completion', shell], io)).to.equal(0);
  expect(io.err).to.equal('');
  const file = join(tempDir('completion'), `ork.${shell}`);
  writeFileSync(file, io.out);
  return file;
}

describe('cli ork completion', function () {
  this.timeout(30_000);

  it('flagsInHelp reads the long flags a help text lists, not --help', () => {
    expect(flagsInHelp('usage: ork x --bundle DIR [--key PUB] [-o text|json]\n  --http-address HOST:PORT  x\n  --no-color, --help')).to.deep.equal(['bundle', 'key', 'http-address', 'no-color']);
  });

  it('drops names a shell could misread (quotes, spaces, $) instead of emitting them', () => {
    const text = completionScript('bash', [{ name: 'ok', summary: 's', flags: ['fine', 'x$(rm -rf /)', "a'b"] }, { name: 'bad name', summary: 's', flags: [] }]);
    expect(text).to.include('ok) flags="--fine --help"');
    expect(text).not.to.include('rm -rf');
    expect(text).not.to.include('bad name');
  });

  it('refuses an unknown shell, exit 2', async () => {
    const io = captureIO();
    expect(await runCommand(['completion', 'powershell'], io)).to.equal(2);
    expect(io.err).to.include('name one shell: ork completion bash|zsh|fish');
  });

  it('bash: completes commands and each command\'s flags', async () => {
    const file = await script('bash');
    const complete = async (...words: string[]) => {
      const cmd = `source ${file}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _ork; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return (await runTool('bash', ['-c', cmd])).stdout.trim().split('\n');
    };
    expect(await complete('ork', 'ver')).to.deep.equal(['verify', 'version']);
    expect(await complete('ork', 'controller', '--http-a')).to.deep.equal(['--http-address', '--http-auth']);
    expect(await complete('ork', 'rbac', '--rollout')).to.deep.equal(['--rollout-bundle']);
  });

  it('zsh: the script parses and registers _ork for ork', async () => {
    const file = await script('zsh');
    await runTool('zsh', ['-n', file]);
    const { stdout } = await runTool('zsh', ['-c', `autoload -U compinit && compinit -u -D && source ${file} && print -r -- $_comps[ork]`]);
    expect(stdout.trim()).to.equal('_ork');
  });

  it('fish: completes commands and flags', async () => {
    const file = await script('fish');
    const complete = async (line: string) => (await runTool('fish', ['-c', `source ${file}; complete -C '${line}'`])).stdout.trim().split('\n').map((l) => l.split('\t')[0]);
    expect(await complete('ork ver')).to.include.members(['verify', 'version']);
    expect(await complete('ork verify --exp')).to.deep.equal(['--expected-digest']);
  });
});
