import { TYPE_NOTES } from '../../../../shared/template/notes/types.js';
import { arity, runTable, type Case } from './table.js';

runTable('shared/template notes: Type', TYPE_NOTES, {
  toInt: [
    ['{{ toInt "3" }}', { value: 3 }],
    ['{{ toInt 3.7 }} {{ toInt -3.7 }}', '3 -3'],
    ['{{ toInt true }} {{ toInt false }} {{ toInt .spec.nope }}', '1 0 0'],
    ['{{ toInt "abc" }}', { error: 'toInt: the value is string "abc", not a number' }],
    ['{{ toInt .spec.list }}', { error: 'toInt: toInt cannot convert []interface {} "[1 two true <nil>]" to a number' }],
  ],
  toFloat: [['{{ toFloat "0.75" }}', { value: 0.75 }], ['{{ toFloat 3 }}', { value: 3 }], ['{{ toFloat true }}', { value: 1 }], ['{{ toFloat .spec.map }}', { error: 'toFloat: toFloat cannot convert map[string]interface {} "map[a:one b:2]" to a number' }]],
  toBool: [
    ['{{ toBool "yes" }} {{ toBool "ON" }} {{ toBool "1" }} {{ toBool 2 }}', 'true true true true'],
    ['{{ toBool "no" }} {{ toBool "" }} {{ toBool 0 }} {{ toBool .spec.nope }}', 'false false false false'],
    ['{{ toBool .spec.flag }}', { value: true }],
    ['{{ toBool "maybe" }}', { error: 'toBool: toBool cannot read string "maybe"; use true/false, yes/no, on/off or 1/0' }],
  ],
  toString: [
    ['{{ toString 42 }}', { value: '42' }],
    ['{{ toString .spec.half }} {{ toString .spec.flag }}', '2.5 true'],
    ['{{ toString .spec.map }}', 'map[a:one b:2]'],
    ['{{ toString .spec.nope }}', { value: '' }],
    ['{{ toString }}', arity('toString', '1', 0)],
  ] as Case[], // a key named toString needs the element type spelled out
  toJson: [['{{ toJson .spec.map }}', '{"a":"one","b":2}'], ['{{ toJson "<a>" }}', '"\\u003ca\\u003e"'], ['{{ toJson .spec.nope }}', 'null'], ['{{ toJson 1 2 }}', arity('toJson', '1', 2)]],
  toList: [
    ['{{ toList .spec.tags }}', { value: ['latest', 'stable', 'v2'] }],
    ['{{ toList "a,,b," }}', { value: ['a', 'b'] }],
    ['{{ toList "" }}', { value: [] }],
    ['{{ toList .spec.hosts }}', { value: ['a.example.com', 'b.example.com'] }],
    ['{{ toList }}', arity('toList', '1', 0)],
  ],
  typeOf: [
    ['{{ typeOf .spec.env }} {{ typeOf .spec.n }} {{ typeOf .spec.half }} {{ typeOf .spec.flag }}', 'string number number bool'],
    ['{{ typeOf .spec.map }} {{ typeOf .spec.list }} {{ typeOf .spec.nope }}', 'map slice null'],
    ['{{ typeOf nil }}', 'null'],
    ['{{ typeOf }}', arity('typeOf', '1', 0)],
  ],
  typeMap: [['{{ typeMap .spec.map }}', 'true'], ['{{ typeMap .spec.env }}', 'false'], ['{{ typeMap .spec.emptyMap }}', 'true'], ['{{ typeMap }}', arity('typeMap', '1', 0)]],
  typeList: [['{{ typeList .spec.list }}', 'true'], ['{{ typeList "a" }}', 'false'], ['{{ typeList .spec.nope }}', 'false'], ['{{ typeList 1 2 }}', arity('typeList', '1', 2)]],
  typeString: [['{{ typeString .spec.env }}', 'true'], ['{{ typeString 1 }}', 'false'], ['{{ typeString .spec.empty }}', 'true'], ['{{ typeString }}', arity('typeString', '1', 0)]],
  typeNumber: [['{{ typeNumber .spec.half }}', 'true'], ['{{ typeNumber .spec.numText }}', 'false'], ['{{ typeNumber 0 }}', 'true'], ['{{ typeNumber }}', arity('typeNumber', '1', 0)]],
  typeBool: [['{{ typeBool .spec.off }}', 'true'], ['{{ typeBool "true" }}', 'false'], ['{{ typeBool .spec.nope }}', 'false'], ['{{ typeBool }}', arity('typeBool', '1', 0)]],
  typeNull: [['{{ typeNull .spec.nope }}', 'true'], ['{{ typeNull .spec.empty }}', 'false'], ['{{ typeNull (index .spec.list 3) }}', 'true'], ['{{ typeNull }}', arity('typeNull', '1', 0)]],
  isEmpty: [['{{ isEmpty .spec.emptyMap }} {{ isEmpty .spec.nope }}', 'true true'], ['{{ isEmpty .spec.zero }} {{ isEmpty .spec.off }}', 'false false'], ['{{ isEmpty .spec.list }}', 'false'], ['{{ isEmpty }}', arity('isEmpty', '1', 0)]],
  Empty: [['{{ Empty .spec.emptyList }}', 'true'], ['{{ Empty .spec.map }}', 'false'], ['{{ Empty "" }}', 'true'], ['{{ Empty }}', arity('Empty', '1', 0)]],
  isScalar: [['{{ isScalar .spec.env }} {{ isScalar .spec.n }} {{ isScalar .spec.flag }}', 'true true true'], ['{{ isScalar .spec.map }}', 'false'], ['{{ isScalar .spec.nope }}', 'false'], ['{{ isScalar }}', arity('isScalar', '1', 0)]],
  isComposite: [['{{ isComposite .spec.map }} {{ isComposite .spec.list }}', 'true true'], ['{{ isComposite "x" }}', 'false'], ['{{ isComposite .spec.nope }}', 'false'], ['{{ isComposite }}', arity('isComposite', '1', 0)]],
});
