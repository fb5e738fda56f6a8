// Preloaded into the controller by `bench/startup.ts --timeline` (`node --import`): a timeline of
// the start, in ms since the process started (performance.now(): Node sets its origin as the
// process starts), without touching controller code — every HTTP request (start, first response
// byte, end) through Node's http client diagnostics channels, every line the controller writes to
// stderr (its log: "bundle verified", "rbac checked", …), when its HTTP server starts listening
// (the command's modules are loaded by then), and the CPU time at each mark but requests (reading
// it is a system call: at every request it cost ≈ 0.3 s over a start at a load of 30). As JSON lines
// to $ORK_BENCH_TIMELINE on SIGUSR2 and at exit.
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { requestKind } from '../reconcile/count-requests.js';

const target = process.env.ORK_BENCH_TIMELINE;

export interface TimelineEvent { t: number; cpu: number; what: string; end?: number }

if (target) {
  const events: TimelineEvent[] = [];
  const cpu = () => { const u = process.cpuUsage(); return Math.round((u.user + u.system) / 1000); };
  const mark = (what: string) => { events.push({ t: performance.now(), cpu: cpu(), what }); };
  mark('preload');
  const open = new WeakMap<object, TimelineEvent>();
  subscribe('http.client.request.start', (message) => {
    const { request } = message as { request: { method: string; path: string } };
    const event: TimelineEvent = { t: performance.now(), cpu: -1, what: `${requestKind(request.method, request.path)} ${request.path.split('?')[0]}` };
    events.push(event);
    open.set(request, event);
  });
  subscribe('http.client.response.finish', (message) => {
    const { request } = message as { request: object };
    const event = open.get(request);
    if (event) event.end = performance.now();
  });
  const listen = Server.prototype.listen;
  Server.prototype.listen = function (this: Server, ...args: unknown[]) {
    mark('http server listen (command modules loaded)');
    return (listen as (...a: unknown[]) => Server).apply(this, args);
  } as typeof listen;
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    for (const line of text.split('\n').filter(Boolean)) {
      const msg = /"(?:msg|message)":"([^"]*)"/.exec(line)?.[1] ?? line.slice(0, 80);
      mark(`log: ${msg}`);
    }
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  const dump = () => writeFileSync(target, events.map((e) => JSON.stringify(e)).join('\n'));
  process.on('SIGUSR2', dump);
  process.on('exit', dump);
}
