// The ReDoS finding end to end, through the real `ork` binary: a CR that chooses both a pattern and
// the text it is matched against must not freeze `ork template`, and a pattern that is not RE2
// (what Go's regexp, and so the upstream runtime, accepts) is refused by `ork validate` with its
// file:line:col. Runs in a child process with a timeout so that a regression fails, not hangs.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ORK = join(ROOT, 'dist/cli/main.js');

function ork(args: string[]) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [ORK, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr, ms: performance.now() - started };
}

// A Katalog whose rule and `when` take their pattern from the CR, as `ork validate` allows.
const KATALOG = `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata: {name: patterns, version: 1.0.0}
spec:
  crds:
    app:
      apiTypes: {group: example.com, version: v1, kind: App, plural: apps}
      validation:
        rules:
          - field: spec.name
            regex: "{{ .spec.namePattern }}"
            message: spec.name must match spec.namePattern
            action: warn
      operatorBox:
        onReconcile:
          configMaps:
            - data: {name: "{{ .spec.name }}"}
              when:
                - field: spec.name
                  regex: "{{ .spec.namePattern }}"
`;

describe('cli regular expressions (RE2, linear time)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ork-regex-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('ork template with a catastrophic pattern and a long CR value finishes fast', () => {
    const katalog = write('katalog.yaml', KATALOG);
    // Before RE2 this CR kept `ork template` at 100 % CPU far past the timeout.
    const name = `${'a'.repeat(50_000)}!`;
    const cr = write('evil.yaml', `apiVersion: example.com/v1\nkind: App\nmetadata: {name: evil, namespace: x}\nspec:\n  namePattern: "^(a+)+$"\n  name: "${name}"\n`);
    expect(ork(['validate', '-f', katalog]).code).to.equal(0);
    const r = ork(['template', '-f', katalog, '--cr', cr]);
    expect(r.signal, 'ork template was killed by the timeout').to.equal(null);
    expect(r.code, r.err).to.equal(0);
    expect(r.err).to.contain('warning: spec.name: spec.name must match spec.namePattern (CR x/evil)');
    expect(r.out).to.not.contain('kind: ConfigMap');
    // Backtracking on 50,000 characters would not end for hours; a loaded machine can take seconds to start ork.
    expect(r.ms).to.be.below(18_000);
  });

  it('ork template refuses a CR-chosen pattern that is not RE2, naming the rule', () => {
    const katalog = write('katalog.yaml', KATALOG);
    const cr = write('lookahead.yaml', 'apiVersion: example.com/v1\nkind: App\nmetadata: {name: la, namespace: x}\nspec:\n  namePattern: "^(?!admin)"\n  name: bob\n');
    const r = ork(['template', '-f', katalog, '--cr', cr]);
    expect(r.code).to.equal(2);
    expect(r.err).to.contain('validation.rules[0].regex: invalid RE2 regular expression "^(?!admin)": invalid or unsupported Perl syntax: `(?!`');
    expect(r.err).to.not.contain('    at ');
  });

  it('ork validate refuses a lookahead with file:line:col', () => {
    const text = KATALOG.replace('regex: "{{ .spec.namePattern }}"\n            message', 'regex: "^(?=.*[0-9])[a-z0-9]+$"\n            message');
    const katalog = write('lookahead-katalog.yaml', text);
    const r = ork(['validate', '-f', katalog]);
    expect(r.code).to.equal(2);
    expect(r.err.split('\n')[0]).to.equal(
      `${katalog}:11:20: spec.crds.app.validation.rules[0].regex: invalid RE2 regular expression "^(?=.*[0-9])[a-z0-9]+$": ` +
        'invalid or unsupported Perl syntax: `(?=`; lookahead and lookbehind are not RE2 syntax: match the text itself, or use two conditions (one with negate: true)',
    );
  });
});
