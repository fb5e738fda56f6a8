// What a bundle directory holds and how large each file may be; the writer, `ork verify` and the
// controller all read these names and bounds from here.
import { LIMITS } from '../limits.js';

/** The canonical JSON payload. */
export const BUNDLE_FILE = 'bundle.json';
/** The DSSE envelope signing an in-toto statement about bundle.json. */
export const ENVELOPE_FILE = 'bundle.sig.json';

export const MAX_BUNDLE_BYTES = LIMITS.maxBundleBytes;
/** The envelope holds one small statement and a few signatures; anything near this is not ours. */
export const MAX_ENVELOPE_BYTES = 1024 * 1024;
/** A PEM key file; a P-256 key is a few hundred bytes. */
export const MAX_KEY_FILE_BYTES = 64 * 1024;
/** Signatures examined per envelope, so a hostile envelope cannot make verification slow. */
export const MAX_SIGNATURES = 16;
