// Random notes for generated secrets: hex, URL-safe base64 and UUID v4 from random bytes drawn
// through `env.random` (crypto-random by default, seeded for `ork template --seed` and tests).
// Upstream pairs them with a Secret's `once: true`, an entry key the renderer already honours:
// the value is generated when the Secret is created and never overwritten.
import type { CallEnv, FuncDef } from '../func-def.js';
import { CallFailure } from '../template-error.js';
import { int, note } from './note.js';

const MAX_BYTES = 4096;

function bytes(n: number, env: CallEnv): Buffer {
  if (n > MAX_BYTES) throw new CallFailure(`${n} random bytes is too many; at most ${MAX_BYTES}`, 'TEMPLATE_LIMIT');
  const out = Buffer.alloc(Math.max(0, n));
  for (let i = 0; i < out.length; i++) out[i] = Math.min(255, Math.max(0, Math.floor(env.random() * 256)));
  return out;
}

function uuidv4(env: CallEnv): string {
  const b = bytes(16, env);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const RANDOM_NOTES: FuncDef[] = [
  note('random', 'randomHex', [1, 1], ['randomHex N', 'N random bytes as 2N hex characters ("" when N ≤ 0); use on a Secret with once: true.', '{{ randomHex 16 }}'], (a, env) => bytes(int(a[0], 1), env).toString('hex')),
  note('random', 'randomBase64', [1, 1], ['randomBase64 N', 'N random bytes as URL-safe base64 with padding ("" when N ≤ 0).', '{{ randomBase64 32 }}'], (a, env) => bytes(int(a[0], 1), env).toString('base64').replace(/\+/g, '-').replace(/\//g, '_')),
  note('random', 'uuidv4', [0, 0], ['uuidv4', 'A random UUID version 4 (8-4-4-4-12 hex).', '{{ uuidv4 }}'], (_a, env) => uuidv4(env)),
];
