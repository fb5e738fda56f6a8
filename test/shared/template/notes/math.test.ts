import { expect } from 'chai';
import { evaluateTyped } from '../../../../shared/template/index.js';
import { MATH_NOTES } from '../../../../shared/template/notes/math.js';
import { runTable, SAMPLE } from './table.js';

runTable('shared/template notes: Math', MATH_NOTES, {
  add: [
    ['{{ add .spec.n 1000 }}', { value: 1007 }],
    ['{{ add .spec.half 1 }}', { value: 3.5 }],
    ['{{ add .spec.numText 2 true }}', { value: 43 }],
    ['{{ add 1.5 1.5 }}', { value: 3 }],
    ['{{ add 1 "abc" }}', { error: 'add: argument 2 is string "abc", not a number' }],
  ],
  sub: [['{{ sub .spec.n 1 }}', { value: 6 }], ['{{ 3 | sub 10 }}', { value: 7 }], ['{{ sub 1 .spec.half }}', { value: -1.5 }], ['{{ sub 1 .spec.list }}', { error: 'sub: argument 2 is []interface {} "[1 two true <nil>]", not a number' }]],
  mul: [['{{ mul .spec.n 2 }}', { value: 14 }], ['{{ mul 2 3 4 }}', { value: 24 }], ['{{ mul .spec.half 3 }}', { value: 7.5 }], ['{{ mul 1e200 1e200 }}', { error: 'mul: the result is not a finite number' }]],
  div: [
    ['{{ div 8 4 }}', { value: 2 }],
    ['{{ div 7 2 }}', { value: 3.5 }],
    ['{{ div -7 2 }}', '-3.5'],
    ['{{ div 1 0 }}', { error: 'div: division by zero; check the divisor with "if" first' }],
    ['{{ 0 | div 5 }}', { error: 'div: division by zero; check the divisor with "if" first' }],
  ],
  mod: [['{{ mod 8080 100 }}', { value: 80 }], ['{{ mod -7 3 }}', { value: -1 }], ['{{ mod 7.9 2 }}', { value: 1 }], ['{{ mod 1 0.5 }}', { error: 'mod: modulo by zero; check the divisor with "if" first' }]],
  min: [['{{ min .spec.n 10 }}', { value: 7 }], ['{{ min 15 10 }}', { value: 10 }], ['{{ min 3 1.5 2 }}', { value: 1.5 }], ['{{ min "x" 1 }}', { error: 'min: argument 1 is string "x", not a number' }]],
  max: [['{{ max .spec.n 2 }}', { value: 7 }], ['{{ max 1 2 }}', { value: 2 }], ['{{ max -1 .spec.nope }}', { value: 0 }], ['{{ max .spec.map 1 }}', { error: 'max: argument 1 is map[string]interface {} "map[a:one b:2]", not a number' }]],
  clamp: [['{{ clamp 0 1 20 }}', { value: 1 }], ['{{ clamp 5 1 20 }}', { value: 5 }], ['{{ clamp 25 1 20 }}', { value: 20 }], ['{{ clamp "x" 1 20 }}', { error: 'clamp: argument 1 is string "x", not a number' }]],
  abs: [['{{ abs .spec.neg }}', { value: 3 }], ['{{ abs 300 }}', { value: 300 }], ['{{ abs -2.5 }}', { value: 2.5 }], ['{{ abs "-" }}', { error: 'abs: argument 1 is string "-", not a number' }]],
});

describe('shared/template notes: Math results keep integers integral', () => {
  it('gives JSON integers for whole results, so replicas stay integers', () => {
    expect(Number.isInteger(evaluateTyped('{{ div 9 3 }}', SAMPLE))).to.equal(true);
    expect(evaluateTyped('{{ mul .spec.half 2 }}', SAMPLE)).to.equal(5);
  });
});
