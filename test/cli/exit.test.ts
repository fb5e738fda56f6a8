// The one exit-code table: cli/exit.ts and docs/cli.md agree, and no command returns a number
// that is not in the table (a literal `return 3` in a command would overload a code again).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { EXIT, exitCodeFor } from '../../cli/exit.js';
import { exitCodeForVerdict } from '../../shared/audit/index.js';
import type { ErrorCategory } from '../../shared/errors.js';
import { repoRoot } from '../support/tools.js';

describe('cli/exit: one exit-code table', () => {
  it('every code is distinct', () => {
    const codes = Object.values(EXIT);
    expect(new Set(codes).size).to.equal(codes.length);
  });

  it('docs/cli.md lists exactly the codes and names of cli/exit.ts', () => {
    const doc = readFileSync(join(repoRoot, 'docs/cli.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| (\d+) \| (\w+) \|/gm)].map((m) => [m[2], Number(m[1])]);
    expect(Object.fromEntries(rows)).to.deep.equal({ ...EXIT });
  });

  it('every error category maps to its own code, and findings have codes no error has', () => {
    // A new category fails to compile here until it is given a code.
    const every: Record<ErrorCategory, true> = { config: true, fetch: true, integrity: true, internal: true };
    const categories = Object.keys(every) as ErrorCategory[];
    const codes = categories.map(exitCodeFor);
    expect(new Set(codes).size).to.equal(categories.length);
    expect(codes).to.not.include(EXIT.changes).and.not.include(EXIT.breaking).and.not.include(EXIT.ok);
  });

  it('ork audit verdicts use codes of the table with their meaning', () => {
    expect(exitCodeForVerdict('consistent')).to.equal(EXIT.ok);
    expect(exitCodeForVerdict('rollout')).to.equal(EXIT.ok);
    expect(exitCodeForVerdict('split-brain')).to.equal(EXIT.integrity);
    expect(exitCodeForVerdict('no-replicas')).to.equal(EXIT.config);
  });

  it('no command returns a literal number: every exit goes through EXIT', () => {
    const dir = join(repoRoot, 'cli/commands');
    const offenders = readdirSync(dir).filter((f) => f.endsWith('.ts')).flatMap((f) =>
      readFileSync(join(dir, f), 'utf8').split('\n').flatMap((line, i) => (/\breturn\s+\d+\s*;/.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])));
    expect(offenders).to.deep.equal([]);
  });
});
