import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from '../../cli/dispatch.js';
import { captureIO } from '../support/io.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const F = 'test/fixtures/crd-diff';
const OLD = `${F}/widgets-v1alpha1.yaml`;

async function crdDiff(...args: string[]) {
  const io = captureIO({ cwd: ROOT });
  const code = await runCommand(['crd-diff', ...args], io);
  return { code, out: io.out, err: io.err };
}

describe('cli ork crd-diff', () => {
  it('exits 0 and prints safe changes and the summary', async () => {
    const { code, out, err } = await crdDiff(OLD, `${F}/widgets-safe.yaml`);
    expect(err).to.equal('');
    expect(out.split('\n')).to.deep.equal([
      'safe      v1alpha1:spec.colour:property-added  spec.colour in v1alpha1 is a new optional property.',
      'safe      v1alpha1:spec.mode:enum-widened  spec.mode in v1alpha1 now also accepts "turbo".',
      'safe      v1alpha1:spec.size:description-changed  The description of spec.size in v1alpha1 changed.',
      'safe      v1alpha1:spec.size:maximum-raised  spec.size in v1alpha1: maximum is raised from 10 to 20, which accepts more values.',
      'widgets.example.com: 0 breaking, 0 warnings, 4 safe',
      '',
    ]);
    expect(code).to.equal(0);
  });

  it('exits 6 with breaking changes first, and says how to acknowledge them (JSON input)', async () => {
    const { code, out, err } = await crdDiff(OLD, `${F}/widgets-breaking.json`);
    expect(out.split('\n')).to.deep.equal([
      'BREAKING  v1alpha1:spec.mode:enum-narrowed  spec.mode in v1alpha1 no longer accepts "slow": objects and clients that use it fail validation.',
      'BREAKING  v1alpha1:spec.size:type-changed  spec.size in v1alpha1 changes type from integer to string: stored objects and clients that send the old type no longer validate.',
      'warning   v1alpha1:additionalPrinterColumns.Size:printer-column-removed  The column "Size" is no longer printed by kubectl get for v1alpha1: scripts that read it break.',
      'widgets.example.com: 2 breaking, 1 warning, 0 safe',
      '',
    ]);
    expect(err).to.equal('ork crd-diff: 2 breaking change(s); to ship them anyway, list their ids under spec.crds.<name>.allowBreakingChanges in the Komposer\n');
    expect(code).to.equal(6);
  });

  it('exits 0 with "no changes" for the same CRD', async () => {
    const { code, out } = await crdDiff(OLD, OLD);
    expect(out).to.equal('widgets.example.com: no changes\n');
    expect(code).to.equal(0);
  });

  it('--json prints counts and the changes, and keeps the exit status', async () => {
    const { code, out, err } = await crdDiff('--json', OLD, `${F}/widgets-breaking.json`);
    expect(err).to.equal('');
    expect(code).to.equal(6);
    const report = JSON.parse(out);
    expect(Object.keys(report)).to.deep.equal(['breaking', 'warnings', 'safe', 'changes']);
    expect(report).to.deep.include({ breaking: 2, warnings: 1, safe: 0 });
    expect(report.changes[1]).to.deep.equal({
      id: 'v1alpha1:spec.size:type-changed',
      severity: 'breaking',
      version: 'v1alpha1',
      path: 'spec.size',
      kind: 'type-changed',
      message: 'spec.size in v1alpha1 changes type from integer to string: stored objects and clients that send the old type no longer validate.',
    });
    expect(report.changes.map((c: { severity: string }) => c.severity)).to.deep.equal(['breaking', 'breaking', 'warning']);
  });

  it('--json with nothing breaking exits 0', async () => {
    const { code, out } = await crdDiff(OLD, `${F}/widgets-safe.yaml`, '--json');
    expect(code).to.equal(0);
    expect(JSON.parse(out)).to.deep.include({ breaking: 0, warnings: 0, safe: 4 });
  });

  it('reads the stored versions from the old file: removing a stored, unserved version is breaking', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ork-crd-diff-'));
    try {
      const crd = (versions: string, status = '') => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, kind: Widget}
  versions:
${versions}
${status}`;
      const v = (name: string, served: boolean, storage: boolean) => `  - {name: ${name}, served: ${served}, storage: ${storage}, schema: {openAPIV3Schema: {type: object}}}`;
      writeFileSync(join(dir, 'old.yaml'), crd(`${v('v1alpha1', false, false)}\n${v('v1', true, true)}`, 'status: {storedVersions: [v1alpha1, v1]}\n'));
      writeFileSync(join(dir, 'old-migrated.yaml'), crd(`${v('v1alpha1', false, false)}\n${v('v1', true, true)}`, 'status: {storedVersions: [v1]}\n'));
      writeFileSync(join(dir, 'new.yaml'), crd(v('v1', true, true)));
      const stored = await crdDiff(join(dir, 'old.yaml'), join(dir, 'new.yaml'));
      expect(stored.out).to.match(/^BREAKING {2}v1alpha1::version-removed {2}Version v1alpha1 is removed: the API server refuses the update: objects may still be stored as v1alpha1/);
      // It names the step the removal waits for (v1 is already the storage version: steps 2–3).
      expect(stored.out).to.contain('waits for steps 2–3 of the storage-version migration');
      expect(stored.code).to.equal(6);
      const migrated = await crdDiff(join(dir, 'old-migrated.yaml'), join(dir, 'new.yaml'));
      expect(migrated.out).to.match(/^safe {6}v1alpha1::version-removed {2}/);
      expect(migrated.code).to.equal(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const invalid: Array<[string, string[], string]> = [
    ['a missing file', [OLD, `${F}/missing.yaml`], `${F}/missing.yaml: cannot read the file: no such file\nork crd-diff: FILE_UNREADABLE\n`],
    ['broken YAML', [`${F}/broken.yaml`, OLD], `${F}/broken.yaml:3:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]\nork crd-diff: YAML_SYNTAX\n`],
    [
      'not a CRD',
      [OLD, `${F}/not-a-crd.yaml`],
      `${F}/not-a-crd.yaml:1:13: apiVersion: must be "apiextensions.k8s.io/v1" (got "apps/v1"); convert older CRDs to v1\n${F}/not-a-crd.yaml:2:7: kind: must be "CustomResourceDefinition" (got "Deployment")\nork crd-diff: CRD_INVALID\n`,
    ],
    [
      'a v1beta1 CRD',
      [`${F}/widgets-v1beta1.yaml`, OLD],
      `${F}/widgets-v1beta1.yaml:1:13: apiVersion: must be "apiextensions.k8s.io/v1" (got "apiextensions.k8s.io/v1beta1"); convert older CRDs to v1\nork crd-diff: CRD_INVALID\n`,
    ],
    ['two documents in one file', [OLD, `${F}/two-documents.yaml`], `${F}/two-documents.yaml:1:1: expected one CustomResourceDefinition per file, found 2 documents\nork crd-diff: CRD_INVALID\n`],
    [
      'two different CRDs',
      [OLD, `${F}/gadgets.yaml`],
      `${OLD} defines the CRD widgets.example.com but ${F}/gadgets.yaml defines gadgets.example.com: give two revisions of the same CRD\nork crd-diff: CRD_INVALID\n`,
    ],
    ['one file only', [OLD], "give two CRD files, OLD and NEW (got 1); see 'ork crd-diff --help'\nork crd-diff: USAGE\n"],
  ];
  for (const [name, args, err] of invalid) {
    it(`exits 2 on ${name}`, async () => {
      const result = await crdDiff(...args);
      expect(result.err).to.equal(err);
      expect(result.out).to.equal('');
      expect(result.code).to.equal(2);
    });
  }

  it('exits 2 on an unknown flag, naming it', async () => {
    const result = await crdDiff(OLD, OLD, '--yaml');
    expect(result.err).to.contain("Unknown option '--yaml'").and.to.contain("(see 'ork crd-diff --help')\nork crd-diff: USAGE\n");
    expect(result.code).to.equal(2);
  });

  it('exits 2 on an empty file and on a binary one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ork-crd-diff-'));
    try {
      writeFileSync(join(dir, 'empty.yaml'), '');
      writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe]));
      const empty = await crdDiff(OLD, join(dir, 'empty.yaml'));
      expect(empty.err).to.contain('the file is empty; expected one CustomResourceDefinition');
      expect(empty.code).to.equal(2);
      const binary = await crdDiff(join(dir, 'binary.yaml'), OLD);
      expect(binary.err).to.contain('not a UTF-8 text file');
      expect(binary.code).to.equal(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints its usage with --help and is listed by ork --help', async () => {
    const help = await crdDiff('--help');
    expect(help.code).to.equal(0);
    expect(help.out).to.contain('usage: ork crd-diff OLD.yaml NEW.yaml [-o text|json|yaml]').and.to.contain('6 at least one breaking change');
    const io = captureIO();
    await runCommand(['--help'], io);
    expect(io.out).to.match(/\n {2}crd-diff +classify the changes between two revisions of a CRD/);
  });
});
