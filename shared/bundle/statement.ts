// The in-toto Statement v1 that the envelope signs: one subject, bundle.json, by its sha256, and a
// small Orkestra predicate (predicate.ts). Building it and reading it back strictly. Pure.
import { OrkError } from '../errors.js';
import { BUNDLE_FILE } from './layout.js';
import { buildPredicate, parsePredicate, type BundlePredicate } from './predicate.js';
import { isRecord, malformed, parseJsonStrict } from './untrusted-json.js';

export const IN_TOTO_STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
/** Says "this subject is an Orkestra bundle"; a statement of any other type is not accepted. */
export const BUNDLE_PREDICATE_TYPE = 'https://orkestra.orkspace.io/bundle/v1';

export interface BundleStatement {
  _type: typeof IN_TOTO_STATEMENT_TYPE;
  subject: [{ name: typeof BUNDLE_FILE; digest: { sha256: string } }];
  predicateType: typeof BUNDLE_PREDICATE_TYPE;
  predicate: BundlePredicate;
}

export function buildStatement(bundleSha256Hex: string, predicate: BundlePredicate): BundleStatement {
  if (!/^[0-9a-f]{64}$/.test(bundleSha256Hex)) throw new OrkError('INTERNAL', 'statement subject digest must be 64 lowercase hex digits');
  return {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: [{ name: BUNDLE_FILE, digest: { sha256: bundleSha256Hex } }],
    predicateType: BUNDLE_PREDICATE_TYPE,
    predicate: buildPredicate(predicate),
  };
}

/**
 * Reads a verified envelope's payload as our statement; MALFORMED_BUNDLE when it is not one.
 * Returns the subject's sha256 hex and the predicate. Exactly one subject is allowed so that
 * nobody can wonder which file a signature was for.
 */
export function parseStatement(bytes: Uint8Array, source: string): { subjectSha256: string; predicate: BundlePredicate } {
  const doc = parseJsonStrict(bytes, source);
  if (!isRecord(doc)) throw malformed(source, 'statement is not a JSON object');
  if (doc._type !== IN_TOTO_STATEMENT_TYPE) throw malformed(source, `statement _type must be ${IN_TOTO_STATEMENT_TYPE}`);
  if (doc.predicateType !== BUNDLE_PREDICATE_TYPE) {
    throw malformed(source, `statement predicateType must be ${BUNDLE_PREDICATE_TYPE}; this signature is for something other than an Orkestra bundle`);
  }
  const subject = doc.subject;
  if (!Array.isArray(subject) || subject.length !== 1) throw malformed(source, `statement must have exactly one subject, ${BUNDLE_FILE}`);
  const only = subject[0];
  if (!isRecord(only) || only.name !== BUNDLE_FILE) throw malformed(source, `statement subject[0].name must be ${BUNDLE_FILE}`);
  const sha256 = isRecord(only.digest) ? only.digest.sha256 : undefined;
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) {
    throw malformed(source, 'statement subject[0].digest.sha256 must be 64 lowercase hex digits');
  }
  return { subjectSha256: sha256, predicate: parsePredicate(doc.predicate, source) };
}
