import { SPRIG_STRING_NOTES } from '../../../../shared/template/notes/sprig-strings.js';
import { arity, runTable } from './table.js';

runTable('shared/template notes: Sprig strings (value last)', SPRIG_STRING_NOTES, {
  upper: [['{{ .spec.name | upper }}', 'MY-APP'], ['{{ upper .spec.unicode }}', 'HÉLLO WÖRLD'], ['[{{ upper .spec.nope }}]', '[]'], ['{{ upper }}', arity('upper', '1', 0)]],
  lower: [['{{ .spec.name | lower }}', 'my-app'], ['{{ lower "ÀB" }}', 'àb'], ['{{ lower 12 }}', '12'], ['{{ lower "a" "b" }}', arity('lower', '1', 2)]],
  title: [['{{ title "hello world" }}', 'Hello World'], ['{{ title "o\'neil is-here" }}', "O'Neil Is-Here"], ['{{ title "snake_case x1y" }}', 'Snake_case X1y'], ['{{ title }}', arity('title', '1', 0)]],
  trunc: [
    ['{{ .spec.name | trunc 2 }}', 'My'],
    ['{{ trunc -3 "abcdef" }}', 'def'],
    ['{{ trunc 50 .spec.unicode }} {{ trunc -50 "ab" }}', 'héllo wörld ab'],
    ['{{ trunc "2" "abc" }}', { error: 'trunc: the length must be an integer, not string "2"' }],
  ],
  indent: [
    ['{{ indent 2 "a\\nb" }}', '  a\n  b'],
    ['[{{ indent 0 "a" }}]', '[a]'],
    ['{{ "x" | indent 1 }}', ' x'],
    ['{{ indent -1 "a" }}', { error: 'indent: the indent must not be negative (got -1)' }],
    ['{{ indent 4000 (repeat "\\n" 100) }}', { error: 'indent: result would be longer than 100000 characters', code: 'TEMPLATE_LIMIT' }],
  ],
  nindent: [['{{ nindent 2 "a\\nb" }}', '\n  a\n  b'], ['{{ .spec.map | toYaml | nindent 4 }}', '\n    a: one\n    b: 2'], ['{{ nindent 0 "" }}', '\n'], ['{{ nindent 5000 "a" }}', { error: 'nindent: the indent 5000 is too large (at most 4096)' }]],
  trimAll: [['{{ trimAll "/" "/a/b/" }}', 'a/b'], ['{{ "$$5.00$" | trimAll "$" }}', '5.00'], ['{{ trimAll "" "x" }}', 'x'], ['{{ trimAll "/" }}', arity('trimAll', '2', 1)]],
  nospace: [['{{ nospace "a b\\tc\\nd" }}', 'abcd'], ['{{ nospace "  " }}', ''], ['{{ nospace .spec.name }}', 'My-App'], ['{{ nospace }}', arity('nospace', '1', 0)]],
  squote: [["{{ squote .spec.name }}", "'My-App'"], ["{{ squote 1 .spec.nope \"a'b\" }}", "'1' 'a'b'"], ["{{ .spec.n | squote }}", "'7'"], ['{{ squote }}', { error: 'wrong number of arguments for "squote": want at least 1, got 0', code: 'TEMPLATE_SYNTAX' }]],
  cat: [['{{ cat "hello" .spec.name }}', 'hello My-App'], ['{{ cat 1 .spec.nope .spec.list }}', '1 [1 two true <nil>]'], ['[{{ cat }}]', '[]'], ['{{ cat | foo }}', { error: 'function "foo" is not defined', code: 'TEMPLATE_SYNTAX' }]],
  substr: [
    ['{{ substr 0 5 "hello world" }}', 'hello'],
    ['{{ substr 6 100 "hello world" }} {{ substr -1 2 "abc" }}', 'world ab'],
    ['{{ substr 1 3 .spec.unicode }}', 'él'],
    ['{{ substr 4 2 "abcdef" }}', { error: 'substr: the start 4 is past the end 2' }],
  ],
  abbrev: [['{{ abbrev 5 "hello world" }}', 'he...'], ['{{ abbrev 20 "hello world" }}', 'hello world'], ['[{{ abbrev 3 "hello world" }}]', '[]'], ['{{ abbrev "5" "x" }}', { error: 'abbrev: the width must be an integer, not string "5"' }]],
  wrap: [['{{ wrap 5 "hello world foo" }}', 'hello\nworld\nfoo'], ['{{ wrap 3 "abcdef gh" }}', 'abcdef\ngh'], ['{{ wrap 80 "short" }} {{ wrap 0 "a b" }}', 'short a\nb'], ['{{ wrap "5" "x" }}', { error: 'wrap: the width must be an integer, not string "5"' }]],
  kebabcase: [['{{ kebabcase "FirstName" }}', 'first-name'], ['{{ kebabcase "HTTPServer_v2 name" }}', 'http-server-v-2-name'], ['[{{ kebabcase "" }}]', '[]'], ['{{ kebabcase }}', arity('kebabcase', '1', 0)]],
  snakecase: [['{{ snakecase "FirstName" }}', 'first_name'], ['{{ snakecase "first-name" }}', 'first_name'], ['{{ snakecase "myAPIKey" }}', 'my_api_key'], ['{{ snakecase }}', arity('snakecase', '1', 0)]],
  camelcase: [['{{ camelcase "http_server" }}', 'HttpServer'], ['{{ camelcase "a__b" }}', 'AB'], ['{{ camelcase "already" }}', 'Already'], ['{{ camelcase }}', arity('camelcase', '1', 0)]],
  splitList: [['{{ splitList "," "a,b,c" }}', '[a b c]'], ['{{ "a-b" | splitList "-" }}', '[a b]'], ['{{ len (splitList "," "") }}', '1'], ['{{ splitList "," }}', arity('splitList', '2', 1)]],
  toStrings: [['{{ toStrings (list 1 true "x") }}', { value: ['1', 'true', 'x'] }], ['{{ toStrings .spec.nope }}', { value: [] }], ['{{ index (toStrings .spec.list) 0 | printf "%q" }}', '"1"'], ['{{ toStrings "abc" }}', { error: 'toStrings: the argument must be a list, not string "abc"' }]],
}, undefined, { maxOutputBytes: 100_000 });
