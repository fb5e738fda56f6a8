// Real helper programs (shell scripts named docker-credential-<name> on a temporary PATH) speaking
// the docker credential-helper protocol: what each answer becomes, and that a failing, hanging,
// missing or chatty helper gives a worded error that never quotes what it printed.
import { expect } from 'chai';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHelperOutput, runCredentialHelper } from '../../../resolver/oci/credential-helper.js';
import { tempDir } from '../../support/tools.js';
import { rejection, thrown } from '../../support/errors.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

/** A helper script in a fresh directory; returns an env whose PATH finds it (and sh, cat). */
function helperOnPath(name: string, script: string): Record<string, string> {
  const dir = tempDir('credhelper');
  const file = join(dir, `docker-credential-${name}`);
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  return { PATH: `${dir}:/usr/bin:/bin` };
}

describe('resolver/oci/credential-helper', () => {
  it('asks `get` with the host on stdin and turns Username/Secret into Basic credentials', async () => {
    const env = helperOnPath('fake', '[ "$1" = get ] || exit 9\nread host\n[ "$host" = "reg.example:5000" ] || exit 8\necho \'{"ServerURL":"reg.example:5000","Username":"robot","Secret":"s3cret-pass"}\'');
    const got = await runCredentialHelper({ program: 'fake', host: 'reg.example:5000', env, label: 'oci:t' });
    expect(got).to.deep.equal({ kind: 'header', authorization: `Basic ${b64('robot:s3cret-pass')}` });
  });

  it('takes the <token> user as an identity token', async () => {
    const env = helperOnPath('tok', 'cat >/dev/null\necho \'{"Username":"<token>","Secret":"refresh-abc"}\'');
    expect(await runCredentialHelper({ program: 'tok', host: 'r.io', env, label: 'oci:t' })).to.deep.equal({ kind: 'identity-token', token: 'refresh-abc' });
  });

  it('treats "credentials not found" as no credential (an anonymous pull follows), as docker does', async () => {
    const env = helperOnPath('none', 'cat >/dev/null\necho "credentials not found in native keychain"\nexit 1');
    expect(await runCredentialHelper({ program: 'none', host: 'r.io', env, label: 'oci:t' })).to.equal(undefined);
  });

  const failures: Array<{ title: string; name: string; script?: string; says: RegExp; timeoutMs?: number }> = [
    { title: 'a helper that is not installed', name: 'absent', says: /docker-credential-absent is not on PATH; install it/ },
    { title: 'a helper that fails, whose output is a secret', name: 'fails', script: 'echo "token=leaky-value-9"\nexit 3', says: /failed \(exit code 3\); run 'docker-credential-fails get' by hand/ },
    { title: 'a helper that hangs', name: 'hangs', script: 'sleep 5', says: /did not answer within 300 ms/, timeoutMs: 300 },
    { title: 'a helper that prints no JSON', name: 'garbage', script: 'echo "leaky-value-9 not json"', says: /did not print JSON/ },
  ];
  for (const f of failures) {
    it(`refuses ${f.title} with IMPORT_AUTH_FAILED and does not quote it`, async () => {
      const env = f.script === undefined ? { PATH: tempDir('empty-path') } : helperOnPath(f.name, f.script);
      const e = await rejection(runCredentialHelper({ program: f.name, host: 'r.io', env, label: 'oci:t', ...(f.timeoutMs ? { timeoutMs: f.timeoutMs } : {}) }));
      expect(e.code).to.equal('IMPORT_AUTH_FAILED');
      expect(e.message).to.match(f.says);
      expect(e.message).not.to.contain('leaky-value-9');
    });
  }

  const outputs: Array<{ stdout: string; want?: unknown; says?: RegExp }> = [
    { stdout: '{"Username":"u","Secret":"pw-1234"}', want: { kind: 'header', authorization: `Basic ${b64('u:pw-1234')}` } },
    { stdout: '{"Username":"u","Secret":""}', want: undefined },
    { stdout: '{"Username":1,"Secret":"x"}', says: /without string Username and Secret/ },
    { stdout: 'null', says: /without string Username and Secret/ },
  ];
  for (const o of outputs) {
    it(`parses ${o.stdout}`, () => {
      if (o.says) expect(thrown(() => parseHelperOutput(o.stdout, 'docker-credential-x', 'l')).message).to.match(o.says);
      else expect(parseHelperOutput(o.stdout, 'docker-credential-x', 'l')).to.deep.equal(o.want);
    });
  }
});
