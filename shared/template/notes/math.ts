// Upstream's Math notes: arguments are numbers, numeric strings or booleans (as upstream reads
// them); results are integers when whole and floats otherwise, so `div 7 2` is 3.5 as upstream
// computes it (Sprig would truncate). A missing value counts as 0 where upstream would fail.
import { CallFailure } from '../template-error.js';
import { num } from './arguments.js';
import { defineNotes } from './define.js';

function finite(n: number): number {
  if (!Number.isFinite(n)) throw new CallFailure('the result is not a finite number');
  return n;
}

function nums(a: unknown[]): number[] {
  return a.map((v, i) => num(v, `argument ${i + 1}`));
}

function fold(a: unknown[], op: (x: number, y: number) => number): number {
  const n = nums(a);
  return finite(n.slice(1).reduce(op, n[0] ?? 0));
}

function divide(a: unknown[]): number {
  const [x, y] = nums(a) as [number, number];
  if (y === 0) throw new CallFailure('division by zero; check the divisor with "if" first');
  return finite(x / y);
}

function modulo(a: unknown[]): number {
  const [x, y] = nums(a).map(Math.trunc) as [number, number];
  if (y === 0) throw new CallFailure('modulo by zero; check the divisor with "if" first');
  return finite(x % y) + 0;
}

export const MATH_NOTES = defineNotes('Math', [
  [{ name: 'add', min: 1, max: Infinity, sig: 'add A B...', summary: 'The sum; an integer when whole.', example: '{{ add .spec.basePort 1000 }}' }, (a) => fold(a, (x, y) => x + y)],
  [{ name: 'sub', min: 2, sig: 'sub A B', summary: 'A minus B.', example: '{{ sub .spec.replicas 1 }}' }, (a) => fold(a, (x, y) => x - y)],
  [{ name: 'mul', min: 1, max: Infinity, sig: 'mul A B...', summary: 'The product; an integer when whole.', example: '{{ mul .spec.replicas 2 }}' }, (a) => fold(a, (x, y) => x * y)],
  [{ name: 'div', min: 2, sig: 'div A B', summary: 'A divided by B, not truncated (7/2 is 3.5, as upstream); B = 0 is an error.', example: '{{ div .spec.totalWorkers 4 }}' }, divide],
  [{ name: 'mod', min: 2, sig: 'mod A B', summary: 'Integer remainder of A by B (both truncated first).', example: '{{ mod .spec.port 100 }}' }, modulo],
  [{ name: 'min', min: 1, max: Infinity, sig: 'min A B...', summary: 'The smallest argument.', example: '{{ min .spec.replicas 10 }}' }, (a) => fold(a, (x, y) => Math.min(x, y))],
  [{ name: 'max', min: 1, max: Infinity, sig: 'max A B...', summary: 'The largest argument.', example: '{{ max .spec.replicas 2 }}' }, (a) => fold(a, (x, y) => Math.max(x, y))],
  [
    { name: 'clamp', min: 3, sig: 'clamp V LO HI', summary: 'V limited to the range [LO, HI].', example: '{{ clamp .spec.replicas 1 20 }}' },
    (a) => {
      const [v, lo, hi] = nums(a) as [number, number, number];
      return v < lo ? lo : v > hi ? hi : v;
    },
  ],
  [{ name: 'abs', min: 1, sig: 'abs V', summary: 'The absolute value.', example: '{{ abs .spec.offsetSeconds }}' }, (a) => Math.abs(nums(a)[0] as number)],
]);
