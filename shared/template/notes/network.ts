// Network notes: IPv4/IPv6 address validity, CIDR membership and private ranges, parsed the way
// Go's net.ParseIP/ParseCIDR do (dotted quads without leading zeros, IPv6 with `::` and an
// embedded IPv4 tail, no zones). Malformed input answers false, never an error.
import type { FuncDef } from '../func-def.js';
import { note, str, type DocLine } from './note.js';

const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** A dotted quad, each part 0–255 (leading zeros are refused by parseIP below, as Go does). */
function isIPv4(text: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(text) && text.split('.').every((p) => Number(p) <= 255);
}

/** Eight hex groups, or fewer with one `::`; the last two may be a dotted quad. Pure, unlike node:net. */
function isIPv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2 || text.includes(':::')) return false;
  const groupsOf = (half: string) => (half === '' ? [] : half.split(':'));
  const groups = halves.flatMap(groupsOf);
  let count = groups.length;
  const last = groups[groups.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!V4.test(last)) return false;
    groups.pop();
    count += 1;
  }
  if (!groups.every((g) => HEX_GROUP.test(g))) return false;
  if (halves.length === 1) return count === 8 && !text.startsWith(':') && !text.endsWith(':');
  return count < 8;
}

const net = (name: string, arity: readonly [number, number], doc: DocLine, call: FuncDef['call']): FuncDef => note('network', name, arity, doc, call);
const MAX_TEXT = 64;

/** The address as 4 (IPv4) or 16 (IPv6) bytes, or undefined. */
export function parseIP(text: string): number[] | undefined {
  if (text.length > MAX_TEXT || text.includes('%')) return undefined;
  if (isIPv4(text)) {
    const parts = text.split('.');
    if (parts.some((p) => p.length > 1 && p.startsWith('0'))) return undefined;
    return parts.map(Number);
  }
  if (!isIPv6(text)) return undefined;
  let groups = text;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIP(text.slice(lastColon + 1));
    if (!v4 || v4.length !== 4) return undefined;
    tail = v4;
    groups = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head = '', rest] = groups.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = rest === undefined || rest === '' ? [] : rest.split(':');
  const fill = rest === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  const words = [...left, ...fill, ...right].map((w) => parseInt(w, 16));
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

const V4_MAPPED = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/** 4 bytes for IPv4 and IPv4-mapped IPv6 (as Go's To4), else 16. */
function canonical(ip: number[]): number[] {
  return ip.length === 16 && V4_MAPPED.every((b, i) => ip[i] === b) ? ip.slice(12) : ip;
}

interface Network {
  base: number[];
  bits: number;
}

function parseCIDR(text: string): Network | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const ip = parseIP(m[1]!);
  const bits = Number(m[2]);
  if (!ip || bits > ip.length * 8 || (m[2]!.length > 1 && m[2]!.startsWith('0'))) return undefined;
  // An IPv4-mapped IPv6 network (::ffff:10.0.0.0/104) is the IPv4 one, as in Go.
  const v4 = canonical(ip);
  if (ip.length === 16 && v4.length === 4 && bits >= 96) return { base: v4, bits: bits - 96 };
  return { base: ip, bits };
}

function contains(net: Network, address: number[]): boolean {
  const ip = net.base.length === 4 ? canonical(address) : address;
  if (ip.length !== net.base.length) return false;
  for (let bit = 0; bit < net.bits; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if ((ip[byte]! & mask) !== (net.base[byte]! & mask)) return false;
  }
  return true;
}

const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'].map((c) => parseCIDR(c)!);

function cidrContains(cidr: string, ip: string): boolean {
  const n = parseCIDR(cidr);
  const a = parseIP(ip);
  return n !== undefined && a !== undefined && contains(n, a);
}

export const NETWORK_NOTES: FuncDef[] = [
  net('cidrContains', [2, 2], ['cidrContains CIDR IP', 'Whether IP is inside the CIDR block (IPv4 or IPv6); false when either is malformed.', '{{ cidrContains "10.0.0.0/8" .spec.clientIP }}'], (a) => cidrContains(str(a[0], 1), str(a[1], 2))),
  net('ipValid', [1, 1], ['ipValid TEXT', 'Whether TEXT is an IPv4 or IPv6 address.', '{{ ipValid .spec.clientIP }}'], (a) => parseIP(str(a[0], 1)) !== undefined),
  net('ipIsPrivate', [1, 1], ['ipIsPrivate IP', 'Whether IP is in 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or fc00::/7.', '{{ ipIsPrivate .spec.sourceIP }}'], (a) => {
    const ip = parseIP(str(a[0], 1));
    return ip !== undefined && PRIVATE.some((n) => contains(n, ip));
  }),
];
