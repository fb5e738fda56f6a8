// `helm template` (Helm 3, release orkestra in orkestra-system) of the default values and of
// ci/full-values.yaml, compared byte for byte with golden files after masking the generated key
// pair. UPDATE_GOLDEN=1 rewrites them: review the diff before committing.
import { expect } from 'chai';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHelm } from '../../support/tools.js';
import { FULL_ARGS, maskKeyMaterial, readText, renderChart } from './render.js';

const GOLDEN_DIR = join(fileURLToPath(new URL('../../../../', import.meta.url)), 'test', 'charts', 'orkestra', 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

const CASES = [
  { file: 'default.yaml', args: [] as string[] },
  { file: 'full-values.yaml', args: FULL_ARGS },
];

describe('charts/orkestra: golden helm template output', function () {
  this.timeout(300_000);

  for (const c of CASES) {
    it(`${c.file} (UPDATE_GOLDEN=1 regenerates)`, async function () {
      const helm = await getHelm({ major: 3 });
      const rendered = maskKeyMaterial(await renderChart(helm, c.args));
      const golden = join(GOLDEN_DIR, c.file);
      if (update) writeFileSync(golden, rendered);
      expect(existsSync(golden), `missing ${golden}; run with UPDATE_GOLDEN=1`).to.equal(true);
      expect(rendered).to.equal(readText(golden));
    });
  }

  it('masks only the key material: two renders differ before masking and agree after', async function () {
    const helm = await getHelm({ major: 3 });
    const [a, b] = [await renderChart(helm), await renderChart(helm)];
    expect(a).not.to.equal(b);
    expect(maskKeyMaterial(a)).to.equal(maskKeyMaterial(b));
    expect(maskKeyMaterial(a)).to.include('<generated PEM CERTIFICATE>');
    expect(maskKeyMaterial(a)).to.include('key.pem: <generated base64 PEM>');
    expect(maskKeyMaterial(a)).not.to.match(/BEGIN|LS0tLS1/);
  });
});
