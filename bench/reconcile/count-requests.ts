// Preloaded into the controller child (`node --import`) by the benchmark: counts every HTTP
// request the process sends through undici, by verb and resource, without touching controller
// code. SIGUSR2 writes a snapshot to $ORK_BENCH_REQUEST_COUNTS.start; exit writes the totals to
// $ORK_BENCH_REQUEST_COUNTS. Costs one map increment per request.
import { writeFileSync } from 'node:fs';
import { Agent } from 'undici';

const target = process.env.ORK_BENCH_REQUEST_COUNTS;
const counts = new Map<string, number>();

if (target) {
  const dispatch = Agent.prototype.dispatch;
  Agent.prototype.dispatch = function counted(this: Agent, options: Agent.DispatchOptions, handler: Parameters<Agent['dispatch']>[1]) {
    const key = requestKind(String(options.method ?? 'GET'), String(options.path ?? ''));
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return dispatch.call(this, options, handler);
  };
  const dump = (file: string) => writeFileSync(file, JSON.stringify(Object.fromEntries(counts)));
  process.on('SIGUSR2', () => dump(`${target}.start`));
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
