// `--http-auth none|kubernetes` of the commands that serve /metrics and /bundle (`ork controller`,
// `ork webhook`): who may read them. `kubernetes` asks the API server about the caller's bearer
// token (TokenReview) and its permission to get the path (SubjectAccessReview), through a client
// of its own so reviews never queue behind other traffic; the probes stay open either way.
import type { FlagSpec } from './args.js';

export type HttpAuthMode = 'none' | 'kubernetes';

export const HTTP_AUTH_FLAGS = { 'http-auth': { type: 'string', default: 'none' } } as const satisfies FlagSpec;

/** The help lines, the description starting at column `width` + 2; `rbac` is the command that prints the grant. */
export function httpAuthHelp(width: number, rbac: string): string {
  const pad = (s: string) => s.padEnd(width);
  return `  ${pad('--http-auth none|kubernetes')}who may read /metrics and /bundle: anyone (default), or a bearer token the API server
  ${pad('')}authenticates (TokenReview) and allows to get the path (SubjectAccessReview); the
  ${pad('')}probes stay open. Needs create on tokenreviews and subjectaccessreviews (${rbac})
`;
}

/** The mode, or what is wrong with the flag as one line (the command prints it and exits 2). */
export function httpAuthMode(command: string, value: string | undefined): HttpAuthMode | { problem: string } {
  const mode = value ?? 'none';
  if (mode === 'none' || mode === 'kubernetes') return mode;
  return { problem: `--http-auth must be none or kubernetes, not ${JSON.stringify(mode)} (see 'ork ${command} --help')` };
}
