// A Helm repository's index.yaml, fetched and parsed once per resolve and shared by every import
// of that repository with the same credentials: public indexes run to megabytes, and a Komposer
// importing five charts from one repository should not read it five times. Each import still gets
// errors under its own label; a failed fetch is not kept, so nothing outlives the resolve's answer.
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { OrkError, isOrkError } from '../../shared/errors.js';
import type { HttpResponse } from '../net/http-client.js';

/** Parsed index, or why it could not be read; keyed by repository URL and a hash of the credential. */
export type HelmIndexCache = Map<string, Promise<IndexAnswer>>;

export type IndexAnswer = { status: number; index?: unknown; parseError?: string };

export function newHelmIndexCache(): HelmIndexCache {
  return new Map();
}

/**
 * The repository's index through `cache` (when given): `fetchIndex` runs once per repository and
 * credential. A network error is thrown again under `label` for every import waiting on it.
 */
export async function readIndex(
  cache: HelmIndexCache | undefined,
  repoUrl: string,
  authorization: string | undefined,
  label: string,
  fetchIndex: () => Promise<HttpResponse>,
): Promise<IndexAnswer> {
  const load = () => fetchIndex().then(parseAnswer);
  if (!cache) return load();
  // The credential is only hashed into the key, never kept or shown.
  const key = `${repoUrl}\u0000${createHash('sha256').update(authorization ?? '').digest('hex')}`;
  let answer = cache.get(key);
  if (!answer) {
    answer = load();
    cache.set(key, answer);
    answer.catch(() => cache.delete(key));
  }
  try {
    return await answer;
  } catch (e) {
    if (isOrkError(e) && e.source !== label) throw new OrkError(e.code, e.message, { source: label, retry: e.retry, issues: e.issues });
    throw e;
  }
}

function parseAnswer(response: HttpResponse): IndexAnswer {
  if (response.status !== 200) return { status: response.status };
  try {
    return { status: 200, index: parseYaml(response.body.toString('utf8')) };
  } catch (e) {
    return { status: 200, parseError: (e as Error).message.split('\n')[0] ?? 'unreadable' };
  }
}
