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
