// Golden files: every sample CR of every example, rendered by `ork template --seed 42`, must equal
// examples/<name>/expected/<cr>.yaml byte for byte. Regenerate with UPDATE_GOLDEN=1 (then review
// the diff: a change here is a change users see).
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from '../../cli/dispatch.js';
import { captureIO } from '../support/io.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const examplesDir = join(root, 'examples');
const update = process.env.UPDATE_GOLDEN === '1';

async function template(example: string, crFile: string): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO({ cwd: root });
  const code = await runCommand(['template', '-f', join(examplesDir, example, 'katalog.yaml'), '--cr', join(examplesDir, example, 'crs', crFile), '--seed', '42'], io);
  return { code, out: io.out, err: io.err };
}

describe('examples (golden)', () => {
  const examples = readdirSync(examplesDir).filter((d) => existsSync(join(examplesDir, d, 'katalog.yaml'))).sort();

  it('has the three documented examples', () => {
    expect(examples).to.include.members(['database', 'team-space', 'website']);
  });

  for (const example of examples) {
    const crs = readdirSync(join(examplesDir, example, 'crs')).filter((f) => f.endsWith('.yaml')).sort();
    for (const crFile of crs) {
      const expectedFile = join(examplesDir, example, 'expected', crFile);
      it(`${example}/crs/${crFile} renders as expected/${crFile}`, async () => {
        const first = await template(example, crFile);
        expect(first.code, first.err).to.equal(0);
        if (update) writeFileSync(expectedFile, first.out);
        expect(existsSync(expectedFile), `missing ${expectedFile}; run with UPDATE_GOLDEN=1`).to.equal(true);
        expect(first.out).to.equal(readFileSync(expectedFile, 'utf8'));
        const second = await template(example, crFile);
        expect(second.out, 'rendering twice gives the same bytes').to.equal(first.out);
      });
    }
  }
});

describe('examples (editor and kubectl conventions)', () => {
  const dirs = readdirSync(examplesDir).filter((d) => existsSync(join(examplesDir, d, 'katalog.yaml'))).sort();

  it('gives every example Katalog and the Komposer the yaml-language-server schema line, pointing at the real schema', () => {
    for (const file of [...dirs.map((d) => join(examplesDir, d, 'katalog.yaml')), join(examplesDir, 'komposer.yaml')]) {
      const m = /^# yaml-language-server: \$schema=(\S+)$/m.exec(readFileSync(file, 'utf8'));
      expect(m, `${file} has no '# yaml-language-server: $schema=…' line`).not.to.equal(null);
      expect(existsSync(join(file, '..', m![1]!)), `${file}: ${m![1]} does not exist`).to.equal(true);
    }
  });

  it('gives every example CRD version the Ready, Reason and Age printer columns', () => {
    for (const d of dirs) {
      const text = readFileSync(join(examplesDir, d, 'crd.yaml'), 'utf8');
      const versions = (text.match(/^ {4}- name: /gm) ?? []).length;
      for (const column of ['Ready', 'Reason', 'Age']) {
        expect((text.match(new RegExp(`- \\{name: ${column}, `, 'g')) ?? []).length, `${d}/crd.yaml: ${column} column per version`).to.equal(versions);
      }
    }
  });
});
