// What `GET /bundle` may say about the running bundle: an allow-list copied field by field, so
// nothing added to the payload later (templates, env names, CRD schemas) can leak through it.
// Pure. Import refs are credential-free by construction; they are re-checked here all the same.
import { importRefProblem, type BundlePayload } from '../../shared/bundle/payload.js';

export interface BundleImportSummary {
  ref: string;
  digest: string;
  size: number;
  mediaType: string;
}

export interface BundleSummary {
  digest: string;
  keyid?: string;
  resolver: { name: string; version: string };
  /** The merged Katalog's metadata.name. */
  katalog: string;
  /** CustomResourceDefinition names, in bundle order. */
  crds: string[];
  imports: BundleImportSummary[];
}

/** Shown instead of a ref that fails the payload's own credential-free rule (never the ref itself). */
export const REDACTED_REF = '<redacted: not a credential-free reference>';

export function bundleSummary(payload: BundlePayload, digest: string, keyid?: string): BundleSummary {
  return {
    digest: String(digest),
    ...(keyid ? { keyid: String(keyid) } : {}),
    resolver: { name: String(payload.resolver.name), version: String(payload.resolver.version) },
    katalog: String(payload.katalog.metadata.name),
    crds: payload.crds.map((crd) => String(crd.metadata.name)),
    imports: payload.imports.map((imp) => ({
      ref: typeof imp.ref === 'string' && importRefProblem(imp.ref) === undefined ? imp.ref : REDACTED_REF,
      digest: String(imp.digest),
      size: Number(imp.size),
      mediaType: String(imp.mediaType),
    })),
  };
}
