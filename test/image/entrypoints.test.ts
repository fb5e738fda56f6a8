// The chart's commands against the built CLI the image runs: every container of the rendered
// Deployment (default and full values) runs `ork <subcommand>`, and every flag it passes is one
// that `ork <subcommand> --help` lists. The `ork` commands NOTES.txt tells users to run, likewise.
import { expect } from 'chai';
import { join } from 'node:path';
import { getHelm, repoRoot, runTool } from '../support/tools.js';
import { CHART_DIR, NAMESPACE, RELEASE, VALUE_SETS, parseManifests, podSpecOf, renderChart } from '../charts/orkestra/render.js';

const CLI = join(repoRoot, 'dist', 'cli', 'main.js');
const helpCache = new Map<string, Promise<string>>();

/** `ork [sub] --help` of the built CLI (the image's /usr/local/bin/ork). */
function help(sub?: string): Promise<string> {
  const key = sub ?? '';
  if (!helpCache.has(key)) helpCache.set(key, runTool(process.execPath, [CLI, ...(sub ? [sub] : []), '--help']).then((r) => r.stdout));
  return helpCache.get(key)!;
}

async function subcommands(): Promise<string[]> {
  const text = await help();
  const list = text.slice(text.indexOf('commands:'));
  return [...list.matchAll(/^ {2}([a-z-]+) {2,}/gm)].map((m) => m[1]!);
}

/** Flags in an argument list: `--name` (before any `=`) and `-x`; values are skipped by shape. */
function flagsIn(args: string[]): string[] {
  return args.filter((a) => /^--?[a-z]/.test(a)).map((a) => a.split('=')[0]!);
}

function listsFlag(helpText: string, flag: string): boolean {
  const escaped = flag.replace(/[-]/g, '\\-');
  return new RegExp(`(^|[\\s,])${escaped}(?=[\\s,=]|$)`, 'm').test(helpText);
}

describe('image: the chart runs commands the built CLI has', function () {
  this.timeout(300_000);

  it('the CLI lists its subcommands (sanity of the parsing)', async () => {
    expect(await subcommands()).to.include.members(['resolve', 'controller', 'audit', 'rbac']);
    expect(listsFlag(await help('resolve'), '-f')).to.equal(true);
    expect(listsFlag(await help('resolve'), '--rollout-bundle')).to.equal(true);
    expect(listsFlag(await help('resolve'), '--no-such-flag')).to.equal(false);
  });

  for (const set of VALUE_SETS) {
    it(`every container runs ork <subcommand> with flags it lists (${set.name})`, async () => {
      const pod = podSpecOf(parseManifests(await renderChart(await getHelm({ major: 3 }), set.args)));
      const commands = await subcommands();
      const seen: string[] = [];
      for (const c of [...pod.initContainers, ...pod.containers]) {
        expect(c.command, c.name).to.deep.equal(['ork']);
        const [sub, ...rest] = c.args as string[];
        expect(commands, `${c.name} runs ork ${sub}`).to.include(sub);
        const text = await help(sub);
        const flags = flagsIn(rest);
        expect(flags.length, c.name).to.be.greaterThan(2);
        for (const flag of flags) expect(listsFlag(text, flag), `ork ${sub} --help does not list ${flag} (container ${c.name})`).to.equal(true);
        seen.push(`${c.name}:${sub}`);
      }
      expect(seen).to.deep.equal(['resolver:resolve', 'controller:controller']);
    });
  }

  it('every ork command in NOTES.txt uses flags the CLI lists', async function () {
    // Helm 4 renders NOTES in a client-side dry run without a cluster; Helm 3 needs one.
    const helm = await getHelm({ major: 4 });
    const { stdout } = await helm.run(['install', RELEASE, CHART_DIR, '--namespace', NAMESPACE, '--dry-run=client'], { env: { KUBECONFIG: '/nonexistent' } });
    const notes = stdout.slice(stdout.indexOf('NOTES:'));
    const lines = notes.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('ork '));
    expect(lines.length).to.be.greaterThan(2);
    for (const line of lines) {
      const [, sub, ...rest] = line.split(/\s+/);
      expect(await subcommands(), line).to.include(sub);
      for (const flag of flagsIn(rest)) expect(listsFlag(await help(sub), flag), `${line}: ${flag}`).to.equal(true);
    }
  });
});
