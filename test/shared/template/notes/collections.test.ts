import { COLLECTION_NOTES } from '../../../../shared/template/notes/collections.js';
import { arity, runTable } from './table.js';

runTable('shared/template notes: List/Map', COLLECTION_NOTES, {
  listHas: [['{{ listHas .spec.hosts "a.example.com" }}', 'true'], ['{{ listHas .spec.hosts "c" }} {{ listHas .spec.env "p" }}', 'false false'], ['{{ listHas .spec.list 1 }} {{ listHas .spec.list nil }}', 'true true'], ['{{ listHas .spec.list }}', arity('listHas', '2', 1)]],
  listGet: [['{{ listGet .spec.hosts 0 }}', 'a.example.com'], ['[{{ listGet .spec.hosts 5 }}]', '[]'], ['{{ listGet .spec.nope 0 }}', { value: undefined }], ['{{ listGet .spec.hosts }}', arity('listGet', '2', 1)]],
  listLen: [['{{ listLen .spec.hosts }}', '2'], ['{{ listLen .spec.map }}', '0'], ['{{ listLen .spec.nope }}', { value: 0 }], ['{{ listLen }}', arity('listLen', '1', 0)]],
  mapGet: [['{{ mapGet .spec.map "a" }}', 'one'], ['[{{ mapGet .spec.map "z" }}]', '[]'], ['{{ mapGet .spec.nope "a" }}', { value: undefined }], ['{{ mapGet .spec.map }}', arity('mapGet', '2', 1)]],
  mapKeys: [['{{ mapKeys .spec.map }}', '[a b]'], ['{{ join (mapKeys .spec.map) ", " }}', 'a, b'], ['{{ mapKeys .spec.list }}', { value: [] }], ['{{ mapKeys }}', arity('mapKeys', '1', 0)]],
  mapValues: [['{{ mapValues .spec.map }}', '[one 2]'], ['{{ len (mapValues .spec.emptyMap) }}', '0'], ['{{ mapValues "x" }}', { value: [] }], ['{{ mapValues }}', arity('mapValues', '1', 0)]],
  mapPick: [['{{ mapPick .spec.map "a" }}', { value: { a: 'one' } }], ['{{ mapPick .spec.map (list "a" "b" "z") }}', 'map[a:one b:2]'], ['{{ mapPick .spec.nope "a" }}', { value: {} }], ['{{ mapPick }}', { error: 'wrong number of arguments for "mapPick": want at least 1, got 0', code: 'TEMPLATE_SYNTAX' }]],
  mapOmit: [['{{ mapOmit .spec.map "a" }}', { value: { b: 2 } }], ['{{ mapOmit .spec.map }}', 'map[a:one b:2]'], ['{{ mapOmit 3 "a" }}', { value: {} }], ['{{ mapOmit }}', { error: 'wrong number of arguments for "mapOmit": want at least 1, got 0', code: 'TEMPLATE_SYNTAX' }]],
});
