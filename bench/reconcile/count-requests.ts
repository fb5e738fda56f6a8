// Preloaded into the controller child (`node --import`) by the benchmark: counts every HTTP
// request the process sends, by verb and resource, without touching controller code — through
// Node's diagnostics channels, both Node's own http client's and undici's, so it counts whichever
// client the build uses. the first SIGUSR2 writes a snapshot to $ORK_BENCH_REQUEST_COUNTS.start, later ones to .mark; exit writes
// the totals to $ORK_BENCH_REQUEST_COUNTS. Costs one map increment per request.
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';

const target = process.env.ORK_BENCH_REQUEST_COUNTS;
const counts = new Map<string, number>();

if (target) {
  const count = (method: string, path: string) => {
    const key = requestKind(method, path);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  subscribe('http.client.request.start', (message) => {
    const { request } = message as { request: { method: string; path: string } };
    count(request.method, request.path);
  });
  subscribe('undici:request:create', (message) => {
    const { request } = message as { request: { method: string; path: string } };
    count(request.method, request.path);
  });
  const dump = (file: string) => writeFileSync(file, JSON.stringify(Object.fromEntries(counts)));
  // The first SIGUSR2 marks the start of the measured window; later ones a snapshot (`.mark`).
  let signals = 0;
  process.on('SIGUSR2', () => dump(signals++ === 0 ? `${target}.start` : `${target}.mark`));
  process.on('exit', () => dump(target));
}

/** `PATCH deployments`, `PATCH websites/status`, `LIST websites`, `WATCH services`, `POST events`. */
export function requestKind(method: string, path: string): string {
  const [pathname = '', query = ''] = path.split('?');
  const parts = pathname.split('/').filter((p) => p !== '');
  // /api/v1/... or /apis/group/version/...
  let rest = parts[0] === 'api' ? parts.slice(2) : parts[0] === 'apis' ? parts.slice(3) : parts;
  if (rest[0] === 'namespaces' && rest.length >= 3) rest = rest.slice(2);
  const [resource = pathname, name, sub] = rest;
  let verb = method.toUpperCase();
  if (verb === 'GET' && /(^|&)watch=(true|1)/.test(query)) verb = 'WATCH';
  else if (verb === 'GET' && name === undefined) verb = 'LIST';
  return `${verb} ${resource}${sub ? `/${sub}` : ''}`;
}
