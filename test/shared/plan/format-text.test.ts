import { expect } from 'chai';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildPlan, fieldLine, formatPlanText, type FieldChange } from '../../../shared/plan/index.js';
import { repoRoot } from '../../support/tools.js';
import { quietInputs, sampleInputs } from './sample.js';

const GOLDEN = join(repoRoot, 'test/shared/plan/golden/sample.txt');
const ESC = '\u001b[';

describe('shared/plan formatPlanText', () => {
  it('the busy sample: exactly the golden text (UPDATE_GOLDEN=1 regenerates)', () => {
    const text = formatPlanText(buildPlan(sampleInputs()), { colour: false });
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(dirname(GOLDEN), { recursive: true });
      writeFileSync(GOLDEN, text);
    }
    expect(existsSync(GOLDEN), `missing ${GOLDEN}; run with UPDATE_GOLDEN=1`).to.equal(true);
    expect(text).to.equal(readFileSync(GOLDEN, 'utf8'));
  });

  it('the quiet sample ends with "No changes." and lists the unchanged child', () => {
    const text = formatPlanText(buildPlan(quietInputs()), { colour: false });
    expect(text).to.contain('  = websites.ex.io: unchanged\n');
    expect(text).to.contain('      = unchanged Service web/blog-svc (no-op apply)\n');
    expect(text).to.contain('  = all 3 permissions the controller needs are granted\n');
    expect(text.endsWith('\nNo changes.\n')).to.equal(true);
    expect(text).not.to.contain('refuse');
  });

  it('colour only when asked; the words are the same without it', () => {
    const plan = buildPlan(sampleInputs());
    const plain = formatPlanText(plan, { colour: false });
    const coloured = formatPlanText(plan, { colour: true });
    expect(plain).not.to.contain(ESC);
    expect(coloured).to.contain(`${ESC}31m`);
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[\d+m/g, '')).to.equal(plain);
  });

  it('names the subject: the caller with its groups, or the service account', () => {
    const self = formatPlanText(buildPlan(sampleInputs({ rbac: { ...sampleInputs().rbac, subject: { kind: 'self', user: 'alice', groups: ['dev', 'ops'] } } })), { colour: false });
    expect(self).to.contain('RBAC for the current identity (alice, groups dev, ops)\n');
    expect(formatPlanText(buildPlan(sampleInputs()), { colour: false })).to.contain('RBAC for service account system:serviceaccount:ops:ork\n');
  });
});

describe('shared/plan fieldLine', () => {
  const cases: { change: FieldChange; want: string }[] = [
    { change: { path: 'spec.replicas', op: 'changed', old: 2, new: 3 }, want: 'spec.replicas: 2 → 3' },
    { change: { path: 'spec.image', op: 'changed', old: 'a:1', new: 'a:2' }, want: 'spec.image: "a:1" → "a:2"' },
    { change: { path: 'spec.env[name=A]', op: 'added', new: { name: 'A', value: 'x' } }, want: 'spec.env[name=A]: (absent) → {"name":"A","value":"x"}' },
    { change: { path: 'spec.paused', op: 'removed', old: false }, want: 'spec.paused: false → (removed)' },
    { change: { path: 'spec.x', op: 'changed', old: null, new: [1] }, want: 'spec.x: null → [1]' },
    { change: { path: 'data', op: 'changed', secret: true }, want: '(secret data changed)' },
    { change: { path: 'data.big', op: 'changed', old: 'a', new: 'b'.repeat(300) }, want: `data.big: "a" → "${'b'.repeat(118)}…` },
  ];
  for (const c of cases) {
    it(c.want.slice(0, 60), () => {
      expect(fieldLine(c.change)).to.equal(c.want);
    });
  }
});
