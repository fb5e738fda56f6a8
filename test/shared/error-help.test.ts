// docs/troubleshooting.md is generated from shared/error-help.ts and covers every error code.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../../cli/exit.js';
import { ERROR_HELP, troubleshootingMarkdown } from '../../shared/error-help.js';
import { categoryOf, type ErrorCode } from '../../shared/errors.js';
import { repoRoot } from '../support/tools.js';

const DOC = join(repoRoot, 'docs', 'troubleshooting.md');

describe('shared/error-help: docs/troubleshooting.md', () => {
  it('is the generated text (UPDATE_GOLDEN=1 regenerates)', () => {
    const text = troubleshootingMarkdown(EXIT);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(DOC, text);
    expect(readFileSync(DOC, 'utf8')).to.equal(text);
  });

  it('has one row per error code, with its exit code, a meaning and a fix', () => {
    const text = troubleshootingMarkdown(EXIT);
    const codes = Object.keys(ERROR_HELP) as ErrorCode[];
    expect(codes.length).to.be.greaterThan(40);
    for (const code of codes) {
      const row = text.split('\n').find((l) => l.startsWith(`| \`${code}\` |`));
      expect(row, code).to.be.a('string');
      expect(row).to.include(`(${EXIT[categoryOf(code)]})`);
      expect(ERROR_HELP[code].meaning.length, code).to.be.greaterThan(10);
      expect(ERROR_HELP[code].fix.length, code).to.be.greaterThan(10);
    }
  });
});
