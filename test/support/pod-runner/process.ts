// One container instance as a host process: `unshare --mount` running the sandbox script, which
// execs setpriv and then the container's command, so the spawned PID is the container's PID and
// its process group (spawned detached) holds everything it starts. Stops by PID, never by name.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { constants } from 'node:os';
import type { Readable } from 'node:stream';
import { SETUP_FAILED_EXIT } from './sandbox-script.js';

export interface ProcessExit {
  /** As a runtime reports it: the exit status, or 128 + signal number. */
  exitCode: number;
  signal?: number;
  /** false when the process ended before the sandbox script reached the exec. */
  setupOk: boolean;
}

export interface ContainerProcess {
  pid: number;
  exited: Promise<ProcessExit>;
  /** Signals the whole process group; a no-op once it is gone. */
  kill(signal: NodeJS.Signals): void;
}

export interface SpawnOptions {
  unsharePath: string;
  shPath: string;
  script: string;
  /** The argv setpriv runs (env -i … command args). */
  argv: string[];
  logPath: string;
}

export function spawnContainer(opts: SpawnOptions): ContainerProcess {
  const logFd = openSync(opts.logPath, 'a');
  let child: ChildProcess;
  try {
    child = spawn(opts.unsharePath, ['--mount', '--propagation', 'private', '--', opts.shPath, '-c', opts.script, 'pod-runner', ...opts.argv], {
      detached: true,
      stdio: ['ignore', logFd, logFd, 'pipe'],
      env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
      cwd: '/',
    });
  } finally {
    closeSync(logFd);
  }
  let setupOk = false;
  const ready = child.stdio[3] as Readable;
  ready.on('data', (chunk: Buffer) => { if (chunk.toString().includes('ok')) setupOk = true; });
  ready.on('error', () => undefined);
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('error', () => resolve({ exitCode: SETUP_FAILED_EXIT, setupOk: false }));
    // 'close' comes after fd 3 is drained, so the setup report is never missed.
    child.once('close', (code, signal) => {
      if (signal) {
        const num = constants.signals[signal] ?? 0;
        resolve({ exitCode: 128 + num, signal: num, setupOk });
      } else {
        resolve({ exitCode: code ?? 0, setupOk });
      }
    });
  });
  const pid = child.pid ?? -1;
  return {
    pid,
    exited,
    kill(signal) {
      if (pid <= 0) return;
      try {
        process.kill(-pid, signal);
      } catch {
        // ESRCH: the group is gone already.
      }
    },
  };
}
