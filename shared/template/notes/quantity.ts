// Quantity notes: Kubernetes resource quantities ("500m", "1Gi") to numbers and back, and their
// exact sum and difference in canonical form, so a Katalog can budget CPU and memory.
import type { FuncDef } from '../func-def.js';
import { CallFailure } from '../template-error.js';
import { addQuantities, formatQuantity, parseQuantity, toNumber, type Quantity } from './kube-quantity.js';
import { float, note, str, type DocLine } from './note.js';

const qty = (name: string, arity: readonly [number, number], doc: DocLine, call: FuncDef['call']): FuncDef => note('quantities', name, arity, doc, call);

function quantity(v: unknown, position: number): Quantity {
  const text = str(v, position);
  const q = parseQuantity(text);
  if (typeof q === 'string') throw new CallFailure(`${JSON.stringify(text)} is not a Kubernetes quantity such as 500m, 2 or 1Gi: ${q}`);
  return q;
}

/** Upstream: whole numbers from 1 up as binary (bytes), anything else as milli-units. */
function fromNumber(f: number): string {
  if (!Number.isFinite(f) || Math.abs(f) >= 2 ** 63) throw new CallFailure(`${f} is out of the range of a quantity`);
  if (Number.isInteger(f) && f >= 1) return formatQuantity({ mantissa: BigInt(f), exp: 0, format: 'BinarySI' });
  return formatQuantity({ mantissa: BigInt(Math.trunc(f * 1000)), exp: -3, format: 'DecimalSI' });
}

function combine(sign: 1n | -1n): FuncDef['call'] {
  return (a) => formatQuantity(addQuantities(quantity(a[0], 1), quantity(a[1], 2), sign));
}

const SUBTRACT: DocLine = ['subtractQuantity A B', 'A − B in canonical form ("1Gi" "512Mi" → "512Mi").', '{{ subtractQuantity .spec.limit .spec.request }}'];

export const QUANTITY_NOTES: FuncDef[] = [
  qty('parseQuantity', [1, 1], ['parseQuantity QUANTITY', 'The value as a number ("100m" → 0.1, "1Gi" → 1073741824); an error when not a quantity.', '{{ div (parseQuantity .spec.cpu) 4 }}'], (a) => toNumber(quantity(a[0], 1))),
  qty('formatQuantity', [1, 1], ['formatQuantity NUMBER', 'A number as a canonical quantity: whole numbers ≥ 1 as bytes (1073741824 → "1Gi"), others in milli-units (0.5 → "500m").', '{{ formatQuantity (mul (parseQuantity .spec.memory) 2) }}'], (a) => fromNumber(float(a[0], 1))),
  qty('sumQuantity', [2, 2], ['sumQuantity A B', 'A + B in canonical form ("1Gi" "512Mi" → "1536Mi", "500m" "500m" → "1").', '{{ sumQuantity .spec.cpu "100m" }}'], combine(1n)),
  qty('subtractQuantity', [2, 2], SUBTRACT, combine(-1n)),
  // Upstream registers the subtraction under this name while documenting subtractQuantity.
  qty('minusQuantity', [2, 2], ['minusQuantity A B', 'The same as subtractQuantity.', '{{ minusQuantity "1" "250m" }}'], combine(-1n)),
];
