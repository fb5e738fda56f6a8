import { expect } from 'chai';
import { formatIssue } from '../../../shared/errors.js';
import { lifecycleIssues, lifecycleState, readKomposerPolicy, type ImportedPattern } from '../../../shared/komposer/lifecycle-policy.js';

const today = new Date('2026-12-04T12:00:00Z');
const pattern = (name: string, lifecycle: unknown, extra: Partial<ImportedPattern> = {}): ImportedPattern => ({ source: `file:./${name}.yaml`, name, lifecycle, ...extra });

function check(doc: { policy?: unknown; lifecycle?: unknown }, patterns: ImportedPattern[]): string[] {
  const { policy, issues } = readKomposerPolicy(doc, 'komposer.yaml');
  return [...issues, ...lifecycleIssues(policy, patterns, 'komposer.yaml', today)].map(formatIssue);
}

const floor = (minMaturity: string, accept?: unknown[]) => ({ policy: { lifecycle: { minMaturity } }, ...(accept ? { lifecycle: { accept: { patterns: accept } } } : {}) });

describe('shared/komposer/lifecycle-policy', () => {
  describe('the floor (policy.lifecycle.minMaturity)', () => {
    const cases: [string, string, boolean][] = [
      ['beta', 'alpha', true],
      ['beta', 'beta', false],
      ['beta', 'stable', false],
      ['stable', 'beta', true],
      ['alpha', 'alpha', false],
    ];
    for (const [min, maturity, refused] of cases) {
      it(`${maturity} under a ${min} floor is ${refused ? 'refused' : 'let through'}`, () => {
        const lines = check(floor(min), [pattern('cache', { maturity })]);
        const errors = lines.filter((l) => !l.startsWith('warning:'));
        if (refused) expect(errors).to.deep.equal([`komposer.yaml: policy.lifecycle.minMaturity: cache (file:./cache.yaml) is ${maturity}, below the floor ${min}: import a ${min} version, or acknowledge it under lifecycle.accept.patterns (- name: cache)`]);
        else expect(errors).to.deep.equal([]);
      });
    }

    it('an import that declares no maturity passes any floor (upstream: absent maturity is no signal)', () => {
      expect(check(floor('stable'), [pattern('cache', undefined), pattern('queue', { compatibility: { kubernetes: '>=1.28' } })])).to.deep.equal([]);
    });

    it('refuses a floor that is not alpha, beta or stable, naming the key', () => {
      expect(check(floor('deprecated'), [])).to.deep.equal([
        'komposer.yaml: policy.lifecycle.minMaturity: "deprecated" is not a floor: give alpha, beta or stable (a deprecated import always needs lifecycle.accept.patterns)',
      ]);
      expect(check(floor('production'), [])[0]).to.contain('"production" is not a floor');
    });

    it('an accepted import passes the floor (an acceptance covers every lifecycle concern of that import)', () => {
      expect(check(floor('stable', [{ name: 'cache' }]), [pattern('cache', { maturity: 'alpha' })])).to.deep.equal([]);
    });

    it('an unknown maturity in an import is refused, naming the import', () => {
      expect(check({}, [pattern('cache', { maturity: 'gold' })])).to.deep.equal([
        'komposer.yaml: imports: cache (file:./cache.yaml): lifecycle.maturity "gold" is not one of alpha, beta, stable, deprecated; fix the imported Katalog',
      ]);
    });
  });

  describe('deprecated imports', () => {
    const deprecation = { message: 'v1 is retired; add spec.healthPath', migratedTo: 'ghcr.io/org/webapp@v2.0.0', timeline: { from: '2025-01-01', to: '2026-06-01' } };

    it('are refused without a floor, with the message, the end of life and where to migrate', () => {
      expect(check({}, [pattern('webapp', { deprecation }, { version: '1.0.0' })])).to.deep.equal([
        'komposer.yaml: imports: webapp 1.0.0 (file:./webapp.yaml) is deprecated, end of life since 2026-06-01 (v1 is retired; add spec.healthPath): import ghcr.io/org/webapp@v2.0.0 instead, or acknowledge it under lifecycle.accept.patterns (- name: webapp)',
      ]);
    });

    it('maturity: deprecated alone is deprecated too', () => {
      expect(check({}, [pattern('webapp', { maturity: 'deprecated' })])[0]).to.contain('webapp (file:./webapp.yaml) is deprecated: import a version that is not deprecated');
    });

    it('a deprecation announced for a later date is not in force yet', () => {
      expect(check({}, [pattern('webapp', { deprecation: { message: 'soon', timeline: { from: '2027-01-01' } } })])).to.deep.equal([]);
      expect(lifecycleState({ deprecation: { message: 'soon', timeline: { from: '2027-01-01' } } }, today)).to.deep.equal({});
    });

    it('are let through when named in lifecycle.accept.patterns (name, author, version range)', () => {
      const imports = [pattern('webapp', { deprecation }, { author: 'myorg', version: '1.0.0' })];
      expect(check({ lifecycle: { accept: { patterns: [{ name: 'webapp' }] } } }, imports)).to.deep.equal([]);
      expect(check({ lifecycle: { accept: { patterns: [{ name: 'webapp', author: 'myorg', version: '>=1.0.0, <2.0.0' }] } } }, imports)).to.deep.equal([]);
    });

    it('an acceptance by another author, or for other versions, does not count', () => {
      const imports = [pattern('webapp', { deprecation }, { author: 'myorg', version: '1.0.0' })];
      expect(check({ lifecycle: { accept: { patterns: [{ name: 'webapp', author: 'other' }] } } }, imports)[0]).to.contain('webapp 1.0.0 (file:./webapp.yaml) is deprecated');
      const stale = check({ lifecycle: { accept: { patterns: [{ name: 'webapp', version: '^2.0.0' }] } } }, imports);
      expect(stale).to.have.length(2);
      expect(stale[0]).to.equal(
        'warning: komposer.yaml: lifecycle.accept.patterns: webapp 1.0.0 (file:./webapp.yaml): the acceptance of webapp is for versions ^2.0.0, which this version is not; review it and widen or remove the range',
      );
      expect(stale[1]).to.contain('is deprecated');
    });

    it("refuses an acceptance item key that upstream's KomposerAcceptEntry does not have, naming the allowed ones", () => {
      expect(check({ lifecycle: { accept: { patterns: [{ name: 'webapp', versions: '>=1.0.0' }] } } }, [])).to.deep.equal([
        'komposer.yaml: lifecycle.accept.patterns[0].versions: unknown key (allowed: name, author, version)',
      ]);
    });

    it('refuses an acceptance whose version is not a semver range', () => {
      expect(check({ lifecycle: { accept: { patterns: [{ name: 'webapp', version: '!!!' }] } } }, [])).to.deep.equal([
        'komposer.yaml: lifecycle.accept.patterns[0].version: "!!!" is not a semver range (e.g. ">=1.0.0, <2.0.0")',
      ]);
    });
  });

  describe('notices', () => {
    it('an unacknowledged alpha or beta import under no floor is a warning, an acknowledged one nothing', () => {
      expect(check({}, [pattern('cache', { maturity: 'alpha' }), pattern('queue', { maturity: 'beta' }), pattern('db', { maturity: 'stable' })])).to.deep.equal([
        'warning: komposer.yaml: imports: cache (file:./cache.yaml) is alpha (experimental, breaking changes expected); acknowledge it under lifecycle.accept.patterns (- name: cache) to silence this',
        'warning: komposer.yaml: imports: queue (file:./queue.yaml) is beta (stabilising, the API may still change); acknowledge it under lifecycle.accept.patterns (- name: queue) to silence this',
      ]);
      expect(check({ lifecycle: { accept: { patterns: [{ name: 'cache' }] } } }, [pattern('cache', { maturity: 'alpha' })])).to.deep.equal([]);
    });
  });
});
