// The signed bundle: its payload and layout, RFC 8785 canonical JSON, digests, DSSE envelopes, the
// in-toto statement and the binding it signs against replay, ECDSA P-256 keys, signing and
// verification. Pure: the file readers are thin wrappers elsewhere
// (controller/startup/bundle-files.ts, resolver/bundle-writer.ts).
export * from './binding.js';
export * from './canonical-json.js';
export * from './digest.js';
export * from './dsse.js';
export * from './keys.js';
export * from './layout.js';
export * from './payload.js';
export * from './predicate.js';
export * from './sign.js';
export * from './signer.js';
export * from './statement.js';
export * from './verify.js';
