// Table-driven checks for template functions: each row renders a real template through the public
// API and compares the text, the typed value, or the exact error reason.
import { expect } from 'chai';
import type { FuncDef } from '../../../../shared/template/func-def.js';
import { evaluateTyped, executeTemplate, TemplateError, type TemplateOptions } from '../../../../shared/template/index.js';

/** Rendered text; `{ value }` for typed substitution; `{ error }` for the exact TemplateError reason. */
export type Expect = string | { value: unknown } | { error: string; code?: string };
export type Case = readonly [template: string, expected: Expect];

export const SAMPLE = {
  spec: {
    env: 'production',
    image: 'gcr.io/proj/app:v1',
    tags: 'latest, stable,v2',
    hosts: ['a.example.com', 'b.example.com'],
    name: 'My-App',
    n: 7,
    neg: -3,
    half: 2.5,
    numText: '40',
    flag: true,
    off: false,
    zero: 0,
    empty: '',
    list: [1, 'two', true, null],
    map: { b: 2, a: 'one' },
    emptyMap: {},
    emptyList: [],
    unicode: 'héllo wörld',
    jsonList: '["x", "y"]',
    yamlMap: 'level: debug\ncount: 2',
  },
};

function check(template: string, expected: Expect, data: unknown, opts?: TemplateOptions): void {
  if (typeof expected === 'string') {
    expect(executeTemplate(template, data, opts)).to.equal(expected);
    return;
  }
  if ('value' in expected) {
    expect(evaluateTyped(template, data, opts)).to.deep.equal(expected.value);
    return;
  }
  let caught: unknown;
  try {
    executeTemplate(template, data, opts);
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a TemplateError').to.be.instanceOf(TemplateError);
  const err = caught as TemplateError;
  expect(err.reason).to.equal(expected.error);
  if (expected.code) expect(err.code).to.equal(expected.code);
}

export function runTable(title: string, defs: readonly FuncDef[], table: Readonly<Record<string, readonly Case[]>>, data: unknown = SAMPLE, opts?: TemplateOptions): void {
  describe(title, () => {
    it('covers every function with at least three cases, one of them a precise error', () => {
      const missing = defs.filter((d) => {
        const cases = table[d.name] ?? [];
        return cases.length < 3 || !cases.some(([, e]) => typeof e === 'object' && 'error' in e);
      });
      expect(missing.map((d) => d.name)).to.deep.equal([]);
    });
    for (const [name, cases] of Object.entries(table)) {
      for (const [template, expected] of cases) it(`${name}: ${template}`, () => check(template, expected, data, opts));
    }
  });
}

/** The parser's message for a call with the wrong number of arguments. */
export function arity(name: string, want: string, got: number): { error: string; code: string } {
  return { error: `wrong number of arguments for "${name}": want ${want}, got ${got}`, code: 'TEMPLATE_SYNTAX' };
}
