// `ork run`'s sample CRs: reads the crFiles the Katalog (or the Komposer and the Katalogs it imports
// by local path) names, checks every document before anything is applied, and creates them once
// the controller has established the CRDs. A sample that exists already is left as it is, so a
// restart of `ork run` never overwrites what the user changed since.
import { dirname, isAbsolute, join } from 'node:path';
import type { CrdObject } from '../../shared/bundle/index.js';
import { OrkError } from '../../shared/errors.js';
import { parseYaml } from '../../shared/katalog/index.js';
import { isKubeError, type KubeClient, type KubeObject } from '../../shared/kube/index.js';
import type { Logger } from '../../shared/log.js';
import { readTextFile } from '../../resolver/index.js';
import { localKatalogs, type KatalogSource } from './local-katalogs.js';
import { checkSampleCr, sampleFileRefs, type SampleFileRef } from './sample-crs.js';

export interface SampleCr {
  file: string;
  object: KubeObject;
}

/** Every sample CR, in declaration order; throws CR_INVALID (naming the file) before any is applied. */
export async function readSampleCrs(katalog: KatalogSource, crds: readonly CrdObject[], logger: Logger): Promise<SampleCr[]> {
  const refs = await sampleRefs(katalog);
  const samples: SampleCr[] = [];
  for (const ref of refs) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref.crFile)) {
      logger.warn('sample CR not applied: ork run reads crFiles from local paths only; apply it with kubectl', { crd: ref.entry, crFile: ref.crFile });
      continue;
    }
    const file = isAbsolute(ref.crFile) ? ref.crFile : join(dirname(ref.declaredIn), ref.crFile);
    const read = await readTextFile(file);
    if ('issue' in read) throw new OrkError('CR_INVALID', `crFiles of ${ref.entry} in ${ref.declaredIn}: ${file}: ${read.issue.message}`, { source: file });
    const { documents, issues } = parseYaml(read.text, file);
    const error = issues.find((i) => i.severity !== 'warning');
    if (error) throw new OrkError('CR_INVALID', `sample CR ${file}${error.line ? `:${error.line}:${error.col ?? 1}` : ''}: ${error.message}`, { source: file, issues: [error] });
    documents.forEach((d, i) => {
      if (d.value !== null && d.value !== undefined) samples.push({ file, object: checkSampleCr(d.value, file, i, crds) });
    });
  }
  return samples;
}

async function sampleRefs(katalog: KatalogSource): Promise<SampleFileRef[]> {
  return (await localKatalogs(katalog)).flatMap(({ document, path }) => sampleFileRefs(document, path));
}

/** Creates each sample in `namespace` unless it names its own; returns how many were created. */
export async function applySampleCrs(kube: KubeClient, samples: readonly SampleCr[], namespace: string, logger: Logger): Promise<number> {
  let created = 0;
  for (const { file, object } of samples) {
    const resource = await kube.resourceFor(object.apiVersion, object.kind);
    const body = resource.namespaced ? { ...object, metadata: { ...object.metadata, namespace: object.metadata.namespace ?? namespace } } : object;
    const fields = { file, kind: object.kind, name: object.metadata.name, ...(resource.namespaced ? { namespace: body.metadata.namespace } : {}) };
    try {
      await kube.create(body, { fieldManager: 'ork-run' });
      created++;
      logger.info('sample CR applied', fields);
    } catch (caught) {
      if (isKubeError(caught, 409)) logger.info('sample CR exists; left as it is', fields);
      else if (isKubeError(caught)) logger.error('sample CR refused by the API server; fix the file', { ...fields, reason: caught.message });
      else throw caught;
    }
  }
  return created;
}
