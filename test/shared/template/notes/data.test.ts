import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { executeTemplate } from '../../../../shared/template/index.js';
import { DATA_NOTES } from '../../../../shared/template/notes/data.js';
import { arity, runTable } from './table.js';

runTable('shared/template notes: Data', DATA_NOTES, {
  toBase64: [['{{ toBase64 "hello world" }}', 'aGVsbG8gd29ybGQ='], ['{{ toBase64 "é" }}', 'w6k='], ['[{{ toBase64 .spec.nope }}]', '[]'], ['{{ toBase64 }}', arity('toBase64', '1', 0)]],
  fromBase64: [['{{ fromBase64 "aGVsbG8gd29ybGQ=" }}', 'hello world'], ['{{ .spec.unicode | toBase64 | fromBase64 }}', 'héllo wörld'], ['[{{ fromBase64 "not base64!" }}]', '[]'], ['{{ fromBase64 "a" "b" }}', arity('fromBase64', '1', 2)]],
  toJSON: [['{{ toJSON .spec.map }}', '{"a":"one","b":2}'], ['{{ toJSON .spec.list }}', '[1,"two",true,null]'], ['{{ toJSON .spec.nope }}', 'null'], ['{{ toJSON }}', arity('toJSON', '1', 0)]],
  sha256sum: [
    ['{{ sha256sum "abc" }}', 'ba7816bf'],
    ['config-{{ sha256sum "" }}', 'config-e3b0c442'],
    ['{{ len (sha256sum .spec.env) }}', '8'],
    ['{{ sha256sum }}', arity('sha256sum', '1', 0)],
  ],
  slugify: [
    ['{{ slugify "My Team / Platform" }}', 'my-team-platform'],
    ['{{ slugify "--Hello__World--" }}', 'hello-world'],
    ['{{ slugify "héllo" }}', 'h-llo'],
    ['{{ slugify }}', arity('slugify', '1', 0)],
  ],
  truncateName: [
    ['{{ truncateName "abcdefghij" 4 }}', 'abcd'],
    ['{{ truncateName .spec.name 50 }}', 'My-App'],
    ['[{{ truncateName "abc" 0 }}]', '[]'],
    ['{{ truncateName "abc" "2" }}', { error: 'truncateName: the length must be an integer, not string "2"' }],
  ],
  lookup: [
    ['{{ lookup "org/orders" "org/payments" "team-payments" "org/orders" "team-orders" }}', 'team-orders'],
    ['[{{ lookup "org/none" "org/a" "x" }}]', '[]'],
    ['{{ lookup "k" "k" "first" "k" "second" "dangling" }}', 'first'],
    ['{{ lookup }}', { error: 'wrong number of arguments for "lookup": want at least 1, got 0', code: 'TEMPLATE_SYNTAX' }],
  ],
  repoSlug: [
    ['{{ repoSlug "myorg/payments-api" }}', 'payments-api'],
    ['{{ repoSlug "git@github.com:myorg/Payments_API.git" }}', 'payments-api'],
    ['{{ repoSlug "https://github.com/myorg/payments-api/" }} {{ repoSlug "bare" }}', 'payments-api bare'],
    ['{{ repoSlug }}', arity('repoSlug', '1', 0)],
  ],
});

describe('shared/template notes: sha256sum', () => {
  it('is the first 8 hex characters of node:crypto SHA-256 for arbitrary text', () => {
    const text = 'Orkestra ✓ config';
    expect(executeTemplate('{{ sha256sum .t }}', { t: text })).to.equal(createHash('sha256').update(text).digest('hex').slice(0, 8));
  });
});
