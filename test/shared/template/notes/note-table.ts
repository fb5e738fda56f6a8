// Runs the table-driven note tests: every note of a domain gets at least three cases through the
// public template API, at least one of them bad input whose exact error reason is asserted.
import { expect } from 'chai';
import type { FuncDef } from '../../../../shared/template/func-def.js';
import { evaluateTyped, executeTemplate, TemplateError, type TemplateOptions } from '../../../../shared/template/index.js';

/** The exact reason a template fails with (TemplateError.reason). */
export interface Fails {
  fails: string;
}
/** The typed value of a single-action template (evaluateTyped). */
export interface Typed {
  typed: unknown;
}
export type Expected = string | Fails | Typed;
export type Case = readonly [template: string, expected: Expected, data?: unknown];

export function fails(reason: string): Fails {
  return { fails: reason };
}
export function typed(value: unknown): Typed {
  return { typed: value };
}

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).to.be.instanceOf(TemplateError);
    return (e as TemplateError).reason;
  }
  throw new Error('expected the template to fail');
}

export function runCase(c: Case, data: unknown, opts?: TemplateOptions): void {
  const [template, expected, own] = c;
  const d = own === undefined ? data : own;
  if (typeof expected === 'string') expect(executeTemplate(template, d, opts)).to.equal(expected);
  else if ('typed' in expected) expect(evaluateTyped(template, d, opts)).to.deep.equal(expected.typed);
  else expect(reasonOf(() => executeTemplate(template, d, opts))).to.equal(expected.fails);
}

/** One `describe` per domain: checks the table covers every note, then runs each case. */
export function noteTable(domain: string, notes: readonly FuncDef[], table: Record<string, readonly Case[]>, data: unknown, opts?: TemplateOptions): void {
  describe(`template notes: ${domain}`, () => {
    it('has cases for every note and only for them', () => {
      expect(Object.keys(table).sort()).to.deep.equal(notes.map((n) => n.name).sort());
    });
    for (const fn of notes) {
      it(`${fn.name} has a doc entry in domain ${domain}`, () => {
        expect(fn.doc?.domain).to.equal(domain);
        expect(fn.doc?.signature.startsWith(fn.name)).to.equal(true);
        expect(fn.doc?.example).to.contain(fn.name);
      });
    }
    for (const [name, cases] of Object.entries(table)) {
      describe(name, () => {
        it('has at least three cases, one of them bad input', () => {
          expect(cases.length).to.be.at.least(3);
          expect(cases.some(([, e]) => typeof e === 'object' && 'fails' in e)).to.equal(true);
        });
        for (const c of cases) it(c[0], () => runCase(c, data, opts));
      });
    }
  });
}
