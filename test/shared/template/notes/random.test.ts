import { expect } from 'chai';
import { executeTemplate } from '../../../../shared/template/index.js';
import { RANDOM_NOTES } from '../../../../shared/template/notes/random.js';
import { fails, noteTable } from './note-table.js';

/** Bytes 0x00, 0x01, … in turn: random() = i/256. */
function counting(): () => number {
  let i = 0;
  return () => (i++ % 256) / 256;
}

describe('template notes: random', () => {
  // A fresh counter per case, so each expected value starts at byte 0.
  const run = (t: string) => executeTemplate(t, {}, { random: counting() });
  it('randomHex draws N bytes', () => expect(run('{{ randomHex 4 }}')).to.equal('00010203'));
  it('randomBase64 is URL-safe', () => {
    const high = () => 0.999;
    expect(executeTemplate('{{ randomBase64 3 }}', {}, { random: high })).to.equal('____');
  });
  it('uuidv4 sets the version and variant bits', () => expect(run('{{ uuidv4 }}')).to.equal('00010203-0405-4607-8809-0a0b0c0d0e0f'));
  it('crypto-random by default: two values differ', () => {
    expect(executeTemplate('{{ randomHex 16 }}', {})).to.not.equal(executeTemplate('{{ randomHex 16 }}', {}));
  });
});

noteTable('random', RANDOM_NOTES, {
  randomHex: [
    ['{{ randomHex 2 }}', '0000'],
    ['{{ len (randomHex 32) }}', '64'],
    ['[{{ randomHex 0 }}][{{ randomHex -3 }}]', '[][]'],
    ['{{ randomHex 5000 }}', fails('randomHex: 5000 random bytes is too many; at most 4096')],
    ['{{ randomHex "16" }}', fails('randomHex: argument 1 must be an integer, not string "16"')],
  ],
  randomBase64: [
    ['{{ randomBase64 3 }}', 'AAAA'],
    ['{{ randomBase64 1 }}', 'AA=='],
    ['{{ len (randomBase64 32) }}', '44'],
    ['[{{ randomBase64 0 }}]', '[]'],
    ['{{ randomBase64 1.5 }}', fails('randomBase64: argument 1 must be an integer, not float64 1.5')],
  ],
  uuidv4: [
    ['{{ uuidv4 }}', '00000000-0000-4000-8000-000000000000'],
    ['{{ len uuidv4 }}', '36'],
    ['{{ index (printf "%s" uuidv4) 14 }}', '52'],
    ['{{ uuidv4 16 }}', fails('wrong number of arguments for "uuidv4": want 0, got 1')],
  ],
}, {}, { random: () => 0 });
