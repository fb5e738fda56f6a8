// Domain notes: a host name out of what people paste into a domain field (" https://www.acme.com/ "),
// the way upstream does it: trim spaces, drop one http(s):// prefix and one trailing "/", and for
// domainBare a leading "www.". Non-text input gives "". Idempotent.
import type { FuncDef } from '../func-def.js';
import { note } from './note.js';

function host(v: unknown): string {
  if (typeof v !== 'string') return '';
  let s = v.trim();
  if (s.startsWith('https://')) s = s.slice('https://'.length);
  if (s.startsWith('http://')) s = s.slice('http://'.length);
  return s.endsWith('/') ? s.slice(0, -1) : s;
}

export const DOMAIN_NOTES: FuncDef[] = [
  note('domain', 'domainHost', [1, 1], ['domainHost TEXT', 'TEXT without surrounding spaces, an http:// or https:// prefix and a trailing "/"; "" when not text.', "{{ domainHost .spec.domain }}"], (a) => host(a[0])),
  note('domain', 'domainBare', [1, 1], ['domainBare TEXT', 'domainHost, then without a leading "www.".', '{{ domainBare .spec.domain }}'], (a) => {
    const h = host(a[0]);
    return h.startsWith('www.') ? h.slice(4) : h;
  }),
];
