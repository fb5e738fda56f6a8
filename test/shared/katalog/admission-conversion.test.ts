// admission.conversion (upstream's usage FAQ) loads as the entry's conversion with one warning at
// the place written; given beside an entry-level conversion it is refused there.
import { expect } from 'chai';
import { parseKatalog } from '../../../shared/katalog/index.js';

const katalog = (extra: string) => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: sched}
spec:
  crds:
    job:
      apiTypes: {group: s.example.org, version: v1, kind: Sched, plural: scheds}
${extra}      admission:
        validation:
          rules:
            - {field: spec.schedule, operator: exists, message: needs a schedule}
        conversion:
          storageVersion: v1
          paths:
            - {from: v1, to: v2, spec: {schedule: "{{ .spec.schedule }}"}}
`;

describe('shared/katalog admission.conversion', () => {
  it('is read as the entry\'s conversion, with one warning at the key', () => {
    const parsed = parseKatalog(katalog(''), 'k.yaml');
    expect(parsed.issues.map((i) => [i.severity, i.line, i.col, i.path])).to.deep.equal([['warning', 12, 9, 'spec.crds.job.admission.conversion']]);
    const entry = parsed.document!.spec.crds.job as unknown as Record<string, any>;
    expect(entry.conversion).to.deep.equal({ storageVersion: 'v1', paths: [{ from: 'v1', to: 'v2', spec: { schedule: '{{ .spec.schedule }}' } }] });
    expect(entry.validation.rules).to.have.length(1);
  });

  it('given beside an entry-level conversion, is refused at admission.conversion', () => {
    const parsed = parseKatalog(katalog('      conversion: {storageVersion: v1}\n'), 'k.yaml');
    expect(parsed.document).to.equal(undefined);
    expect(parsed.issues.map((i) => [i.line, i.path, i.message])).to.deep.equal([[13, 'spec.crds.job.admission.conversion', 'unknown key (allowed: validation, mutation)']]);
  });

  it('leaves an admission block without conversion as it was', () => {
    const parsed = parseKatalog(katalog('').replace(/ {8}conversion:[\s\S]*$/, ''), 'k.yaml');
    expect(parsed.issues).to.deep.equal([]);
    expect((parsed.document!.spec.crds.job as unknown as Record<string, unknown>).conversion).to.equal(undefined);
  });
});
