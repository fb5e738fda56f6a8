// `-o text|json|yaml`: the one parser (bad values and contradictions refused naming the flag) and,
// through the real commands, the same data in JSON and in YAML.
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { parse } from 'yaml';
import { runCommand } from '../../cli/dispatch.js';
import { outputFormat } from '../../cli/output.js';
import { captureIO } from '../support/io.js';
import { thrown } from '../support/errors.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function ork(...args: string[]) {
  const io = captureIO({ cwd: ROOT });
  const code = await runCommand(args, io);
  return { code, out: io.out, err: io.err };
}


describe('cli/output: -o text|json|yaml', () => {
  const all = ['text', 'json', 'yaml'] as const;

  it('picks -o, else --json, else the default', () => {
    expect(outputFormat('x', {}, all, 'text')).to.equal('text');
    expect(outputFormat('x', { json: true }, all, 'text')).to.equal('json');
    expect(outputFormat('x', { output: 'yaml' }, all, 'text')).to.equal('yaml');
    expect(outputFormat('x', { output: 'json', json: true }, all, 'text')).to.equal('json');
  });

  it('refuses a format the command does not print, and -o that contradicts --json', () => {
    const bad = thrown(() => outputFormat('template', { output: 'text' }, ['yaml', 'json'], 'yaml'));
    expect(bad.code).to.equal('USAGE');
    expect(bad.message).to.equal(`-o must be one of yaml, json, not "text" (see 'ork template --help')`);
    expect(thrown(() => outputFormat('plan', { output: 'yaml', json: true }, all, 'text')).message).to.contain('--json and -o yaml contradict');
  });

  const commands: Array<[string, string[]]> = [
    ['crd-diff', ['crd-diff', 'test/fixtures/crd-diff/widgets-v1alpha1.yaml', 'test/fixtures/crd-diff/widgets-safe.yaml']],
    ['validate', ['validate', '-f', 'examples/database/katalog.yaml']],
    ['version', ['version']],
  ];
  for (const [name, args] of commands) {
    it(`ork ${name}: -o json and -o yaml print the same data, --json is -o json`, async () => {
      const json = await ork(...args, '-o', 'json');
      const yaml = await ork(...args, '-o', 'yaml');
      const legacy = await ork(...args, '--json');
      expect(json.code, json.err).to.equal(0);
      expect(yaml.code).to.equal(0);
      const data = JSON.parse(json.out) as unknown;
      expect(data).to.be.an('object').that.is.not.empty;
      expect(parse(yaml.out)).to.deep.equal(data);
      expect(legacy.out).to.equal(json.out);
    });
  }

  it('ork validate -o json still exits 2 on problems, with the problems in the data', async () => {
    const r = await ork('validate', '-f', 'test/fixtures/parity/refused/unknown-key.yaml', '-o', 'json');
    expect(r.code).to.equal(2);
    const data = JSON.parse(r.out) as { files: { file: string; valid: boolean; problems: { message: string }[] }[] };
    expect(data.files).to.have.length(1);
    expect(data.files[0]!.valid).to.equal(false);
    expect(data.files[0]!.problems[0]!.message).to.be.a('string').and.not.empty;
  });
});
