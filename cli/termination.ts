// The Kubernetes termination message: one line with the error code and what to do, written where
// the pod spec's terminationMessagePath says, so `kubectl describe pod` shows why a container
// stopped. Never fails the program it reports on.
import { writeFile } from 'node:fs/promises';
import { describeError, isOrkError } from '../shared/errors.js';
import { scrubSecrets } from '../shared/secrets.js';

export async function writeTerminationMessage(path: string | undefined, e: unknown): Promise<void> {
  if (!path) return;
  const line = isOrkError(e) ? `${e.code}: ${describeError(e).join('; ')}` : `INTERNAL: ${scrubSecrets(e instanceof Error ? e.message : String(e))}`;
  await writeFile(path, `${line.slice(0, 4000)}\n`).catch(() => undefined);
}
