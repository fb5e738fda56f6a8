// What every corpus case must show besides its exit code and message: no stack trace or internal
// error, no credential in any output, and nothing partial left behind — no new file in the working
// directory (an output directory may exist only empty), no temp file, no object on the cluster.
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'chai';
import type { CorpusCase } from './case-format.js';
import type { Laid } from './materialise.js';
import type { CaseResult } from './run-case.js';

/** Every path under `dir` (files and directories), relative, except the case's TMPDIR. */
export function snapshot(dir: string, root = dir): Map<string, string> {
  const seen = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const rel = relative(root, path);
    if (rel === '.tmp') continue;
    const st = lstatSync(path);
    if (st.isDirectory()) {
      seen.set(rel, 'dir');
      for (const [k, v] of snapshot(path, root)) seen.set(k, v);
    } else seen.set(rel, `${st.size}:${st.mtimeMs}`);
  }
  return seen;
}

const STACK = /\n\s+at .+[:(]\d+:\d+\)?|\b(TypeError|RangeError|ReferenceError|SyntaxError)\b|internal error|\[object Object\]|\bundefined\b: /;

export function expectMessage(c: CorpusCase, r: CaseResult): void {
  const why = `stderr was:\n${r.err}\nstdout was:\n${r.out.slice(0, 2000)}`;
  expect(r.code, `exit code (${r.code === -1 ? 'timed out' : r.code}); ${why}`).to.equal(c.exit);
  // The controller logs as JSON lines on stdout; every other command prints its errors on stderr.
  for (const fragment of c.says) expect(r.err + r.out, `message fragment; ${why}`).to.contain(fragment);
  if (c.code) expect(r.err, why).to.contain(`: ${c.code}\n`);
  expect(r.err + r.out, `a stack trace or internal error; ${why}`).not.to.match(STACK);
}

/** Reads every file that is new or changed since `before`, for the secret check. */
function newTexts(laid: Laid, before: Map<string, string>, after: Map<string, string>): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [rel, sig] of after) {
    if (sig !== 'dir' && before.get(rel) !== sig) texts[rel] = readFileSync(join(laid.dir, rel), 'latin1');
  }
  return texts;
}

export function expectNothingLeft(c: CorpusCase, laid: Laid, before: Map<string, string>): Record<string, string> {
  const after = snapshot(laid.dir);
  const term = relative(laid.dir, laid.vars.TERM!);
  const added = [...after].filter(([rel, sig]) => before.get(rel) !== sig && rel !== term);
  // A directory may stay (an output directory made before the failure) only if it is empty:
  // any file inside it is listed on its own.
  const stray = added.filter(([, sig]) => sig !== 'dir');
  expect(stray.map(([rel]) => rel), `${c.id}: files left behind (or changed) by a failed run`).to.deep.equal([]);
  if (c.oldBundle) expect(existsSync(join(laid.vars.OUT!, 'bundle.json')), 'the old bundle in --out was left in place').to.equal(false);
  expect(readdirSync(laid.tmp), `${c.id}: temp files left in TMPDIR`).to.deep.equal([]);
  return newTexts(laid, before, after);
}

export function expectNoSecrets(secrets: string[], texts: Record<string, string>): void {
  for (const [where, text] of Object.entries(texts)) {
    for (const secret of secrets) expect(text.includes(secret), `a credential leaked into ${where}`).to.equal(false);
  }
}

/** The termination message, when written, is one line that starts with the error code. */
export function expectTermination(c: CorpusCase, laid: Laid): string | undefined {
  if (!existsSync(laid.vars.TERM!)) return undefined;
  const text = readFileSync(laid.vars.TERM!, 'utf8');
  expect(text.endsWith('\n') && !text.slice(0, -1).includes('\n'), `termination message is one line: ${text}`).to.equal(true);
  if (c.code) expect(text.startsWith(`${c.code}: `), text).to.equal(true);
  return text;
}
