import { expect } from 'chai';
import { formatChange, formatSummary, type CrdChange } from '../../../shared/crd-diff/index.js';

describe('shared/crd-diff format', () => {
  const lines: Array<[CrdChange['severity'], string]> = [
    ['breaking', 'BREAKING  v1:spec.a:type-changed  Something.'],
    ['warning', 'warning   v1:spec.a:type-changed  Something.'],
    ['safe', 'safe      v1:spec.a:type-changed  Something.'],
  ];
  for (const [severity, line] of lines) {
    it(`prints a ${severity} change as label, id, sentence in aligned columns`, () => {
      expect(formatChange({ id: 'v1:spec.a:type-changed', severity, kind: 'type-changed', message: 'Something.' })).to.equal(line);
    });
  }

  const summaries: Array<[{ breaking: number; warnings: number; safe: number }, string]> = [
    [{ breaking: 0, warnings: 0, safe: 0 }, 'no changes'],
    [{ breaking: 1, warnings: 1, safe: 0 }, '1 breaking, 1 warning, 0 safe'],
    [{ breaking: 0, warnings: 2, safe: 3 }, '0 breaking, 2 warnings, 3 safe'],
  ];
  for (const [summary, text] of summaries) {
    it(`summarises as "${text}"`, () => expect(formatSummary(summary)).to.equal(text));
  }
});
