// The files a Komposer names itself that live elsewhere: crdFiles given by URL and Motifs imported
// by OCI reference. Both shape the bundle, so each fetch is recorded among its imports. For
// `ork validate` (tolerateUnfetched) one that cannot be reached (host down, DNS, timeout,
// 401/403/404) is handed back as unfetched: the loader turns it into one warning naming the source
// and what was left unchecked. Every other command fails on it, as on any import.
import { UnfetchedCrdFile } from '../shared/katalog/index.js';
import { fetchAll, type FetchAllOptions } from './fetch-all.js';
import type { RemoteCrdReader } from './katalog-files.js';
import type { OciMotifReader } from './compose/compose.js';
import { plainUrlSource, type SourceOptions } from './sources/select.js';
import { ociSource } from './sources/oci.js';
import type { FetchedImport, Source, SourceContext } from './sources/source.js';
import { unfetchedReason } from './unfetched.js';

export interface OwnRemote {
  readRemote: RemoteCrdReader;
  readOci: OciMotifReader;
  /** What was fetched, in the order it was, for the bundle's imports. */
  fetched: { source: Source; fetched: FetchedImport }[];
}

export function ownRemoteReaders(options: SourceOptions, context: SourceContext, fetchOptions: FetchAllOptions, tolerateUnfetched: boolean): OwnRemote {
  const fetched: OwnRemote['fetched'] = [];
  /** The source's one result, or why it could not be fetched (validate only); other failures throw. */
  const fetchOne = async (source: Source): Promise<FetchedImport | { unfetched: string }> => {
    try {
      const [result] = await fetchAll([source], context, fetchOptions);
      fetched.push({ source, fetched: result! });
      return result!;
    } catch (e) {
      const reason = tolerateUnfetched ? unfetchedReason(e) : undefined;
      if (reason === undefined) throw e;
      return { unfetched: reason };
    }
  };
  const readRemote: RemoteCrdReader = async (url) => {
    const source = plainUrlSource(url, options);
    const result = await fetchOne(source);
    if ('unfetched' in result) return new UnfetchedCrdFile(source.label, result.unfetched);
    return { file: source.label, text: result.documents[0]?.text ?? '' };
  };
  // An OCI Motif is fetched like an `oci:` import; its motif.yaml is the Motif.
  const readOci: OciMotifReader = async (ref) => {
    const source = ociSource({ ref }, options.dockerConfig ? { dockerConfig: options.dockerConfig } : {});
    const result = await fetchOne(source);
    if ('unfetched' in result) return { unfetched: result.unfetched, label: source.label };
    const motif = result.documents.find((d) => /(^|\/)motif\.(ya?ml|json)$/i.test(d.path)) ?? result.documents[0];
    return { file: `${source.label}/${motif?.path ?? 'motif.yaml'}`, text: motif?.text ?? '' };
  };
  return { readRemote, readOci, fetched };
}
