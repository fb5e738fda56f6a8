// `--kubeconfig FILE` and `--context NAME` for every command that talks to a cluster, read the
// way kubectl reads them: the flag, else $KUBECONFIG (merged), else in-cluster, else ~/.kube/config.
import { resolve } from 'node:path';
import type { KubeConfig } from '../shared/kube/index.js';
import type { CliIO } from './io.js';
import { loadKubeConfig } from './kube/index.js';

export const KUBE_FLAGS = {
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
} as const;

export const KUBE_FLAGS_HELP = `  --kubeconfig FILE          default: $KUBECONFIG, in-cluster service account, ~/.kube/config
  --context NAME             the kubeconfig context to use (default: its current-context)
`;

export interface KubeFlagValues {
  kubeconfig?: string;
  context?: string;
}

/** Warnings already printed per command (its io): a command that loads the config twice warns once. */
const printed = new WeakMap<object, Set<string>>();

export function kubeConfigFromFlags(values: KubeFlagValues, io: Pick<CliIO, 'env' | 'cwd' | 'stderr'>): KubeConfig {
  return loadKubeConfig({
    env: io.env,
    onWarning: (message) => {
      const seen = printed.get(io) ?? new Set<string>();
      printed.set(io, seen);
      if (seen.has(message)) return;
      seen.add(message);
      io.stderr(`warning: ${message}\n`);
    },
    ...(values.kubeconfig ? { path: resolve(io.cwd, values.kubeconfig) } : {}),
    ...(values.context ? { context: values.context } : {}),
  });
}
