import { expect } from 'chai';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOC_PATH, docProblems, renderDocTable } from '../../../shared/template/doc-table.js';
import { functionTable, indexFunctions } from '../../../shared/template/functions.js';
import type { FuncDef } from '../../../shared/template/func-def.js';
import { repoRoot } from '../../support/tools.js';

const PAGE = join(repoRoot, DOC_PATH);

function fake(name: string, doc?: FuncDef['doc']): FuncDef {
  return { name, minArgs: 0, maxArgs: 0, call: () => undefined, ...(doc ? { doc } : {}) };
}

describe('shared/template docs/template-functions.md', () => {
  it('is exactly what the function table generates (UPDATE_GOLDEN=1 regenerates)', () => {
    const text = renderDocTable(functionTable());
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(PAGE, text);
    expect(existsSync(PAGE), `missing ${PAGE}; run with UPDATE_GOLDEN=1`).to.equal(true);
    expect(readFileSync(PAGE, 'utf8'), `${DOC_PATH} is stale; run the docs test with UPDATE_GOLDEN=1`).to.equal(text);
  });

  it('every function has a complete one-line doc entry', () => {
    expect(docProblems(functionTable())).to.deep.equal([]);
  });

  it('reports a missing doc and a multi-line field', () => {
    const defs = [fake('a'), fake('b', { domain: 'X', signature: 'b', summary: 'two\nlines', example: '{{ b }}' })];
    expect(docProblems(defs)).to.deep.equal(['a: no doc entry', 'b: doc.summary must be one line without backticks']);
  });

  it('groups by domain, sorts by name, escapes pipes and lists undocumented names last', () => {
    const page = renderDocTable([
      fake('zed', { domain: 'B', signature: 'zed X', summary: 's', example: '{{ .x | zed }}' }),
      fake('alpha', { domain: 'B', signature: 'alpha', summary: 'a|b', example: '{{ alpha }}' }),
      fake('beta', { domain: 'A', signature: 'beta', summary: 'b', example: '{{ beta }}' }),
      fake('nodoc'),
    ]);
    expect(page.indexOf('## A')).to.be.lessThan(page.indexOf('## B'));
    expect(page.indexOf('`alpha`')).to.be.lessThan(page.indexOf('`zed`'));
    expect(page).to.contain('| `zed` | `zed X` | s | `{{ .x \\| zed }}` |');
    expect(page).to.contain('a\\|b');
    expect(page.trimEnd().endsWith('## Undocumented\n\n- `nodoc`')).to.equal(true);
  });

  it('a name registered twice is refused with the name', () => {
    expect(() => indexFunctions([fake('dup'), fake('dup')])).to.throw('template function "dup" is defined twice');
  });
});
