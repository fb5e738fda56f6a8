// Running `ork` for the acceptance suite: in-process through runCommand (fast, exit code returned),
// or as the built CLI in a child process (the real exit status). Plus the checks every failure
// must pass: no bundle left in --out, a one-line termination message with the code, and no
// credential in any output.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { runCommand } from '../../../cli/dispatch.js';
import { captureIO } from '../../support/io.js';
import { getWorld, type World } from './world.js';

export const cliMain = fileURLToPath(new URL('../../../cli/main.js', import.meta.url));

export interface RunResult {
  code: number;
  out: string;
  err: string;
  ms: number;
}

export async function ork(world: World, argv: string[], opts: { env?: Record<string, string | undefined>; isTTY?: boolean } = {}): Promise<RunResult> {
  const io = captureIO({ cwd: world.dir, env: opts.env ?? world.env, isTTY: opts.isTTY ?? false });
  const started = performance.now();
  const code = await runCommand(argv, io);
  return { code, out: io.out, err: io.err, ms: performance.now() - started };
}

/** The built CLI in a child process with exactly `env` (plus PATH). */
export function orkChild(world: World, argv: string[], env: Record<string, string | undefined> = world.env): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliMain, ...argv], { cwd: world.dir, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out, err, ms: performance.now() - started }));
  });
}

/** `resolve` flags for the world: CA, loopback http, real helm, key, out and termination file. */
export function resolveArgs(world: World, komposer: string, out: string, ...extra: string[]): string[] {
  return [
    'resolve', '-f', komposer, '--out', out, '--key', world.privateKey,
    '--ca-file', world.caFile, '--allow-http-loopback', '--helm', world.helm.helm,
    '--termination-message-path', terminationPath(out), ...extra,
  ];
}

export function terminationPath(out: string): string {
  return `${out}.termination`;
}

let counter = 0;
/** A fresh output directory path under the world (not created). */
export function outDir(world: World, name: string): string {
  return join(world.dir, 'out', `${name}-${++counter}`);
}

/** An output directory already holding a good bundle from an earlier run, as an emptyDir would after a restart. */
export function outWithOldBundle(world: World, good: string, name: string): string {
  const out = outDir(world, name);
  mkdirSync(out, { recursive: true });
  cpSync(good, out, { recursive: true });
  expect(existsSync(join(out, 'bundle.json'))).to.equal(true);
  return out;
}

/** What every failed resolve must leave: no bundle, one termination line starting with the code. */
export function expectFailedCleanly(r: RunResult, out: string, code: string): string {
  expect(r.out, 'nothing on stdout after a failure').to.equal('');
  expect(r.err).to.contain(`ork resolve: ${code}\n`);
  for (const file of ['bundle.json', 'bundle.sig.json']) expect(existsSync(join(out, file)), `${file} left in ${out}`).to.equal(false);
  if (existsSync(out)) expect(readdirSync(out).filter((f) => !f.startsWith('.')), 'no stray files').to.deep.equal([]);
  const termination = readFileSync(terminationPath(out), 'utf8');
  expect(termination.endsWith('\n')).to.equal(true);
  expect(termination.slice(0, -1)).not.to.contain('\n');
  expect(termination.startsWith(`${code}: `), termination).to.equal(true);
  return termination;
}

/** No credential of the world, in any encoding it hands out, appears in any of `texts`. */
export function expectNoSecrets(world: World, texts: Record<string, string>): void {
  for (const [where, text] of Object.entries(texts)) {
    for (const secret of world.secrets) expect(text.includes(secret), `a credential leaked into ${where}`).to.equal(false);
  }
}

/** Every file under a directory (and the termination file beside it) as text, for secret greps. */
export function outputsOf(out: string): Record<string, string> {
  const texts: Record<string, string> = {};
  if (existsSync(out)) {
    for (const f of readdirSync(out)) {
      const bytes = readFileSync(join(out, f));
      texts[f] = bytes.toString('utf8');
      // The envelope's payload is base64: look inside it too.
      if (f === 'bundle.sig.json') texts[`${f} payload`] = Buffer.from(JSON.parse(texts[f]!).payload, 'base64').toString('utf8');
    }
  }
  if (existsSync(terminationPath(out))) texts.termination = readFileSync(terminationPath(out), 'utf8');
  return texts;
}

export function removeOut(out: string): void {
  rmSync(out, { recursive: true, force: true });
  rmSync(terminationPath(out), { force: true });
}

/** Writes a Komposer with these imports (and optional own CRD entries) into the world; returns its name. */
export function writeKomposer(world: World, name: string, imports: object, crds: object = {}): string {
  const file = `${name}.komposer.yaml`;
  writeFileSync(join(world.dir, file), stringify({ apiVersion: 'orkestra.orkspace.io/v1', kind: 'Komposer', metadata: { name }, imports, spec: { crds } }));
  return file;
}

let good: Promise<string> | undefined;
/** A directory holding a valid bundle (a local-file Komposer), made once per run. */
export function goodBundle(world: World): Promise<string> {
  good ??= (async () => {
    const out = join(world.dir, 'out', 'good');
    const r = await ork(world, resolveArgs(world, writeKomposer(world, 'good', { files: ['./local/katalog.yaml'] }), out));
    if (r.code !== 0) throw new Error(`the good bundle did not resolve: ${r.err}`);
    return out;
  })();
  return good;
}

/** Registers a suite's `before`: the shared world and its good bundle, read through the accessors. */
export function useWorldAndGoodBundle(): { world: () => World; good: () => string } {
  let world: World | undefined;
  let out: string | undefined;
  before(async () => {
    world = await getWorld();
    out = await goodBundle(world);
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the resolver world is not started yet');
    return value;
  };
  return { world: () => ready(world), good: () => ready(out) };
}
