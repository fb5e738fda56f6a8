// Assertions shared by the source tests: a promise must reject with an OrkError of a given code,
// and no text an error exposes (message, source, stack, causes) may contain a secret.
import { expect } from 'chai';
import { OrkError, describeError } from '../../../shared/errors.js';

export async function rejection(promise: Promise<unknown>, code: string): Promise<OrkError> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  expect(caught, 'expected a rejection').to.be.instanceOf(OrkError);
  const err = caught as OrkError;
  expect(err.code, err.message).to.equal(code);
  return err;
}

/** Every string an error carries or prints, its causes' included. */
export function errorText(err: OrkError): string {
  const parts: string[] = [err.message, err.source ?? '', err.stack ?? '', ...describeError(err), JSON.stringify(err)];
  let cause: unknown = err.cause;
  for (let depth = 0; depth < 5 && cause; depth++) {
    parts.push(String(cause), (cause as { stack?: string }).stack ?? '', (cause as { message?: string }).message ?? '');
    cause = (cause as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

export function expectNoSecret(err: OrkError, ...secrets: string[]): void {
  const text = errorText(err);
  for (const secret of secrets) expect(text.includes(secret), `secret leaked into: ${text}`).to.equal(false);
}
