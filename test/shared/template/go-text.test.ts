// Go's strings.TrimSpace and the Go runtime's post-processing of rendered text: a field's text is
// trimmed, then every "<no value>" is removed; a user note's text has "<no value>" removed first.
import { expect } from 'chai';
import { goTrimSpace, noteText, resolvedText } from '../../../shared/template/go-text.js';

describe('shared/template go-text', () => {
  const trims: [string, string][] = [
    ['  a b \n', 'a b'],
    ['\t\v\f\r\u0085x\u00a0\u2003\u3000', 'x'],
    // U+FEFF is not a space to Go (JavaScript's trim removes it).
    ['\ufeffx\ufeff', '\ufeffx\ufeff'],
    ['', ''],
  ];
  for (const [input, want] of trims) it(`TrimSpace ${JSON.stringify(input)}`, () => expect(goTrimSpace(input)).to.equal(want));

  const fields: [string, string, string][] = [
    // [printed text, as a field (trim then remove), as a note (remove then trim)]
    ['<no value>', '', ''],
    ['x <no value>', 'x ', 'x'],
    ['<no value> x', ' x', 'x'],
    ['  <no value>-<no value>  ', '-', '-'],
    [' plain\n', 'plain', 'plain'],
  ];
  for (const [printed, field, note] of fields) {
    it(`${JSON.stringify(printed)} → field ${JSON.stringify(field)}, note ${JSON.stringify(note)}`, () => {
      expect(resolvedText(printed)).to.equal(field);
      expect(noteText(printed)).to.equal(note);
    });
  }
});
