import { expect } from 'chai';
import {
  checkTemplate,
  evaluateTyped,
  executeTemplate,
  parseTemplate,
  TemplateError,
  type TemplateOptions,
} from '../../../shared/template/index.js';

function failure(run: () => unknown): TemplateError {
  try {
    run();
  } catch (e) {
    expect(e).to.be.instanceOf(TemplateError);
    return e as TemplateError;
  }
  return expect.fail('expected a TemplateError');
}

const data = { spec: { name: 'x', n: 3, items: ['a', 'b'], map: { k: 'v' }, flag: true } };

describe('shared/template execution errors', () => {
  // [template, line, col, code, reason fragment]
  const cases: [string, number, number, string, string][] = [
    ['{{ .spec.name.first }}', 1, 4, 'TEMPLATE_EXEC', 'cannot read field "first": .spec.name is a string'],
    ['a\nb {{ .spec.items.first }}', 2, 6, 'TEMPLATE_EXEC', '.spec.items is a list; use index or range'],
    ['{{ $n := .spec.n }}\n\n  {{ $n.x }}', 3, 6, 'TEMPLATE_EXEC', 'cannot read field "x": $n is a number'],
    ['{{ range .spec.name }}{{ end }}', 1, 1, 'TEMPLATE_EXEC', '{{range}} cannot iterate over a string'],
    ['{{ range 1.5 }}{{ end }}', 1, 1, 'TEMPLATE_EXEC', 'cannot iterate over a fractional number'],
    ['line\n  {{ if eq .spec.name 3 }}{{ end }}', 2, 9, 'TEMPLATE_EXEC', 'eq: incompatible types for comparison'],
    ['{{ eq .spec.items 1 }}', 1, 4, 'TEMPLATE_EXEC', 'cannot compare a value of type []interface {}'],
    ['{{ lt .spec.missing 1 }}', 1, 4, 'TEMPLATE_EXEC', 'cannot order a missing value'],
    ['{{ lt true false }}', 1, 4, 'TEMPLATE_EXEC', 'booleans have no order'],
    ['{{ index .spec.items 5 }}', 1, 4, 'TEMPLATE_EXEC', 'index out of range: 5'],
    ['{{ index .spec.items "0" }}', 1, 4, 'TEMPLATE_EXEC', 'cannot index a list with string'],
    ['{{ index .spec.map 0 }}', 1, 4, 'TEMPLATE_EXEC', 'cannot index a map with int'],
    ['{{ slice .spec.n 0 }}', 1, 4, 'TEMPLATE_EXEC', 'slice: cannot slice a value of type int'],
    ['{{ printf .spec.n }}', 1, 4, 'TEMPLATE_EXEC', 'the format must be a string'],
    ['x\ny\n{{ with .spec }}\n  {{ .name | printf "%s" | div 4 }}{{ end }}', 4, 28, 'TEMPLATE_EXEC', 'argument 2 is string "x"'],
  ];
  for (const [template, line, col, code, reason] of cases) {
    it(`${JSON.stringify(template)} → ${line}:${col}`, () => {
      const err = failure(() => executeTemplate(template, data));
      expect(err.code).to.equal(code);
      expect(err.reason).to.contain(reason);
      expect([err.line, err.col]).to.deep.equal([line, col]);
    });
  }

  it('reading any field of missing data is not an error', () => {
    expect(executeTemplate('[{{ .a.b.c }}{{ $.x.y }}{{ (index .spec.map "nope").deeper }}]', data)).to.equal('[]');
  });

  it('does not read inherited properties of data objects', () => {
    expect(executeTemplate('[{{ .constructor }}{{ .spec.toString }}{{ .__proto__ }}]', data)).to.equal('[]');
  });
});

describe('shared/template limits', () => {
  it('stops a range over a huge list at the step budget', () => {
    const big = { items: Array.from({ length: 200_000 }, (_, i) => i) };
    const err = failure(() => executeTemplate('{{ range .items }}{{ . }}{{ end }}', big));
    expect(err.code).to.equal('TEMPLATE_LIMIT');
    expect(err.reason).to.contain('100000 steps');
  });

  it('stops nested ranges multiplying work', () => {
    const d = { l: Array.from({ length: 1000 }, (_, i) => i) };
    const err = failure(() => executeTemplate('{{ range .l }}{{ range $.l }}{{ range $.l }}x{{ end }}{{ end }}{{ end }}', d));
    expect(err.code).to.equal('TEMPLATE_LIMIT');
  });

  it('stops a range over a huge integer', () => {
    expect(failure(() => executeTemplate('{{ range 1000000000 }}{{ end }}', {})).code).to.equal('TEMPLATE_LIMIT');
  });

  it('honours a custom step budget', () => {
    const opts: TemplateOptions = { maxSteps: 50 };
    expect(executeTemplate('{{ range 10 }}{{ . }}{{ end }}', {}, opts)).to.equal('0123456789');
    expect(failure(() => executeTemplate('{{ range 100 }}{{ . }}{{ end }}', {}, opts)).code).to.equal('TEMPLATE_LIMIT');
  });

  it('limits output size', () => {
    const err = failure(() => executeTemplate('{{ range 50 }}0123456789{{ end }}', {}, { maxOutputBytes: 100 }));
    expect(err.code).to.equal('TEMPLATE_LIMIT');
    expect(err.reason).to.contain('larger than 100 bytes');
    expect(executeTemplate('{{ range 10 }}0123456789{{ end }}', {}, { maxOutputBytes: 100 })).to.have.length(100);
  });

  it('counts output bytes, not characters', () => {
    expect(failure(() => executeTemplate('{{ range 40 }}é{{ end }}', {}, { maxOutputBytes: 60 })).code).to.equal('TEMPLATE_LIMIT');
  });

  it('stops exponential string growth inside functions', () => {
    let t = '{{ .s }}';
    for (let i = 0; i < 12; i++) t = t.replace('.s', '(replace .s "a" "aaaaaaaaaa")');
    const err = failure(() => executeTemplate(t, { s: 'a' }));
    expect(err.code).to.equal('TEMPLATE_LIMIT');
    expect(err.reason).to.contain('replace');
  });

  it('refuses absurd printf widths', () => {
    expect(failure(() => executeTemplate('{{ printf "%999999999d" 1 }}', {})).code).to.equal('TEMPLATE_LIMIT');
    expect(failure(() => executeTemplate('{{ printf "%.500f" 1.5 }}', {})).code).to.equal('TEMPLATE_LIMIT');
  });

  it('rejects nesting deeper than 100 levels', () => {
    const deepIf = `${'{{ if true }}'.repeat(101)}x${'{{ end }}'.repeat(101)}`;
    const err = checkTemplate(deepIf);
    expect(err?.code).to.equal('TEMPLATE_LIMIT');
    expect(err?.reason).to.contain('100 levels');
    const fine = `${'{{ if true }}'.repeat(100)}x${'{{ end }}'.repeat(100)}`;
    expect(executeTemplate(fine, {})).to.equal('x');
    const deepParens = `{{ ${'('.repeat(150)}1${')'.repeat(150)} }}`;
    expect(checkTemplate(deepParens)?.code).to.equal('TEMPLATE_LIMIT');
  });

  it('parses long else-if chains without deep recursion', () => {
    const branches = Array.from({ length: 500 }, (_, i) => `{{ else if eq .n ${i} }}${i}`).join('');
    const t = `{{ if false }}${branches}{{ end }}`;
    expect(executeTemplate(t, { n: 499 })).to.equal('499');
  });

  it('rejects templates longer than 64 KiB', () => {
    const err = failure(() => parseTemplate(`{{ .a }}${'x'.repeat(70_000)}`));
    expect(err.code).to.equal('TEMPLATE_LIMIT');
    expect([err.line, err.col]).to.deep.equal([1, 1]);
  });

  it('turns deeply nested data into a limit error instead of a crash', () => {
    let deep: unknown = 'end';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const err = failure(() => executeTemplate('{{ .d }}', { d: deep }));
    expect(err.code).to.equal('TEMPLATE_LIMIT');
    expect(failure(() => evaluateTyped('{{ .d }}', { d: deep })).code).to.equal('TEMPLATE_LIMIT');
  });

  it('survives cyclic data in toJson', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(failure(() => executeTemplate('{{ toJson . }}', cyclic)).code).to.equal('TEMPLATE_LIMIT');
  });

  it('reports a failing random source as a template error', () => {
    const err = failure(() =>
      executeTemplate('{{ randomAlphanumeric 4 }}', {}, {
        random: () => {
          throw new Error('no entropy');
        },
      }),
    );
    expect(err.code).to.equal('TEMPLATE_EXEC');
    expect(err.reason).to.contain('no entropy');
  });
});

describe('shared/template robustness', () => {
  function seeded(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 0x1_0000_0000;
    };
  }
  const pieces = [
    '{{', '}}', '{{-', '-}}', ' ', '.', '.a', '.a.b', '$', '$x', ':=', '=', '|', '(', ')', '"s"', '`r`', "'c'",
    '1', '-2', '1.5', 'if', 'else', 'end', 'range', 'with', 'define', 'nil', 'true', 'len', 'index', 'printf',
    'default', 'add', 'div', '/*', '*/', '\n', ',', '"', '`', '\\', '{', '}', 'x', 'é', '0x', 'toJson', 'eq',
  ];

  it('throws nothing but TemplateError on random token soup', () => {
    const random = seeded(7);
    const pick = (): string => pieces[Math.floor(random() * pieces.length)] as string;
    let parsed = 0;
    for (let n = 0; n < 3000; n++) {
      const len = 1 + Math.floor(random() * 20);
      let text = '';
      for (let i = 0; i < len; i++) text += pick();
      try {
        executeTemplate(text, { a: { b: [1, 2] }, s: 'x' }, { maxSteps: 1000 });
        parsed++;
      } catch (e) {
        if (!(e instanceof TemplateError)) throw new Error(`${JSON.stringify(text)} threw ${String(e)}`);
      }
    }
    expect(parsed).to.be.greaterThan(0);
  });

  it('throws nothing but TemplateError on random characters', () => {
    const random = seeded(11);
    const alphabet = '{}{}{}-. $|()"`\'\\abc123:=,/*\n\t';
    for (let n = 0; n < 3000; n++) {
      let text = '{{';
      const len = Math.floor(random() * 16);
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      try {
        evaluateTyped(text, { a: 1 });
      } catch (e) {
        if (!(e instanceof TemplateError)) throw new Error(`${JSON.stringify(text)} threw ${String(e)}`);
      }
    }
  });

  it('reports a non-string template as a TemplateError', () => {
    expect(checkTemplate(undefined as unknown as string)?.code).to.equal('TEMPLATE_SYNTAX');
  });
});
