// The parity corpus: Katalogs, Komposers and Motifs written from the Go runtime's documented format
// (test/fixtures/parity/, facts in docs/katalog-compat.md), run through `ork validate` and
// `ork template --seed 42` in-process, exactly as a user would run them.
//
// Every case must validate and, when it has a sample CR (`<case>.cr.yaml`), render its golden
// (`<case>.golden.yaml`) byte for byte. Cases listed in KNOWN_GAPS.txt must still FAIL: an entry
// that now passes fails this test with "remove it from KNOWN_GAPS", so the list only shrinks.
// A `<case>.expect.txt` names objects the output must contain even before a golden exists.
// A `# ork flags: …` line adds those flags to both commands (`--offline` for a Komposer whose
// remote imports name hosts the corpus cannot reach; real fetches are tested in test/resolver).
// Files under refused/ must be refused by `ork validate` with a line containing their `# expect:`.
// Regenerate goldens with UPDATE_GOLDEN=1 (cases in KNOWN_GAPS are never rewritten: some goldens
// there are written by hand to upstream's defaults), then review the diff.
import { expect } from 'chai';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { runCommand } from '../../cli/dispatch.js';
import { captureIO } from '../support/io.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const corpusDir = join(root, 'test', 'fixtures', 'parity');
const compatDoc = join(root, 'docs', 'katalog-compat.md');
const update = process.env.UPDATE_GOLDEN === '1';
/** Directories that hold fragments and CRDs, not documents of their own. */
const NOT_CASES = new Set(['includes', 'crds']);

interface Outcome {
  validated: boolean;
  rendered?: boolean;
  output?: string;
  log: string;
}

function listCases(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!NOT_CASES.has(name)) found.push(...listCases(path));
    } else if (name.endsWith('.yaml') && !name.endsWith('.cr.yaml') && !name.endsWith('.golden.yaml')) {
      found.push(relative(corpusDir, path).split(sep).join('/'));
    }
  }
  return found;
}

/** KNOWN_GAPS.txt: one `<case> <reason>` per line; `#` starts a comment. */
function readGaps(): Map<string, string> {
  const gaps = new Map<string, string>();
  const text = readFileSync(join(corpusDir, 'KNOWN_GAPS.txt'), 'utf8');
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const [file, ...reason] = line.split(/\s+/);
    if (reason.length === 0) throw new Error(`KNOWN_GAPS.txt:${i + 1}: give a reason after ${file}`);
    if (gaps.has(file!)) throw new Error(`KNOWN_GAPS.txt:${i + 1}: ${file} is listed twice`);
    gaps.set(file!, reason.join(' '));
  });
  return gaps;
}

async function ork(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO({ cwd: root });
  const code = await runCommand(args, io);
  return { code, out: io.out, err: io.err };
}

async function runCase(file: string): Promise<Outcome> {
  const path = join(corpusDir, file);
  const flags = /^# ork flags: (.+)$/m.exec(readFileSync(path, 'utf8'))?.[1]?.trim().split(/\s+/) ?? [];
  const validated = await ork(['validate', '-f', path, ...flags]);
  let log = `ork validate (exit ${validated.code}):\n${validated.err}`;
  const crFile = path.replace(/\.yaml$/, '.cr.yaml');
  if (!existsSync(crFile)) return { validated: validated.code === 0, log };
  const rendered = await ork(['template', '-f', path, '--cr', crFile, '--seed', '42', ...flags]);
  log += `ork template (exit ${rendered.code}):\n${rendered.err}`;
  return { validated: validated.code === 0, rendered: rendered.code === 0, output: rendered.out, log };
}

/**
 * What `<case>.expect.txt` says must be rendered whatever else changes: one `Kind/name` per object,
 * or `status/<key>` per status field. Used where a partial implementation would otherwise render
 * cleanly and get its incomplete output blessed as a golden (Motif resources, Komposer imports).
 */
function missingExpected(file: string, output: string): string[] {
  const expectFile = join(corpusDir, file.replace(/\.yaml$/, '.expect.txt'));
  if (!existsSync(expectFile)) return [];
  const found = new Set<string>();
  for (const doc of parseAllDocuments(output)) {
    const obj = doc.toJS() as { kind?: unknown; metadata?: { name?: unknown } } | null;
    if (obj && typeof obj.kind === 'string') found.add(`${obj.kind}/${String(obj.metadata?.name)}`);
  }
  for (const m of output.matchAll(/^# {3}([^:]+):/gm)) found.add(`status/${m[1]}`);
  const wanted = readFileSync(expectFile, 'utf8').split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter(Boolean);
  return wanted.filter((w) => !found.has(w));
}

/** Why the case does not meet its contract today, or undefined when it does. */
function shortfall(file: string, outcome: Outcome, goldenFile: string): string | undefined {
  if (!outcome.validated) return `does not validate\n${outcome.log}`;
  if (outcome.rendered === undefined) return undefined;
  if (!outcome.rendered) return `does not render\n${outcome.log}`;
  const missing = missingExpected(file, outcome.output ?? '');
  if (missing.length > 0) return `does not render ${missing.join(', ')} (see ${file.replace(/\.yaml$/, '.expect.txt')})`;
  if (!existsSync(goldenFile)) return `has no golden ${relative(root, goldenFile)}; run with UPDATE_GOLDEN=1`;
  if (readFileSync(goldenFile, 'utf8') !== outcome.output) return `renders differently from ${relative(root, goldenFile)}`;
  return undefined;
}

describe('parity corpus (docs/katalog-compat.md)', () => {
  const cases = listCases(corpusDir).filter((f) => !f.startsWith('refused/'));
  const refused = listCases(corpusDir).filter((f) => f.startsWith('refused/'));
  const gaps = readGaps();
  corpusChecks(cases, refused, gaps);
  caseChecks(cases, gaps);
  layoutPairChecks(cases, gaps);
  refusalChecks(refused, gaps);
});

function corpusChecks(cases: string[], refused: string[], gaps: Map<string, string>): void {
  it('has at least 60 documents, each marked with the features it exercises', () => {
    expect(cases.length + refused.length).to.be.at.least(60);
    for (const file of [...cases, ...refused]) {
      const first = readFileSync(join(corpusDir, file), 'utf8').split('\n')[0];
      expect(first, `${file}: first line must be '# features: …'`).to.match(/^# features: \S/);
    }
  });

  it('gives every top-level Katalog and Komposer a sample CR', () => {
    for (const file of cases.filter((f) => !f.includes('/'))) {
      expect(existsSync(join(corpusDir, file.replace(/\.yaml$/, '.cr.yaml'))), `${file} has no ${file.replace(/\.yaml$/, '.cr.yaml')}`).to.equal(true);
    }
  });

  it('lists in KNOWN_GAPS only cases that exist', () => {
    for (const file of gaps.keys()) expect([...cases, ...refused], `KNOWN_GAPS.txt names ${file}, which is not a case`).to.include(file);
  });

  it('uses every template function docs/katalog-compat.md lists', () => {
    const corpus = allText(corpusDir);
    const missing = documentedFunctions().filter((name) => !new RegExp(`(^|[^A-Za-z0-9_.])${name}([^A-Za-z0-9_]|$)`, 'm').test(corpus));
    expect(missing, 'functions no corpus file uses').to.deep.equal([]);
  });
}

function caseChecks(cases: string[], gaps: Map<string, string>): void {
  for (const file of cases) {
    const goldenFile = join(corpusDir, file.replace(/\.yaml$/, '.golden.yaml'));
    const gap = gaps.get(file);
    it(`${file}${gap ? ` (known gap: ${gap})` : ''}`, async () => {
      const outcome = await runCase(file);
      if (update && !gap && outcome.validated && outcome.rendered) writeFileSync(goldenFile, outcome.output!);
      const problem = shortfall(file, outcome, goldenFile);
      if (gap) {
        // A missing golden is not a reason to stay listed: only failing to validate or render, or
        // rendering other than a golden written by hand to upstream's output, is.
        const stillFails = problem !== undefined && !problem.startsWith('has no golden');
        expect(stillFails, `${file} now validates and renders: remove it from KNOWN_GAPS, then run UPDATE_GOLDEN=1 and review its golden against docs/katalog-compat.md`).to.equal(true);
      } else {
        expect(problem, `${file} ${problem}`).to.equal(undefined);
      }
    });
  }
}

/**
 * Both layouts load into one model: the two halves of a pair must render the same objects (the
 * comment lines, which name where each child was declared, are the only allowed difference).
 */
function layoutPairChecks(cases: string[], gaps: Map<string, string>): void {
  for (const older of cases.filter((f) => f.endsWith('-older.yaml'))) {
    const current = older.replace(/-older\.yaml$/, '-current.yaml');
    if (!cases.includes(current)) continue;
    it(`${older} and ${current} render the same objects`, async function () {
      if (gaps.has(older) || gaps.has(current)) this.skip();
      const [a, b] = await Promise.all([older, current].map(runCase));
      const objects = (o: Outcome) => (o.output ?? '').split('\n').filter((l) => !l.startsWith('#')).join('\n');
      expect(a!.rendered && b!.rendered, `${a!.log}${b!.log}`).to.equal(true);
      expect(objects(b!)).to.equal(objects(a!));
    });
  }
}

/** Upstream files that need compiled Go (or carry a typo) must be refused with a clear line, never a stack trace. */
function refusalChecks(refused: string[], gaps: Map<string, string>): void {
  for (const file of refused) {
    const gap = gaps.get(file);
    it(`${file} is refused with one clear line${gap ? ` (known gap: ${gap})` : ''}`, async () => {
      const text = readFileSync(join(corpusDir, file), 'utf8');
      const wanted = /^# expect: (.+)$/m.exec(text)?.[1]?.trim();
      expect(wanted, `${file} needs a '# expect: <text>' line`).to.be.a('string');
      const result = await ork(['validate', '-f', join(corpusDir, file)]);
      const ok = result.code !== 0 && result.err.includes(wanted!) && !/internal error|\n\s+at /.test(result.err);
      if (gap) expect(ok, `${file} is now refused as expected: remove it from KNOWN_GAPS`).to.equal(false);
      else expect(ok, `exit ${result.code}, stderr:\n${result.err}`).to.equal(true);
    });
  }
}

function allText(dir: string): string {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) => (statSync(path).isDirectory() ? allText(path) : path.endsWith('.yaml') && !path.endsWith('.golden.yaml') ? readFileSync(path, 'utf8') : ''))
    .join('\n');
}

/** The function names in section 10 of docs/katalog-compat.md (first word of each `code` span). */
function documentedFunctions(): string[] {
  const text = readFileSync(compatDoc, 'utf8');
  const section = text.slice(text.indexOf('## 10.'));
  const names = new Set<string>();
  for (const line of section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| domain'))) {
    const cells = line.split('|');
    for (const span of (cells[2] ?? '').matchAll(/`([A-Za-z][A-Za-z0-9]*)[^`]*`/g)) names.add(span[1]!);
  }
  return [...names].sort();
}
