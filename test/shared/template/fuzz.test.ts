// Fuzzing the template parser and evaluator (bounded, seeded; test/support/fuzz.ts): any text and
// any JSON data either render or raise a TemplateError (an OrkError) — never a TypeError,
// RangeError or stack overflow — within the render budget, and a template that parsed once parses
// the same way again.
import { expect } from 'chai';
import fc from 'fast-check';
import { TemplateError, checkTemplate, evaluateTyped, executeTemplate } from '../../../shared/template/index.js';
import { fuzzParams, onlyOrkErrors, tokens, within } from '../../support/fuzz.js';

const PARTS = [
  '{{', '}}', '{{-', '-}}', ' ', '.', '.spec', '.spec.x', '.metadata.name', '$', '$x', ':=', '=', '|', '(', ')', '"a"', '`b`', "'c'",
  '1', '-1', '0x1F', '1e3', '3.5', 'true', 'nil', 'if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break',
  'upper', 'lower', 'default', 'index', 'len', 'printf', '"%d"', '"%s"', 'add', 'div', 'mod', 'repeat', 'until', 'seq', 'toJson',
  'fromJson', 'b64dec', 'regexMatch', '"(a+)+$"', 'replace', 'trunc', 'quote', 'list', 'dict', 'get', 'keys', 'sortAlpha', 'eq',
  'and', 'or', 'not', 'required', 'fail', 'ternary', 'toString', 'atoi', 'int', 'float64', '/*', '*/', '\n',
];

const data = fc.record({
  metadata: fc.record({ name: fc.string({ maxLength: 10 }), namespace: fc.constant('ns') }),
  spec: fc.dictionary(fc.constantFrom('x', 'n', 'items', 'deep'), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
});

describe('template: fuzzing (seeded, bounded)', function () {
  this.timeout(120_000);

  it('parses any text to a template or a TemplateError', () => {
    fc.assert(
      fc.property(fc.oneof(tokens(PARTS, 40), fc.string({ maxLength: 200 })), (text) => {
        const error = onlyOrkErrors(() => checkTemplate(text));
        if (error !== undefined) expect(error).to.be.instanceOf(TemplateError);
        // Parsing is deterministic (and cached): the same text gives the same verdict again.
        expect(checkTemplate(text)?.message).to.equal(error?.message);
      }),
      fuzzParams('template parse', 3000),
    );
  });

  it('renders any template over any CR data, or raises only TemplateError, within the budget', () => {
    fc.assert(
      fc.property(tokens(PARTS, 30), data, (body, cr) => {
        const text = `{{ ${body} }}`;
        within(5_000, () => onlyOrkErrors(() => executeTemplate(text, cr, { random: () => 0.5, maxSteps: 50_000 })));
        within(5_000, () => onlyOrkErrors(() => evaluateTyped(text, cr, { random: () => 0.5, maxSteps: 50_000 })));
      }),
      fuzzParams('template render', 2000),
    );
  });

  it('renders a template twice to the same text (no hidden state between renders)', () => {
    fc.assert(
      fc.property(tokens(PARTS, 20), data, (body, cr) => {
        const text = `a{{ ${body} }}b`;
        const render = () => {
          try {
            return executeTemplate(text, cr, { random: () => 0.25 });
          } catch (e) {
            if (e instanceof TemplateError) return `error ${e.code}: ${e.reason}`;
            throw e;
          }
        };
        expect(render()).to.equal(render());
      }),
      fuzzParams('template determinism', 1000),
    );
  });
});
