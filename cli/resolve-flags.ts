// Flags that every command which resolves a Komposer shares (`resolve`, `lock`), and how they
// become ResolveOptions. Credentials never come from flags: only from the environment variables
// the Komposer names.
import { resolve } from 'node:path';
import { OrkError } from '../shared/errors.js';
import { LIMITS } from '../shared/limits.js';
import type { ResolveOptions } from '../resolver/index.js';
import type { FlagSpec } from './args.js';
import { readCaFile } from './ca-file.js';
import { inputOrDefault } from './default-input.js';
import { inputFile, type InputFile } from './input-file.js';
import { joinFileFlags } from './several-files.js';
import type { CliIO } from './io.js';

export const RESOLVE_FLAGS = {
  file: { type: 'string', short: 'f', multiple: true },
  'ca-file': { type: 'string' },
  'allow-outside-paths': { type: 'boolean', default: false },
  'allow-http-loopback': { type: 'boolean', default: false },
  helm: { type: 'string' },
  'docker-config': { type: 'string' },
  concurrency: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies FlagSpec;

export const RESOLVE_FLAGS_HELP = `  -f, --file KOMPOSER        the Komposer (or a plain Katalog) to resolve; - reads it from stdin;
                             an https URL is fetched as a file import; left out: katalog.yaml,
                             else komposer.yaml, in the working directory; several (-f a -f b,
                             or -f a,b) are merged as a Komposer importing them in that order
  --ca-file PEM              extra CA certificates for HTTPS imports (also $ORKESTRA_CA_FILE)
  --allow-outside-paths      let file imports leave the Komposer's directory tree
  --allow-http-loopback      permit http:// imports on 127.0.0.1/localhost (development only)
  --helm PATH                helm binary for charts whose templates produce Katalogs (else $ORKESTRA_HELM, PATH)
  --docker-config PATH       docker config.json for registries without auth: (else $DOCKER_CONFIG,
                             ~/.docker/config.json, then Helm's registry config)
  --concurrency N            imports fetched at once (default ${LIMITS.fetchConcurrency})`;

type ResolveFlagValues = { [K in keyof typeof RESOLVE_FLAGS]?: string | string[] | boolean | undefined };

/** The options for the Komposer -f names (a path, or `-` for stdin) and the other flags. */
export async function resolveOptionsFrom(command: string, values: ResolveFlagValues, io: CliIO): Promise<ResolveOptions> {
  const komposer = inputOrDefault(joinFileFlags(values.file as string[] | undefined), io.cwd, command);
  return resolveOptionsFor(command, await inputFile(komposer, io, command), values, io);
}

/** The options for a Komposer already read (`input`), and the other flags. */
export async function resolveOptionsFor(command: string, input: InputFile, values: ResolveFlagValues, io: CliIO): Promise<ResolveOptions> {
  const caFlag = values['ca-file'] as string | undefined;
  const caFile = caFlag ?? io.env.ORKESTRA_CA_FILE;
  const caCertificates = caFile ? await readCaFile(caFile, io.cwd, caFlag !== undefined) : undefined;
  const concurrency = values.concurrency === undefined ? LIMITS.fetchConcurrency : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new OrkError('USAGE', `--concurrency must be a whole number from 1 to 64 (see 'ork ${command} --help')`);
  }
  const dockerConfig = (values['docker-config'] as string | undefined) ?? io.env.DOCKER_CONFIG;
  return {
    komposer: input.komposerPath ?? input.label,
    ...(input.text === undefined ? {} : { komposerText: input.text }),
    ...(input.extraFiles === undefined ? {} : { extraFileImports: input.extraFiles }),
    ...(input.baseDirName === undefined ? {} : { baseDirName: input.baseDirName }),
    ...(input.nameIssue === undefined ? {} : { nameIssue: input.nameIssue }),
    cwd: io.cwd,
    env: io.env,
    concurrency,
    allowOutsidePaths: values['allow-outside-paths'] === true,
    ...(caCertificates ? { caCertificates } : {}),
    sources: {
      ...(values['allow-http-loopback'] === true ? { allowHttpLoopback: true } : {}),
      ...(typeof values.helm === 'string' ? { helmBinary: resolve(io.cwd, values.helm) } : {}),
      ...(dockerConfig ? { dockerConfig: resolve(io.cwd, dockerConfig) } : {}),
    },
  };
}
