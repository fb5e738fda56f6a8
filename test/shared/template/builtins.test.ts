import { BUILTINS } from '../../../shared/template/builtins.js';
import { arity, runTable } from './notes/table.js';

runTable('shared/template Go built-ins', BUILTINS, {
  and: [['{{ and .spec.flag .spec.name }}', 'My-App'], ['{{ and .spec.off .spec.nope.x }}', 'false'], ['{{ and 1 0 2 }}', '0'], ['{{ and }}', { error: 'wrong number of arguments for "and": want at least 1, got 0', code: 'TEMPLATE_SYNTAX' }]],
  or: [['{{ or .spec.nope .spec.name }}', 'My-App'], ['{{ or .spec.flag .spec.nope.x }}', 'true'], ['{{ or 0 "" }}', ''], ['{{ or }}', { error: 'wrong number of arguments for "or": want at least 1, got 0', code: 'TEMPLATE_SYNTAX' }]],
  not: [['{{ not .spec.flag }}', 'false'], ['{{ not .spec.nope }}', 'true'], ['{{ not .spec.emptyList }}', 'true'], ['{{ not 1 2 }}', arity('not', '1', 2)]],
  eq: [['{{ eq .spec.env "staging" "production" }}', 'true'], ['{{ eq .spec.n 7 }}', 'true'], ['{{ eq .spec.nope nil }} {{ eq .spec.nope "" }}', 'true false'], ['{{ eq .spec.n "7" }}', { error: 'eq: incompatible types for comparison: int 7 and string "7"' }]],
  ne: [['{{ ne .spec.env "dev" }}', 'true'], ['{{ ne 1 1 }}', 'false'], ['{{ ne .spec.nope 1 }}', 'true'], ['{{ ne .spec.list 1 }}', { error: 'ne: cannot compare a value of type []interface {}; eq compares only strings, numbers and booleans' }]],
  lt: [['{{ lt 1 2 }}', 'true'], ['{{ lt "b" "a" }}', 'false'], ['{{ lt .spec.half 3 }}', 'true'], ['{{ lt .spec.nope 1 }}', { error: 'lt: cannot order a missing value; check it with "if" first' }]],
  le: [['{{ le 2 2 }}', 'true'], ['{{ le 3 2 }}', 'false'], ['{{ le "a" "b" }}', 'true'], ['{{ le true false }}', { error: 'le: booleans have no order' }]],
  gt: [['{{ gt .spec.n 3 }}', 'true'], ['{{ gt 1 2 }}', 'false'], ['{{ gt "b" "a" }}', 'true'], ['{{ gt 1 "a" }}', { error: 'gt: incompatible types for comparison: string and int' }]],
  ge: [['{{ ge 2 2 }}', 'true'], ['{{ ge 1 2 }}', 'false'], ['{{ ge 2.5 .spec.half }}', 'true'], ['{{ ge 1 }}', arity('ge', '2', 1)]],
  len: [['{{ len "héllo" }}', '6'], ['{{ len .spec.hosts }} {{ len .spec.map }}', '2 2'], ['{{ len .spec.nope }} {{ len .spec.n }}', '0 0'], ['{{ len }}', arity('len', '1', 0)]],
  index: [['{{ index .spec.hosts 1 }}', 'b.example.com'], ['{{ index .spec.map "a" }}', 'one'], ['[{{ index .spec.nope "a" }}]', '[]'], ['{{ index .spec.hosts 5 }}', { error: 'index: index out of range: 5 (length 2)' }]],
  slice: [
    ['{{ slice .spec.hosts 1 }}', '[b.example.com]'],
    ['{{ slice "héllo" 0 3 }} {{ slice "abc" }}', 'hé abc'],
    ['{{ slice .spec.list 1 2 3 }}', { value: ['two'] }],
    ['{{ slice "abc" 0 1 2 }}', { error: 'slice: cannot 3-index slice a string' }],
    ['{{ slice .spec.hosts 2 1 }}', { error: 'slice: invalid slice index: 2 > 1' }],
    ['{{ slice .spec.hosts 5 }}', { error: 'slice: index out of range: 5 (length 2)' }],
    ['{{ slice .spec.nope 0 }}', { error: 'slice: cannot slice a missing value; check it with "if" first' }],
  ],
  print: [['{{ print "a" 1 2 "b" }}', 'a1 2b'], ['{{ print .spec.nope }}', '<nil>'], ['{{ print .spec.nope 1 }}', '<nil> 1'], ['[{{ print }}]', '[]'], ['{{ print | nope }}', { error: 'function "nope" is not defined', code: 'TEMPLATE_SYNTAX' }]],
  println: [['{{ println "a" 1 2 }}', 'a 1 2\n'], ['{{ println }}', '\n'], ['{{ println .spec.hosts }}', '[a.example.com b.example.com]\n'], ['{{ println .spec.nope }}', '<nil>\n'], ['{{ println | nope }}', { error: 'function "nope" is not defined', code: 'TEMPLATE_SYNTAX' }]],
  printf: [['{{ printf "%s-%d" .spec.name 3 }}', 'My-App-3'], ['{{ .spec.n | printf "n=%d" }}', 'n=7'], ['{{ printf "%q" "a" }}', '"a"'], ['{{ printf .spec.n }}', { error: 'printf: the format must be a string, not int' }]],
  html: [
    ['{{ html "<a href=\'x\'>&\\"</a>" }}', '&lt;a href=&#39;x&#39;&gt;&amp;&#34;&lt;/a&gt;'],
    ['{{ html "plain" }}', 'plain'],
    ['{{ html 1 "<" }}', '1&lt;'],
    ['{{ html .spec.nope }}', '&lt;no value&gt;'],
    ['{{ html }}', { error: 'wrong number of arguments for "html": want at least 1, got 0', code: 'TEMPLATE_SYNTAX' }],
  ],
  js: [
    ['{{ js "a\'b\\"c<d>&e=f\\\\g\\n" }}', 'a\\\'b\\"c\\u003Cd\\u003E\\u0026e\\u003Df\\\\g\\u000A'],
    ['{{ js "héllo" }}', 'héllo'],
    ['{{ js "\\u2028" }}', '\\u2028'],
    ['{{ js }}', { error: 'wrong number of arguments for "js": want at least 1, got 0', code: 'TEMPLATE_SYNTAX' }],
  ],
  urlquery: [
    ['{{ urlquery "a b&c=d/é" }}', 'a+b%26c%3Dd%2F%C3%A9'],
    ['{{ urlquery "safe-_.~09AZ" }}', 'safe-_.~09AZ'],
    ['{{ urlquery "a" 1 }}', 'a1'],
    ['{{ urlquery }}', { error: 'wrong number of arguments for "urlquery": want at least 1, got 0', code: 'TEMPLATE_SYNTAX' }],
  ],
  call: [
    ['{{ call .spec.name }}', { error: 'call: call is not supported: template data holds no functions; call a template function by name instead' }],
    ['{{ call .spec.nope 1 2 }}', { error: 'call: call is not supported: template data holds no functions; call a template function by name instead' }],
    ['{{ if false }}{{ call .x }}{{ end }}ok', 'ok'],
    ['{{ call }}', { error: 'wrong number of arguments for "call": want at least 1, got 0', code: 'TEMPLATE_SYNTAX' }],
  ],
});
