// Naming the resolver's issues after the -f files (pure): import labels, merge-level issues by their
// sources, the in-memory Komposer's imports.files[i], and what names nothing listed.
import { expect } from 'chai';
import { issueNamer } from '../../cli/several-files-issues.js';

const text = 'apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: b}\nspec:\n  crds:\n    moon:\n      apiTypes: {group: g.example.org, version: v1, kind: Moon, plural: moons}\n';

describe('cli/several-files-issues', () => {
  const name = issueNamer({
    list: 'a.yaml,../up/b.yaml',
    komposerPath: '/w/<files>',
    cwd: '/w',
    files: [
      { file: 'a.yaml', importPath: 'a.yaml' },
      { file: '/up/b.yaml', importPath: '../up/b.yaml', text },
    ],
  });

  it('names a listed file by how the user wrote it, in the file and in the message', () => {
    expect(name({ file: 'file:../up/b.yaml', path: 'spec', line: 3, col: 1, message: "also in file:./a.yaml; see file:line" })).to.deep.equal({ file: '/up/b.yaml', path: 'spec', line: 3, col: 1, message: 'also in a.yaml; see file:line' });
  });

  it('puts a merge-level issue at its first listed source, at the entry written there', () => {
    const cycle = name({ path: 'spec.crds.moon.dependsOn', message: 'cycle: moon (file:../up/b.yaml) → sun (file:./a.yaml)', sources: ['file:../up/b.yaml', 'file:./a.yaml'] });
    expect(cycle).to.deep.equal({ file: '/up/b.yaml', line: 6, col: 5, path: 'spec.crds.moon.dependsOn', message: 'cycle: moon (/up/b.yaml) → sun (a.yaml)' });
    // An entry the file does not write (an include added it): the file, no line.
    expect(name({ path: 'spec.crds.sun', message: 'x', sources: ['file:./a.yaml'] })).to.deep.equal({ file: 'a.yaml', path: 'spec.crds.sun', message: 'x' });
    // No listed source: the first local one, from the working directory; none: as it was.
    expect(name({ path: 'crds.x', message: 'y', sources: ['url:https://h/k.yaml', 'file:./lib/k.yaml'] })).to.deep.equal({ file: 'lib/k.yaml', path: 'crds.x', message: 'y' });
    expect(name({ path: 'crds.x', message: 'y', sources: ['helm:https://h/c@1'] })).to.deep.equal({ path: 'crds.x', message: 'y' });
  });

  it("names the in-memory Komposer's imports.files[i] after the i-th file, its path not repeated", () => {
    expect(name({ file: '/w/<files>', path: 'imports.files[1]', message: '../up/b.yaml lies outside the working directory', severity: 'warning' })).to.deep.equal({ file: '/up/b.yaml', path: '', message: 'lies outside the working directory', severity: 'warning' });
    expect(name({ file: 'a.yaml,../up/b.yaml', path: 'imports.files[7]', message: 'z' })).to.deep.equal({ file: 'a.yaml,../up/b.yaml', path: 'imports.files[7]', message: 'z' });
  });

  it('names another local label from the working directory, its fragment kept, and leaves the rest', () => {
    expect(name({ file: 'file:./lib/k.yaml#crd.yaml', path: '', message: 'm' }).file).to.equal('lib/k.yaml#crd.yaml');
    expect(name({ file: 'oci:r/k@sha256:ab', path: '', message: 'm' }).file).to.equal('oci:r/k@sha256:ab');
  });
});
