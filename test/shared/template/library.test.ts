import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { evaluateTyped, executeTemplate, TemplateError } from '../../../shared/template/index.js';

const data = {
  name: 'My-App',
  padded: '  spaced out \n',
  image: 'registry.local/team/app:1.2.3',
  count: 7,
  half: 2.5,
  numText: '40',
  nested: { z: [1, 'two', true, null], a: { '<k>': 'v&w' } },
  empty: '',
  unicode: 'héllo wörld',
};

function render(t: string): string {
  return executeTemplate(t, data);
}

describe('shared/template functions', () => {
  const cases: [string, string, string][] = [
    // default: the piped value is last; empty counts as missing like Sprig
    ['default on missing', '{{ default "x" .nope }}', 'x'],
    ['default keeps a set value', '{{ default "x" .name }}', 'My-App'],
    ['default treats empty string as missing', '{{ .empty | default "fallback" }}', 'fallback'],
    ['default treats zero as missing', '{{ 0 | default 5 }}', '5'],
    ['default with one argument gives the default', '{{ default "only" }}', 'only'],
    ['toLower / toUpper', '{{ toLower .name }} {{ .name | toUpper }}', 'my-app MY-APP'],
    ['toLower of missing is empty', '[{{ toLower .nope }}]', '[]'],
    ['toUpper of a number prints it', '{{ toUpper 12 }}', '12'],
    ['trim', '[{{ trim .padded }}]', '[spaced out]'],
    ['replace old new value', '{{ replace "/" "-" .image }}', 'registry.local-team-app:1.2.3'],
    ['replace piped', '{{ .image | replace "." "_" }}', 'registry_local/team/app:1_2_3'],
    ['replace with nothing found', '{{ replace "#" "-" .name }}', 'My-App'],
    ['contains', '{{ contains "team" .image }} {{ .image | contains "nope" }}', 'true false'],
    ['hasPrefix', '{{ hasPrefix "registry" .image }} {{ hasPrefix "app" .image }}', 'true false'],
    ['hasSuffix', '{{ .image | hasSuffix ":1.2.3" }} {{ hasSuffix "x" .image }}', 'true false'],
    ['quote', '{{ quote .name }}', '"My-App"'],
    ['quote escapes like Go', '{{ quote "a\\"b\\n\\tc" }}', '"a\\"b\\n\\tc"'],
    ['quote joins and skips missing', '{{ quote "a" .nope 3 }}', '"a" "3"'],
    ['toJson sorts keys and escapes html', '{{ toJson .nested }}', '{"a":{"\\u003ck\\u003e":"v\\u0026w"},"z":[1,"two",true,null]}'],
    ['toJson of scalars', '{{ toJson .name }} {{ toJson .count }} {{ toJson .nope }}', '"My-App" 7 null'],
    ['toYaml', '{{ toYaml .nested }}', 'a:\n  <k>: v&w\nz:\n- 1\n- two\n- true\n- null'],
    ['toYaml of a scalar has no trailing newline', '[{{ toYaml .count }}]', '[7]'],
    ['b64enc', '{{ b64enc "hello world" }}', 'aGVsbG8gd29ybGQ='],
    ['b64enc of unicode is utf-8', '{{ b64enc "é" }}', 'w6k='],
    ['b64dec', '{{ b64dec "aGVsbG8gd29ybGQ=" }}', 'hello world'],
    ['b64 round trip', '{{ .unicode | b64enc | b64dec }}', 'héllo wörld'],
    ['sha256sum', '{{ sha256sum "abc" }}', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['len is bytes for strings like Go', '{{ len "héllo" }}', '6'],
    ['add integers', '{{ add 1 2 3 }}', '6'],
    ['add piped', '{{ .count | add 3 }}', '10'],
    ['add with a float', '{{ add .half 1 }}', '3.5'],
    ['add numeric string', '{{ add .numText 2 }}', '42'],
    ['add missing counts as zero', '{{ add .nope 4 }}', '4'],
    ['sub', '{{ sub 10 3 }} {{ sub 3 10 }}', '7 -7'],
    ['sub piped value is the subtrahend', '{{ 3 | sub 10 }}', '7'],
    ['mul', '{{ mul 2 3 4 }} {{ mul .half 2 }}', '24 5'],
    ['div of integers truncates', '{{ div 7 2 }} {{ div -7 2 }}', '3 -3'],
    ['div with a float', '{{ div .half 2 }}', '1.25'],
    ['truncate', '{{ truncate 5 .name }}', 'My-Ap'],
    ['truncate longer than text', '{{ truncate 50 .name }}', 'My-App'],
    ['truncate zero', '[{{ truncate 0 .name }}]', '[]'],
    ['truncate counts characters not bytes', '{{ .unicode | truncate 2 }}', 'hé'],
    ['printf as function', '{{ .count | printf "n=%d" }}', 'n=7'],
  ];
  for (const [name, template, expected] of cases) {
    it(name, () => expect(render(template)).to.equal(expected));
  }

  it('sha256sum matches node:crypto for arbitrary text', () => {
    const text = 'Orkestra ✓';
    expect(executeTemplate('{{ sha256sum .t }}', { t: text })).to.equal(createHash('sha256').update(text).digest('hex'));
  });

  it('arithmetic keeps integer types in typed substitution', () => {
    expect(evaluateTyped('{{ add 1 2 }}', {})).to.equal(3);
    expect(evaluateTyped('{{ div 9 4 }}', {})).to.equal(2);
    expect(evaluateTyped('{{ mul .half 3 }}', data)).to.equal(7.5);
  });

  describe('randomAlphanumeric', () => {
    function seeded(seed: number): () => number {
      let s = seed >>> 0;
      return () => {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        return s / 0x1_0000_0000;
      };
    }

    it('has the requested length and only letters and digits', () => {
      for (const n of [0, 1, 16, 64]) {
        const out = executeTemplate(`{{ randomAlphanumeric ${n} }}`, {});
        expect(out).to.have.length(n);
        expect(out).to.match(/^[A-Za-z0-9]*$/);
      }
    });

    it('is reproducible with an injected seeded random', () => {
      const a = executeTemplate('{{ randomAlphanumeric 32 }}', {}, { random: seeded(42) });
      const b = executeTemplate('{{ randomAlphanumeric 32 }}', {}, { random: seeded(42) });
      const c = executeTemplate('{{ randomAlphanumeric 32 }}', {}, { random: seeded(43) });
      expect(a).to.equal(b);
      expect(a).to.not.equal(c);
      expect(a).to.match(/^[A-Za-z0-9]{32}$/);
    });

    it('maps the ends of [0,1) to the first and last characters', () => {
      expect(executeTemplate('{{ randomAlphanumeric 3 }}', {}, { random: () => 0 })).to.equal('aaa');
      expect(executeTemplate('{{ randomAlphanumeric 3 }}', {}, { random: () => 0.999999999 })).to.equal('999');
    });

    it('uses all 62 characters over many draws from the default crypto source', () => {
      const out = executeTemplate('{{ randomAlphanumeric 4096 }}', {});
      expect(new Set(out).size).to.equal(62);
    });
  });

  const failures: [string, string, string, number][] = [
    // [template, code, reason fragment, col]
    ['{{ div 1 0 }}', 'TEMPLATE_EXEC', 'div: division by zero', 4],
    ['{{ 0 | div 5 }}', 'TEMPLATE_EXEC', 'division by zero', 8],
    ['{{ add 1 "abc" }}', 'TEMPLATE_EXEC', 'add: argument 2 is string "abc", not a number', 4],
    ['{{ add 1 true }}', 'TEMPLATE_EXEC', 'not a number', 4],
    ['{{ randomAlphanumeric -1 }}', 'TEMPLATE_EXEC', 'must not be negative', 4],
    ['{{ randomAlphanumeric 100000000 }}', 'TEMPLATE_EXEC', 'too large', 4],
    ['{{ randomAlphanumeric 1.5 }}', 'TEMPLATE_EXEC', 'must be an integer', 4],
    ['{{ randomAlphanumeric "8" }}', 'TEMPLATE_EXEC', 'must be an integer', 4],
    ['{{ truncate -2 "abc" }}', 'TEMPLATE_EXEC', 'truncate: the length must not be negative', 4],
    ['{{ truncate 1e12 "abc" }}', 'TEMPLATE_EXEC', 'too large', 4],
    ['{{ b64dec "not base64!" }}', 'TEMPLATE_EXEC', 'b64dec: the input is not valid standard base64', 4],
    ['{{ b64dec "abc" }}', 'TEMPLATE_EXEC', 'not valid standard base64', 4],
  ];
  for (const [template, code, reason, col] of failures) {
    it(`${template} fails with ${code}`, () => {
      try {
        render(template);
        expect.fail('expected an error');
      } catch (e) {
        expect(e).to.be.instanceOf(TemplateError);
        const err = e as TemplateError;
        expect(err.code).to.equal(code);
        expect(err.reason).to.contain(reason);
        expect(err.col).to.equal(col);
      }
    });
  }
});
