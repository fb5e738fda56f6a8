// The Git forms of a `registry:` import (upstream's default when oci is not true): a pattern at the
// root of a repository at a ref (`url: https://host/org/repo@v1.0.0`, or url + version; default
// main) whose katalog.yaml is taken, and upstream's older protocol `katalog: {<name>: {branch |
// version | sha}}` which takes registry/katalogs/<name>/katalog.yaml at that ref (sha, then
// version, then branch, then main). Each is one shallow fetch with the git CLI (git/git-repo.ts);
// the Katalog and the CRD files it names beside it are read from that one commit, which the
// bundle records: `url:<repo>@<commit sha>/<path>` with the sha256 of the Katalog file.
import { posix } from 'node:path';
import { OrkError } from '../../shared/errors.js';
import type { RegistryImport } from '../../shared/katalog/types.js';
import { decodeUtf8, sha256Digest } from '../content.js';
import { crdFilesNamed } from '../crd-files-named.js';
import { fetchGitCommit } from '../git/git-repo.js';
import { sanitizeUrl } from '../net/sanitize.js';
import type { FetchedImport, ImportedDocument, Source, SourceContext } from './source.js';

export interface GitRegistryOptions {
  allowLoopback?: boolean;
}

type RegistryRef = { branch?: string; version?: string; sha?: string };

/** One source per Katalog the import names: the pattern's katalog.yaml, or each `katalog:` entry's file. */
export function gitRegistrySources(spec: RegistryImport, options: GitRegistryOptions = {}): { source: Source; at: string }[] {
  const url = typeof spec.url === 'string' ? spec.url.trim() : '';
  const names = spec.katalog && typeof spec.katalog === 'object' ? Object.entries(spec.katalog) : [];
  if (names.length > 0) {
    return names.map(([name, ref]) => ({
      at: `katalog.${name}`,
      source: gitFileSource(url, refOf(ref as RegistryRef), posix.join('registry/katalogs', name, 'katalog.yaml'), spec, options),
    }));
  }
  const at = url.lastIndexOf('@');
  const [repo, ref] = at > url.indexOf('://') + 2 && at > url.lastIndexOf('/') ? [url.slice(0, at), url.slice(at + 1)] : [url, spec.version || 'main'];
  return [{ at: '', source: gitFileSource(repo, ref, 'katalog.yaml', spec, options) }];
}

function refOf(ref: RegistryRef | undefined): string {
  return ref?.sha || ref?.version || ref?.branch || 'main';
}

function gitFileSource(repo: string, ref: string, path: string, spec: RegistryImport, options: GitRegistryOptions): Source {
  const label = `git:${sanitizeUrl(repo)}@${ref}/${path}`;
  return {
    label,
    fetch: async (context: SourceContext): Promise<FetchedImport> => {
      if (spec.useKomposer === true) {
        throw new OrkError('IMPORT_INVALID', 'useKomposer is resolved for OCI artifacts only; push the pattern with oras (oci: true), or import its Katalogs from the repository directly', { source: label });
      }
      const git = await fetchGitCommit({
        url: repo,
        ref,
        env: context.env,
        allowLoopback: options.allowLoopback ?? false,
        label,
        ...(spec.auth ? { auth: spec.auth } : {}),
        ...(context.signal ? { signal: context.signal } : {}),
        ...(context.caCertificates ? { caCertificates: context.caCertificates } : {}),
      });
      try {
        const bytes = await git.read(path);
        if (!bytes) throw new OrkError('IMPORT_NOT_FOUND', `commit ${git.commit.slice(0, 12)} (${ref}) has no ${path}; check the name and the ref`, { source: label });
        const text = decodeUtf8(bytes, label);
        const documents: ImportedDocument[] = [{ path, text }];
        for (const crdFile of crdFilesNamed(text)) {
          const beside = posix.normalize(posix.join(posix.dirname(path), crdFile));
          if (beside.startsWith('..') || /^[a-z]+:\/\//i.test(crdFile)) continue; // the assembler reports it missing
          const crd = await git.read(beside);
          if (crd) documents.push({ path: beside, text: decodeUtf8(crd, `${label} (${beside})`) });
        }
        return { ref: `url:${sanitizeUrl(repo)}@${git.commit}/${path}`, digest: sha256Digest(bytes), size: bytes.length, mediaType: 'application/yaml', documents };
      } finally {
        await git.close();
      }
    },
  };
}
