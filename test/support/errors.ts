// Assertion helpers for code that must fail with an OrkError: the error, for its code and text.
import { expect } from 'chai';
import { OrkError } from '../../shared/errors.js';

/** The OrkError `fn` throws; fails the test if it returns or throws anything else. */
export function thrown(fn: () => unknown): OrkError {
  try {
    fn();
  } catch (e) {
    expect(e, String(e)).to.be.instanceOf(OrkError);
    return e as OrkError;
  }
  throw new Error('expected an OrkError to be thrown');
}

/** The OrkError `p` rejects with; fails the test if it resolves or rejects with anything else. */
export async function rejection(p: Promise<unknown>): Promise<OrkError> {
  try {
    await p;
  } catch (e) {
    expect(e, String(e)).to.be.instanceOf(OrkError);
    return e as OrkError;
  }
  throw new Error('expected a rejection with an OrkError');
}
