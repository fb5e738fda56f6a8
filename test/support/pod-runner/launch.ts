// Turns one container of the real Pod into what process.ts runs: its environment, its command
// mapped through the runner's table, its mounts planned, the sandbox script and the final argv
// (`env -i` with exactly the container's variables). Throws ContainerConfigError for what a
// kubelet would refuse or what the runner cannot do.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { expandVars, lookupIn } from './expand.js';
import { expandCommand, resolveEnv } from './env.js';
import type { PodVolumes } from './pod-volumes.js';
import { checkProbe } from './probe.js';
import type { RunnerContext } from './runner-context.js';
import { ContainerConfigError, type Container, type Pod, type PodNetwork } from './pod-types.js';
import { identityFor, planMounts, setprivOptions, type MountRequest } from './sandbox-plan.js';
import { sandboxScript } from './sandbox-script.js';

export interface Launch {
  script: string;
  argv: string[];
}

export interface LaunchPaths {
  /** Host file bind-mounted at the container's terminationMessagePath. */
  terminationFile: string;
  /** Empty host dir for the sandbox's private tmpfs. */
  nsDir: string;
}

export async function planLaunch(pod: Pod, c: Container, vols: PodVolumes, net: PodNetwork, paths: LaunchPaths, ctx: RunnerContext): Promise<Launch> {
  checkProbe(c.readinessProbe, c, 'readinessProbe');
  checkProbe(c.livenessProbe, c, 'livenessProbe');
  checkProbe(c.startupProbe, c, 'startupProbe');
  const env = await resolveEnv(pod, c, {
    net, serviceEnv: ctx.serviceEnv, source: ctx.source,
    runtimeEnv: new Map([['PATH', ctx.containerPATH], ['HOSTNAME', pod.spec.hostname ?? pod.metadata.name]]),
  });
  const { command, args } = expandCommand(c, env);
  if (command.length === 0) {
    throw new ContainerConfigError(`pod-runner: container ${c.name} has no command; the runner cannot know the entrypoint of image ${c.image ?? '(none)'}: set command in the pod spec`, 'RunContainerError');
  }
  const mapped = ctx.commands.get(command[0]);
  if (!mapped) {
    throw new ContainerConfigError(`pod-runner: no mapping for command ${JSON.stringify(command[0])} of container ${c.name}; pass commands: { ${JSON.stringify(command[0])}: [...] } to startPodRunner`, 'RunContainerError');
  }
  const id = identityFor(pod.spec, c);

  const requests: MountRequest[] = [];
  for (const vm of [...(c.volumeMounts ?? []), ...vols.extraMounts]) {
    const vol = vols.volumes.get(vm.name);
    if (!vol) throw new ContainerConfigError(`volumeMount ${vm.name} of container ${c.name} names no volume of the pod`);
    const sub = vm.subPathExpr !== undefined ? expandVars(vm.subPathExpr, lookupIn(env)) : vm.subPath;
    let source = vol.hostPath;
    if (sub) {
      const norm = normalize(sub);
      if (sub.startsWith('/') || norm === '..' || norm.startsWith('../')) throw new ContainerConfigError(`subPath ${JSON.stringify(sub)} must be relative and stay inside the volume`);
      source = join(vol.hostPath, norm);
      if (!existsSync(source)) {
        if (vol.alwaysReadOnly) throw new ContainerConfigError(`subPath ${sub} does not exist in volume ${vm.name}`);
        mkdirSync(source, { recursive: true, mode: 0o777 });
      }
    }
    const isFile = !statSync(source).isDirectory();
    requests.push({ source, target: vm.mountPath, readOnly: vm.readOnly === true || vol.alwaysReadOnly, isFile });
  }
  requests.push({ source: paths.terminationFile, target: c.terminationMessagePath ?? '/dev/termination-log', readOnly: false, isFile: true });
  requests.push(...ctx.extraMounts);
  const layout = planMounts(requests);

  const script = sandboxScript({
    nsDir: paths.nsDir,
    overlays: layout.overlays,
    binds: layout.binds,
    readOnlyRootFilesystem: c.securityContext?.readOnlyRootFilesystem === true,
    workingDir: c.workingDir ?? '/',
    setpriv: setprivOptions(id, c),
    setprivPath: ctx.tools.setpriv,
  });
  const envPairs = [...env].map(([k, v]) => `${k}=${v}`);
  return { script, argv: [ctx.tools.env, '-i', '--', ...envPairs, ...mapped, ...command.slice(1), ...args] };
}
