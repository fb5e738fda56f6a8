// The default randomness for randomAlphanumeric: uniform [0,1) fractions from the platform's
// cryptographic generator, drawn in batches because templates ask for one character at a time.
import { webcrypto } from 'node:crypto';

const BATCH = 256;
const pool = new Uint32Array(BATCH);
let next = BATCH;

export function randomFraction(): number {
  if (next >= BATCH) {
    webcrypto.getRandomValues(pool);
    next = 0;
  }
  return (pool[next++] as number) / 0x1_0000_0000;
}
