// Turns a good signed bundle directory into the tampered, forged or non-canonical one a corpus case
// describes. `resign` re-signs whatever bundle.json now holds, with the trusted key (to reach the
// checks behind the signature: canonical form, payload schema) or another one (a forgery).
import { createHash, type KeyObject } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IN_TOTO_PAYLOAD_TYPE, buildStatement, canonicalJsonBytes, serialiseEnvelope, signEnvelope } from '../../shared/bundle/index.js';
import type { BundleOp } from './case-format.js';

export interface SigningKeys {
  own: KeyObject;
  other: KeyObject;
}

/** Sets `value` at a dot path (numeric segments index arrays); `null` deletes the key. */
function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at: Record<string, unknown> = doc;
  for (const part of parts.slice(0, -1)) at = at[part] as Record<string, unknown>;
  const last = parts[parts.length - 1]!;
  if (value === null) delete at[last];
  else at[last] = value;
}

function resign(dir: string, op: Extract<BundleOp, { op: 'resign' }>, keys: SigningKeys): void {
  const bundle = readFileSync(join(dir, 'bundle.json'));
  const hex = createHash('sha256').update(bundle).digest('hex');
  const statement: Record<string, unknown> = { ...buildStatement(hex, { schemaVersion: 1, resolver: { name: 'orkestra', version: '0.0.0' }, importCount: 1 }) };
  for (const [path, value] of Object.entries(op.statement ?? {})) setPath(statement, path, value);
  const envelope = signEnvelope(canonicalJsonBytes(statement), op.payloadType ?? IN_TOTO_PAYLOAD_TYPE, op.key === 'other' ? keys.other : keys.own);
  writeFileSync(join(dir, 'bundle.sig.json'), serialiseEnvelope(envelope));
}

export function applyBundleOps(dir: string, ops: BundleOp[], keys: SigningKeys): void {
  for (const op of ops) {
    const file = 'file' in op ? join(dir, op.file) : join(dir, 'bundle.json');
    switch (op.op) {
      case 'replace': {
        const text = readFileSync(file, 'utf8');
        if (!text.includes(op.from)) throw new Error(`bundle op replace: ${op.file} does not contain ${JSON.stringify(op.from)}`);
        writeFileSync(file, text.replace(op.from, op.to));
        break;
      }
      case 'write':
        writeFileSync(file, op.text);
        break;
      case 'delete':
        rmSync(file);
        break;
      case 'truncate':
        writeFileSync(file, readFileSync(file).subarray(0, op.bytes));
        break;
      case 'prefix':
        writeFileSync(file, Buffer.concat([Buffer.from(op.text, 'utf8'), readFileSync(file)]));
        break;
      case 'edit': {
        const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
        for (const [path, value] of Object.entries(op.set)) setPath(doc, path, value);
        writeFileSync(file, canonicalJsonBytes(doc));
        break;
      }
      case 'reformat':
        writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(file, 'utf8')), null, 2));
        break;
      case 'resign':
        resign(dir, op, keys);
        break;
    }
  }
}
