// Throw-away OCI registries for tests (test/infra/registry.sh): loopback, plain HTTP, optional
// htpasswd auth. Each call starts its own registry; all are stopped at the end of the run.
import { spawnSync } from 'node:child_process';
import { onTeardown } from './teardown.js';
import { runTool, scriptPath, tempDir } from './tools.js';

export interface TestRegistry {
  /** host:port, e.g. 127.0.0.1:40123 */
  address: string;
  dir: string;
  stop(): Promise<void>;
}

export async function startRegistry(opts: { htpasswd?: { user: string; password: string } } = {}): Promise<TestRegistry> {
  const dir = tempDir('registry');
  const script = scriptPath('test/infra/registry.sh');
  const args = ['start', dir, '--watch-pid', String(process.pid)];
  if (opts.htpasswd) args.push('--htpasswd', `${opts.htpasswd.user}:${opts.htpasswd.password}`);
  const stop = onTeardown(
    `stop registry in ${dir}`,
    () => runTool(script, ['stop', dir]).then(() => undefined),
    () => { spawnSync(script, ['stop', dir], { stdio: 'ignore' }); },
  );
  const { stdout } = await runTool(script, args, { timeoutMs: 60_000 });
  return { address: stdout.trim(), dir, stop };
}
