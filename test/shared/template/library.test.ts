import { expect } from 'chai';
import { executeTemplate } from '../../../shared/template/index.js';
import { LIBRARY } from '../../../shared/template/library.js';
import { arity, runTable } from './notes/table.js';

runTable('shared/template library: Sprig names and randomAlphanumeric', LIBRARY, {
  quote: [
    ['{{ quote .spec.name }}', '"My-App"'],
    ['{{ quote "a\\"b\\n\\tc" }}', '"a\\"b\\n\\tc"'],
    ['{{ quote "a" .spec.nope 3 }}', '"a" "3"'],
    ['{{ quote }}', { error: 'wrong number of arguments for "quote": want at least 1, got 0', code: 'TEMPLATE_SYNTAX' }],
  ],
  toYaml: [
    ['{{ toYaml .spec.map }}', 'a: one\nb: 2'],
    ['{{ toYaml .spec.list }}', '- 1\n- two\n- true\n- null'],
    ['[{{ toYaml .spec.n }}] [{{ toYaml .spec.nope }}]', '[7] [null]'],
    ['{{ toYaml }}', arity('toYaml', '1', 0)],
  ],
  b64enc: [['{{ b64enc "hello world" }}', 'aGVsbG8gd29ybGQ='], ['{{ b64enc "é" }}', 'w6k='], ['[{{ b64enc .spec.nope }}]', '[]'], ['{{ b64enc }}', arity('b64enc', '1', 0)]],
  b64dec: [
    ['{{ b64dec "aGVsbG8gd29ybGQ=" }}', 'hello world'],
    ['{{ .spec.unicode | b64enc | b64dec }}', 'héllo wörld'],
    ['{{ b64dec "not base64!" }}', { error: 'b64dec: the input is not valid standard base64' }],
    ['{{ b64dec "abc" }}', { error: 'b64dec: the input is not valid standard base64' }],
  ],
  randomAlphanumeric: [
    ['{{ len (randomAlphanumeric 16) }}', '16'],
    ['[{{ randomAlphanumeric 0 }}]', '[]'],
    ['{{ randomAlphanumeric -1 }}', { error: 'randomAlphanumeric: the length must not be negative (got -1)' }],
    ['{{ randomAlphanumeric 100000000 }}', { error: 'randomAlphanumeric: the length 100000000 is too large (at most 4096)' }],
    ['{{ randomAlphanumeric 1.5 }}', { error: 'randomAlphanumeric: the length must be an integer, not float64 "1.5"' }],
    ['{{ randomAlphanumeric "8" }}', { error: 'randomAlphanumeric: the length must be an integer, not string "8"' }],
  ],
});

describe('shared/template library', () => {
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

});
