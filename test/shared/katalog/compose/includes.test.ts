// profiles.include, the pure half: the site in a Katalog and a Motif, the fragment's shape (a
// mapping profiles: of classes, each a list; no nested include) and the merge — each class of the
// fragment before the document's own entries of that class, with their origins.
import { expect } from 'chai';
import { applyInclude, fragmentProblem, includeSites } from '../../../../shared/katalog/compose/includes.js';

const locate = () => ({ line: 1, col: 1 });
const where = { within: 'k.yaml', self: { file: 'k.yaml', locate }, fragment: { file: 'p.yaml', locate } };

describe('katalog/compose: profiles.include', () => {
  it('finds profiles.include in a Katalog and in a Motif', () => {
    expect(includeSites({ kind: 'Katalog', profiles: { include: './p.yaml' } })).to.deep.equal([{ at: ['profiles'], ref: './p.yaml', root: 'profiles' }]);
    expect(includeSites({ kind: 'Motif', profiles: { include: 'x.yaml', resources: [] } }).map((s) => s.root)).to.deep.equal(['profiles']);
  });

  const shapes: [string, unknown, string | undefined][] = [
    ['classes of lists', { profiles: { resources: [{ name: 'a' }], podSecurity: [] } }, undefined],
    ['a list instead of classes', { profiles: [{ name: 'a' }] }, 'profiles: must be a mapping of profile classes (resources:, probes:, …), each a list'],
    ['a class that is not a list', { profiles: { hpa: { name: 'x' } } }, 'profiles.hpa: must be a list'],
    ['a nested include', { profiles: { include: './more.yaml' } }, 'an included file cannot include another (nested includes are not supported); move its entries into this file'],
    ['another root key', { profiles: {}, notes: {} }, 'unexpected key "notes": this include is read for profiles: only'],
  ];
  for (const [name, value, want] of shapes) it(`fragment with ${name}`, () => expect(fragmentProblem(value, 'profiles')).to.equal(want));

  it('puts each class of the fragment before the inline entries of that class, and drops the include', () => {
    const doc = { kind: 'Katalog', profiles: { include: './p.yaml', resources: [{ name: 'inline' }], hpa: [{ name: 'mine' }] } };
    const [site] = includeSites(doc);
    const origins = applyInclude(doc, site!, { profiles: { resources: [{ name: 'shared' }], rollingUpdate: [{ name: 'careful' }] } }, where);
    expect(doc.profiles).to.deep.equal({ resources: [{ name: 'shared' }, { name: 'inline' }], hpa: [{ name: 'mine' }], rollingUpdate: [{ name: 'careful' }] });
    expect(origins.map((o) => `${o.file} ${o.at.join('.')} ${o.from}+${o.count} from ${o.sourceAt.join('.')}`)).to.deep.equal([
      'p.yaml profiles.resources 0+1 from profiles.resources',
      'k.yaml profiles.resources 1+1 from profiles.resources',
      'p.yaml profiles.rollingUpdate 0+1 from profiles.rollingUpdate',
      'k.yaml profiles.rollingUpdate 1+0 from profiles.rollingUpdate',
    ]);
  });
});
