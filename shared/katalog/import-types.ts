// The imports of a Komposer (`imports:`, or its older spelling `sources:`): where Katalogs are
// loaded from. Split from types.ts, which re-exports them; the resolver's sources fetch them.

export type Auth =
  | { type: 'github' | 'bearer'; fromEnv: string }
  | { type: 'basic'; usernameFromEnv: string; passwordFromEnv: string };

export type FileImport = string | { url?: string; path?: string; auth?: Auth; digest?: string };

export interface HelmImport {
  repo: string;
  chart: string;
  version: string;
  values?: Record<string, unknown>;
  /** Values files (relative to the Komposer) merged in order before `values`. */
  valueFiles?: string[];
  /** Upstream: the chart's directory inside a Git repository; no effect for a chart repository. */
  path?: string;
  auth?: Auth;
  digest?: string;
}

export interface OciImport {
  ref: string;
  auth?: Auth;
  digest?: string;
}

/** The Go runtime's spelling of an OCI import. */
export interface RegistryImport {
  url: string;
  /** Upstream's default is false (a Git registry); `oci://` in the url implies true. */
  oci?: boolean;
  version?: string;
  auth?: Auth;
  /** Load the artifact's komposer.yaml instead of its katalog.yaml. */
  useKomposer?: boolean;
  /** Upstream's older Git-registry form: pattern name → ref (sha, then version, then branch; default main). */
  katalog?: Record<string, { branch?: string; version?: string; sha?: string }>;
}

export interface Imports {
  files?: FileImport[];
  helm?: HelmImport[];
  oci?: OciImport[];
  registry?: RegistryImport[];
}
