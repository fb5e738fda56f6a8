// Keys and values that need compiled Go code are refused with one line that says so and what to do
// instead; a genuinely unknown key is still an error with "did you mean".
import { expect } from 'chai';
import { parseKatalog } from '../../../shared/katalog/index.js';

const katalog = (entry: string, top = '') => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: mill
${top}spec:
  crds:
    grain:
      apiTypes: {group: mill.example.org, version: v1, kind: Grain, plural: grains}
${entry}`;

const lines = (text: string) => parseKatalog(text, 'k.yaml').issues.filter((i) => i.severity !== 'warning').map((i) => `${i.line}:${i.col}: ${i.path}: ${i.message}`);

describe('shared/katalog keys that need compiled Go code', () => {
  const cases: Array<[string, string, string]> = [
    ['typed apiTypes.location', katalog('').replace('plural: grains}', 'plural: grains, location: example.com/api/v1}'),
      '8:85: spec.crds.grain.apiTypes.location: not supported: location needs compiled Go code, which this runtime cannot load; remove it: this runtime reconciles the CRD as unstructured objects'],
    ['apiTypes.typeName', katalog('').replace('plural: grains}', 'plural: grains, typeName: Grain}'),
      '8:85: spec.crds.grain.apiTypes.typeName: not supported: typeName needs compiled Go code'],
    ['apiTypes.object (upstream\'s typed examples)', katalog('').replace('plural: grains}', 'plural: grains, object: Grain}'),
      '8:85: spec.crds.grain.apiTypes.object: not supported: object needs compiled Go code'],
    ['apiTypes.alias', katalog('').replace('plural: grains}', 'plural: grains, alias: grainv1}'),
      '8:85: spec.crds.grain.apiTypes.alias: not supported: alias needs compiled Go code'],
    ['operatorBox.default: false', katalog('      operatorBox:\n        default: false\n'),
      '10:18: spec.crds.grain.operatorBox.default: not supported: default: false needs a Go constructor'],
    ['operatorBox.constructor (entry-level reconciler: read as operatorBox)', katalog('      reconciler:\n        constructor: {location: example.com/r, function: New}\n'),
      '10:9: spec.crds.grain.operatorBox.constructor: not supported: constructor needs compiled Go code'],
    ['reconciler.hooks', katalog('      operatorBox:\n        reconciler:\n          hooks: {location: example.com/hooks, function: GrainHooks}\n'),
      '11:11: spec.crds.grain.operatorBox.reconciler.hooks: not supported: hooks needs compiled Go code, which this runtime cannot load; express the logic declaratively'],
    ['reconcile.constructor (current layout)', katalog('      operatorBox:\n        reconcile:\n          constructor: {location: example.com/r, function: New}\n'),
      '11:11: spec.crds.grain.operatorBox.reconcile.constructor: not supported: constructor needs compiled Go code'],
    ['operatorBox.providers', katalog('      operatorBox:\n        providers: {aws: []}\n'),
      '10:9: spec.crds.grain.operatorBox.providers: not supported: providers needs compiled Go code, which this runtime cannot load; provider plugins are Go libraries'],
    ['top-level providers', katalog('', 'providers:\n  - {name: aws, required: true}\n'),
      '5:1: providers: not supported: providers needs compiled Go code'],
    ['mode: typed', katalog('      mode: typed\n'),
      '9:13: spec.crds.grain.mode: not supported: mode typed needs compiled Go types, which this runtime cannot load; remove mode'],
    ['default: false', katalog('      operatorBox:\n        reconcile:\n          default: false\n'),
      '11:20: spec.crds.grain.operatorBox.reconcile.default: not supported: default: false needs a Go constructor'],
  ];
  for (const [name, text, expected] of cases) {
    it(`refuses ${name} with one line`, () => {
      const found = lines(text);
      expect(found, found.join('\n')).to.have.length(1);
      expect(found[0]!.startsWith(expected), `${found[0]}\ndoes not start with\n${expected}`).to.equal(true);
    });
  }

  it('accepts mode: dynamic, default: true and informational apiTypes keys', () => {
    const text = katalog('      mode: dynamic\n      operatorBox:\n        reconciler: {default: true}\n').replace('plural: grains}', 'plural: grains, singular: grain, shortNames: [gr]}');
    expect(lines(text)).to.deep.equal([]);
  });
});

describe('shared/katalog unknown keys', () => {
  const cases: Array<[string, string, string]> = [
    ['a misspelt entry key', katalog('      crFilez: [./a.yaml]\n'), '9:7: spec.crds.grain.crFilez: unknown key (did you mean "crFiles"?)'],
    ['a misspelt current-layout key', katalog('      operatorBox:\n        reconcil:\n          workers: 2\n'), '10:9: spec.crds.grain.operatorBox.reconcil: unknown key (did you mean "reconcile"?)'],
    ['a misspelt metadata key', katalog('').replace('  name: mill\n', '  name: mill\n  autor: Ada\n'), '5:3: metadata.autor: unknown key (did you mean "author"?)'],
    ['a misspelt emit key', katalog('      operatorBox:\n        emit:\n          statu: {}\n'), '11:11: spec.crds.grain.operatorBox.emit.statu: unknown key (did you mean "status"?)'],
  ];
  for (const [name, text, expected] of cases) {
    it(`refuses ${name}, suggesting the key`, () => {
      expect(lines(text)).to.deep.equal([expected]);
    });
  }
});
