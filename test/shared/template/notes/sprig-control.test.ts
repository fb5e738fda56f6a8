import { SPRIG_CONTROL_NOTES } from '../../../../shared/template/notes/sprig-control.js';
import { arity, runTable } from './table.js';

runTable('shared/template notes: Sprig control and encoding', SPRIG_CONTROL_NOTES, {
  add1: [['{{ add1 .spec.n }}', { value: 8 }], ['{{ add1 "4" }}', { value: 5 }], ['{{ add1 .spec.nope }}', { value: 1 }], ['{{ add1 }}', arity('add1', '1', 0)]],
  floor: [['{{ floor 2.7 }}', { value: 2 }], ['{{ floor -2.5 }}', { value: -3 }], ['{{ floor "x" }}', { value: 0 }], ['{{ floor }}', arity('floor', '1', 0)]],
  ceil: [['{{ ceil 2.1 }}', { value: 3 }], ['{{ ceil -2.5 }}', { value: -2 }], ['{{ ceil .spec.n }}', { value: 7 }], ['{{ ceil 1 2 }}', arity('ceil', '1', 2)]],
  round: [['{{ round 3.14159 2 }}', { value: 3.14 }], ['{{ round 2.5 0 }} {{ round 2.4 0 }}', '3 2'], ['{{ round 2.45 1 0.4 }}', { value: 2.5 }], ['{{ round 1 }}', { error: 'wrong number of arguments for "round": want 2 to 3, got 1', code: 'TEMPLATE_SYNTAX' }]],
  required: [['{{ required "need name" .spec.name }}', 'My-App'], ['{{ required "x" .spec.zero }}', { value: 0 }], ['{{ required "spec.host is required" .spec.nope }}', { error: 'required: spec.host is required' }], ['{{ required "empty" .spec.empty }}', { error: 'required: empty' }]],
  fail: [['{{ if false }}{{ fail "no" }}{{ end }}ok', 'ok'], ['{{ fail "spec.host is required" }}', { error: 'fail: spec.host is required' }], ['{{ fail "" }}', { error: 'fail: the template called fail' }], ['{{ fail }}', arity('fail', '1', 0)]],
  int: [['{{ int "42" }} {{ int 3.9 }} {{ int true }}', '42 3 1'], ['{{ int "abc" }} {{ int .spec.nope }}', '0 0'], ['{{ int .spec.numText }}', { value: 40 }], ['{{ int }}', arity('int', '1', 0)]],
  int64: [['{{ int64 "7" }}', { value: 7 }], ['{{ int64 -2.5 }}', { value: -2 }], ['{{ int64 "x" }}', { value: 0 }], ['{{ int64 1 2 }}', arity('int64', '1', 2)]],
  float64: [['{{ float64 "1.5" }}', { value: 1.5 }], ['{{ float64 .spec.n }}', { value: 7 }], ['{{ float64 "x" }}', { value: 0 }], ['{{ float64 }}', arity('float64', '1', 0)]],
  fromJson: [['{{ (fromJson "{\\"a\\": {\\"b\\": 2}}").a.b }}', '2'], ['{{ fromJson "[1,2]" }}', { value: [1, 2] }], ['{{ fromJson "null" }}', { value: null }], ['{{ fromJson "{bad" }}', { error: 'fromJson: the text is not valid JSON (at character 2)' }]],
  toPrettyJson: [['{{ toPrettyJson .spec.map }}', '{\n  "a": "one",\n  "b": 2\n}'], ['{{ toPrettyJson (dict "l" (list) "m" (dict) "s" "a,b:{c}") }}', '{\n  "l": [],\n  "m": {},\n  "s": "a,b:{c}"\n}'], ['{{ toPrettyJson 3 }}', '3'], ['{{ toPrettyJson }}', arity('toPrettyJson', '1', 0)]],
  fromYaml: [['{{ (fromYaml .spec.yamlMap).count }}', '2'], ['{{ fromYaml "" }}', { value: {} }], ['{{ fromYaml "- a" }}', { value: ['a'] }], ['{{ fromYaml "a: [b" }}', { error: 'fromYaml: the text is not valid YAML at line 1, column 6' }]],
  sha1sum: [['{{ sha1sum "abc" }}', 'a9993e364706816aba3e25717850c26c9cd0d89d'], ['{{ sha1sum "" }}', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'], ['{{ len (sha1sum .spec.env) }}', '40'], ['{{ sha1sum }}', arity('sha1sum', '1', 0)]],
  adler32sum: [['{{ adler32sum "Wikipedia" }}', '300286872'], ['{{ adler32sum "" }}', '1'], ['{{ adler32sum "abc" }}', '38600999'], ['{{ adler32sum }}', arity('adler32sum', '1', 0)]],
});
