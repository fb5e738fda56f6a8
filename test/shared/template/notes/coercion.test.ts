import { COERCION_NOTES } from '../../../../shared/template/notes/coercion.js';
import { arity, runTable } from './table.js';

runTable('shared/template notes: Type coercion', COERCION_NOTES, {
  asList: [
    ['{{ asList .spec.hosts }}', { value: ['a.example.com', 'b.example.com'] }],
    ['{{ asList .spec.jsonList }}', { value: ['x', 'y'] }],
    ['{{ asList "- a\\n- b" }}', { value: ['a', 'b'] }],
    ['{{ asList "not: [a list" }} {{ asList 3 }} {{ asList .spec.map }}', '[] [] []'],
    ['{{ asList }}', arity('asList', '1', 0)],
  ],
  asMap: [
    ['{{ (asMap .spec.yamlMap).level }}', 'debug'],
    ['{{ (asMap "{\\"a\\": 1}").a }}', '1'],
    ['{{ asMap .spec.map }}', { value: { a: 'one', b: 2 } }],
    ['{{ asMap "[1]" }} {{ asMap .spec.nope }} {{ asMap "a: 1\\na: 2" }}', 'map[] map[] map[]'],
    ['{{ asMap 1 2 }}', arity('asMap', '1', 2)],
  ],
  asString: [
    ['{{ asString .spec.n }} {{ asString .spec.flag }}', '7 true'],
    ['{{ asString .spec.map }}', '{"a":"one","b":2}'],
    ['{{ asString .spec.env }} {{ asString .spec.nope }}', 'production null'],
    ['{{ asString }}', arity('asString', '1', 0)],
  ],
});
