import { DOMAIN_NOTES } from '../../../../shared/template/notes/domain.js';
import { NETWORK_NOTES } from '../../../../shared/template/notes/network.js';
import { fails, noteTable } from './note-table.js';

noteTable('network', NETWORK_NOTES, {
  cidrContains: [
    ['{{ cidrContains "10.0.0.0/8" "10.1.2.3" }}', 'true'],
    ['{{ cidrContains "192.168.0.0/16" "10.0.0.1" }}', 'false'],
    ['{{ cidrContains "10.1.2.3/8" "10.200.0.1" }}', 'true'],
    ['{{ cidrContains "10.0.0.0/8" "::ffff:10.9.9.9" }}', 'true'],
    ['{{ cidrContains "2001:db8::/32" "2001:db8:1::7" }}', 'true'],
    ['{{ cidrContains "2001:db8::/32" "2001:db9::1" }}', 'false'],
    ['{{ cidrContains "2001:db8::/32" "10.0.0.1" }}', 'false'],
    ['{{ cidrContains "0.0.0.0/0" "8.8.8.8" }}', 'true'],
    ['{{ cidrContains "10.0.0.0/33" "10.0.0.1" }}', 'false'],
    ['{{ cidrContains "bad-cidr" "10.0.0.1" }}', 'false'],
    ['{{ cidrContains "10.0.0.0/8" .ip }}', fails('cidrContains: argument 2 must be a string, not int 10'), { ip: 10 }],
  ],
  ipValid: [
    ['{{ ipValid "10.0.0.1" }}', 'true'],
    ['{{ ipValid "2001:db8::1" }}', 'true'],
    ['{{ ipValid "::ffff:192.0.2.1" }}', 'true'],
    ['{{ ipValid "010.0.0.1" }}', 'false'],
    ['{{ ipValid "fe80::1%eth0" }}', 'false'],
    ['{{ ipValid "not-an-ip" }}', 'false'],
    ['{{ ipValid "" }}', 'false'],
    ['{{ ipValid 1 }}', fails('ipValid: argument 1 must be a string, not int 1')],
  ],
  ipIsPrivate: [
    ['{{ ipIsPrivate "10.0.0.1" }}', 'true'],
    ['{{ ipIsPrivate "172.20.0.5" }}', 'true'],
    ['{{ ipIsPrivate "172.32.0.5" }}', 'false'],
    ['{{ ipIsPrivate "192.168.1.100" }}', 'true'],
    ['{{ ipIsPrivate "8.8.8.8" }}', 'false'],
    ['{{ ipIsPrivate "fd12:3456::1" }}', 'true'],
    ['{{ ipIsPrivate "2001:db8::1" }}', 'false'],
    ['{{ ipIsPrivate "x" }}', 'false'],
    ['{{ ipIsPrivate true }}', fails('ipIsPrivate: argument 1 must be a string, not bool true')],
  ],
}, {});

noteTable('domain', DOMAIN_NOTES, {
  domainHost: [
    ['{{ domainHost "https://acme.example.com/" }}', 'acme.example.com'],
    ['{{ domainHost " http://acme.example.com " }}', 'acme.example.com'],
    ['{{ domainHost "acme.example.com" }}', 'acme.example.com'],
    ['{{ domainHost "https://acme.com/path/" }}', 'acme.com/path'],
    ['[{{ domainHost 42 }}]', '[]'],
    ['{{ domainHost }}', fails('wrong number of arguments for "domainHost": want 1, got 0')],
  ],
  domainBare: [
    ['{{ domainBare "https://www.acme.com/" }}', 'acme.com'],
    ['{{ domainBare "www.acme.com" }}', 'acme.com'],
    ['{{ domainBare (domainBare "https://acme.com/") }}', 'acme.com'],
    ['[{{ domainBare .nope }}]', '[]'],
    ['{{ domainBare "a" "b" }}', fails('wrong number of arguments for "domainBare": want 1, got 2')],
  ],
}, {});
