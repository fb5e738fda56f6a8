// The port every import scheme implements (file, https, helm, oci): one import in, its bytes and
// the Katalog/CRD documents it carries out, with a credential-free reference and a content digest.
// A source fetches once, verifies what it can (pins, index digests, blob digests), and throws
// OrkError with the sanitised `source` label on any failure; it never logs or returns a credential.
import type { HttpConnections } from '../net/connections.js';
import type { HelmIndexCache } from '../helm/index-cache.js';
import type { CredentialCache } from '../oci/registry-credentials.js';
import type { FetchPolicy } from '../net/policy.js';

/** A document carried by an import: a Katalog or a CRD manifest, as YAML or JSON text. */
export interface ImportedDocument {
  /** Where inside the import it came from, for error messages (`katalog.yaml`, `crds/site.yaml`). */
  path: string;
  text: string;
}

export interface FetchedImport {
  /**
   * Credential-free, content-pinned reference recorded in the bundle:
   * `file:./base/katalog.yaml`, `url:https://host/path`, `helm:https://repo/chart@1.2.3`,
   * `oci:registry/repo@sha256:…`. No userinfo, no query string, no token.
   */
  ref: string;
  /** `sha256:<hex>` of what was fetched: the file body, the chart archive, the OCI manifest. */
  digest: string;
  size: number;
  mediaType: string;
  documents: ImportedDocument[];
  /** What the caller reports as warnings about this import (e.g. read from the working directory). */
  notes?: string[];
  /** A `file:` import's real path on this machine: the files its Katalog names are read beside it. */
  localPath?: string;
}

/** What a source may use from its caller; everything else (fs, network) is the source's own. */
export interface SourceContext {
  /** Environment variables, the only place credentials come from. */
  env: Readonly<Record<string, string | undefined>>;
  /** Directory of the Komposer file that declares the import (relative paths resolve against it). */
  baseDir: string;
  /**
   * The working directory, for a relative file import the Komposer's directory does not hold
   * (upstream reads those paths from the working directory): tried second, confined to its tree.
   */
  cwd?: string;
  /**
   * How messages name baseDir: absent, "Komposer's directory"; several -f files, merged by an
   * in-memory Komposer standing in the working directory, "working directory".
   */
  baseDirName?: string;
  /** Permit file imports outside baseDir's tree (absolute paths or `..`). */
  allowOutsidePaths: boolean;
  /** Extra PEM CA certificates to trust for HTTPS, in addition to the system ones. */
  caCertificates?: string;
  /** Keep-alive connections shared by every fetch of the resolve. */
  connections?: HttpConnections;
  /** Helm repository indexes already read in this resolve. */
  helmIndexes?: HelmIndexCache;
  /** Registry credentials already read from the docker/Helm configs in this resolve. */
  registryCredentials?: CredentialCache;
  /** Aborts the fetch (overall deadline). */
  signal?: AbortSignal;
  /** How hard each HTTP fetch tries; absent: http-client's defaults (`ork validate` passes QUICK_CHECK). */
  network?: FetchPolicy;
}

export interface Source {
  /** Credential-free label used in errors and progress before the fetch completes. */
  readonly label: string;
  fetch(context: SourceContext): Promise<FetchedImport>;
}
