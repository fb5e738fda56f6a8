import { SPRIG_COLLECTION_NOTES } from '../../../../shared/template/notes/sprig-collections.js';
import { arity, runTable } from './table.js';

runTable('shared/template notes: Sprig lists and dicts', SPRIG_COLLECTION_NOTES, {
  dict: [['{{ toJson (dict "app" .spec.name "n" 1) }}', '{"app":"My-App","n":1}'], ['{{ dict "k" }}', { value: { k: '' } }], ['{{ dict }}', { value: {} }], ['{{ (dict "a" 1).a.b }}', { error: 'cannot read field "b": (…).a is a number' }]],
  list: [['{{ list 1 "a" .spec.flag }}', { value: [1, 'a', true] }], ['{{ list }}', { value: [] }], ['{{ len (list .spec.nope) }}', '1'], ['{{ (list 1).x }}', { error: 'cannot read field "x": (…) is a list; use index or range' }]],
  keys: [['{{ keys .spec.map }}', { value: ['a', 'b'] }], ['{{ keys .spec.map (dict "c" 1) }}', '[a b c]'], ['{{ keys .spec.nope }}', { value: [] }], ['{{ keys .spec.list }}', { error: 'keys: argument 1 must be a map, not []interface {} "[1 two true <nil>]"' }]],
  hasKey: [['{{ hasKey .spec.map "a" }}', 'true'], ['{{ hasKey .spec.map "z" }}', 'false'], ['{{ hasKey .spec.nope "a" }}', 'false'], ['{{ hasKey "x" "a" }}', { error: 'hasKey: the map must be a map, not string "x"' }]],
  pluck: [['{{ pluck "a" .spec.map (dict "a" 2) (dict "b" 3) }}', { value: ['one', 2] }], ['{{ pluck "z" .spec.map }}', { value: [] }], ['{{ pluck "a" }}', { value: [] }], ['{{ pluck "a" 3 }}', { error: 'pluck: argument 2 must be a map, not int "3"' }]],
  merge: [
    ['{{ toJson (merge (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "b" 3 "n" (dict "y" 2))) }}', '{"a":1,"b":3,"n":{"x":1,"y":2}}'],
    ['{{ merge .spec.map }}', { value: { a: 'one', b: 2 } }],
    ['{{ $d := dict "a" 1 }}{{ $m := merge $d (dict "b" 2) }}{{ len $d }}', '1'],
    ['{{ merge .spec.map "x" }}', { error: 'merge: argument 2 must be a map, not string "x"' }],
  ],
  set: [
    ['{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ toJson $d }}', '{"a":1,"b":2}'],
    ['{{ $d := deepCopy .spec.map }}{{ $_ := set $d "a" "x" }}{{ $d.a }} {{ .spec.map.a }}', 'x one'],
    ['{{ (set (merge (dict) .spec.map) "c" 3).c }}', '3'],
    ['{{ set .spec.map "a" "x" }}', { error: 'set: set changes only maps made in the template; copy this one first: set (deepCopy .x) …' }],
  ],
  unset: [
    ['{{ $d := dict "a" 1 "b" 2 }}{{ $_ := unset $d "a" }}{{ toJson $d }}', '{"b":2}'],
    ['{{ toJson (unset (dict "a" 1) "z") }}', '{"a":1}'],
    ['{{ toJson (unset (deepCopy .spec.map) "b") }}', '{"a":"one"}'],
    ['{{ unset .spec.map "a" }}', { error: 'unset: unset changes only maps made in the template; copy this one first: unset (deepCopy .x) …' }],
  ],
  deepCopy: [['{{ deepCopy .spec.map }}', { value: { a: 'one', b: 2 } }], ['{{ deepCopy .spec.list }}', { value: [1, 'two', true, null] }], ['{{ deepCopy 3 }}', { value: 3 }], ['{{ deepCopy }}', arity('deepCopy', '1', 0)]],
  dig: [
    ['{{ dig "map" "a" "none" .spec }}', 'one'],
    ['{{ dig "map" "z" "none" .spec }}', 'none'],
    ['{{ dig "env" "x" "none" .spec }}', 'none'],
    ['{{ dig "a" "d" .spec.list }}', { error: 'dig: the map must be a map, not []interface {} "[1 two true <nil>]"' }],
  ],
  append: [['{{ append .spec.hosts "c" }}', { value: ['a.example.com', 'b.example.com', 'c'] }], ['{{ append .spec.nope 1 }}', { value: [1] }], ['{{ len (append (list) (list)) }}', '1'], ['{{ append "x" 1 }}', { error: 'append: the list must be a list, not string "x"' }]],
  prepend: [['{{ prepend .spec.hosts "c" }}', { value: ['c', 'a.example.com', 'b.example.com'] }], ['{{ prepend .spec.nope 1 }}', { value: [1] }], ['{{ prepend (list 2) 1 }}', '[1 2]'], ['{{ prepend 1 1 }}', { error: 'prepend: the list must be a list, not int "1"' }]],
  reverse: [['{{ reverse (list 1 2 3) }}', { value: [3, 2, 1] }], ['{{ reverse .spec.nope }}', { value: [] }], ['{{ reverse .spec.hosts }} {{ .spec.hosts }}', '[b.example.com a.example.com] [a.example.com b.example.com]'], ['{{ reverse "ab" }}', { error: 'reverse: the list must be a list, not string "ab"' }]],
  compact: [['{{ compact .spec.list }}', { value: [1, 'two', true] }], ['{{ compact (list "" 0 false "a") }}', { value: ['a'] }], ['{{ compact .spec.nope }}', { value: [] }], ['{{ compact .spec.map }}', { error: 'compact: the list must be a list, not map[string]interface {} "map[a:one b:2]"' }]],
  sortAlpha: [['{{ sortAlpha (list "b" "a" "C") }}', { value: ['C', 'a', 'b'] }], ['{{ sortAlpha (list 10 9 1) }}', '[1 10 9]'], ['{{ sortAlpha .spec.nope }}', { value: [] }], ['{{ sortAlpha "x" }}', { error: 'sortAlpha: the list must be a list, not string "x"' }]],
  first: [['{{ first .spec.hosts }}', 'a.example.com'], ['{{ first .spec.emptyList }}', { value: undefined }], ['{{ first .spec.nope }}', { value: undefined }], ['{{ first "ab" }}', { error: 'first: the argument must be a list, not string "ab"' }]],
  last: [['{{ last .spec.hosts }}', 'b.example.com'], ['{{ last (list 1) }}', { value: 1 }], ['{{ last .spec.emptyList }}', { value: undefined }], ['{{ last .spec.map }}', { error: 'last: the argument must be a list, not map[string]interface {} "map[a:one b:2]"' }]],
  uniq: [['{{ uniq (list 1 2 1 "1") }}', { value: [1, 2, '1'] }], ['{{ uniq (list (list 1) (list 1)) }}', { value: [[1]] }], ['{{ uniq .spec.nope }}', { value: [] }], ['{{ uniq 3 }}', { error: 'uniq: the argument must be a list, not int "3"' }]],
  has: [['{{ has "a.example.com" .spec.hosts }}', 'true'], ['{{ has 5 .spec.list }}', 'false'], ['{{ has nil .spec.list }}', 'true'], ['{{ has "a" "abc" }}', { error: 'has: the list must be a list, not string "abc"' }]],
  without: [['{{ without .spec.hosts "a.example.com" }}', { value: ['b.example.com'] }], ['{{ without (list 1 2 3 2) 2 3 }}', { value: [1] }], ['{{ without .spec.nope 1 }}', { value: [] }], ['{{ without "x" }}', { error: 'without: the list must be a list, not string "x"' }]],
  until: [['{{ until 3 }}', { value: [0, 1, 2] }], ['{{ until -2 }}', { value: [0, -1] }], ['{{ until 0 }}', { value: [] }], ['{{ until 1000000 }}', { error: 'until: the sequence would have 1000000 items, more than 100000', code: 'TEMPLATE_LIMIT' }]],
  untilStep: [['{{ untilStep 0 10 3 }}', { value: [0, 3, 6, 9] }], ['{{ untilStep 5 0 -2 }}', { value: [5, 3, 1] }], ['{{ untilStep 0 10 0 }}', { value: [] }], ['{{ untilStep 0 10 "1" }}', { error: 'untilStep: the step must be an integer, not string "1"' }]],
  seq: [['{{ seq 3 }}', '1 2 3'], ['{{ seq 2 -1 }} | {{ seq 0 5 12 }}', '2 1 0 -1 | 0 5 10'], ['[{{ seq 5 -1 9 }}]', '[]'], ['{{ seq 1 2 3 4 }}', { error: 'wrong number of arguments for "seq": want 1 to 3, got 4', code: 'TEMPLATE_SYNTAX' }]],
});
