import { CONDITIONAL_NOTES } from '../../../../shared/template/notes/conditional.js';
import { arity, runTable } from './table.js';

runTable('shared/template notes: Conditional', CONDITIONAL_NOTES, {
  ternary: [
    ['{{ ternary .spec.flag "debug" "info" }}', 'debug'],
    ['{{ ternary .spec.off "debug" "info" }}', 'info'],
    ['{{ ternary .spec.image "custom" "default" }}', 'custom'],
    ['{{ ternary .spec.emptyList 1 2 }}', { value: 2 }],
    ['{{ ternary true "a" }}', arity('ternary', '3', 2)],
  ],
  boolTernary: [
    ['{{ boolTernary .spec.flag "Suspended" "Active" }}', 'Suspended'],
    ['{{ boolTernary .spec.off "Suspended" "Active" }}', 'Active'],
    ['{{ boolTernary (boolDefault .spec.nope false) "S" "A" }}', 'A'],
    ['{{ boolTernary "yes" "S" "A" }}', { error: 'boolTernary: boolTernary needs a boolean condition, got string "yes"; use ternary for truthiness or boolDefault for a missing field' }],
  ],
  boolDefault: [
    ['{{ boolDefault .spec.flag false }}', { value: true }],
    ['{{ boolDefault .spec.nope false }}', { value: false }],
    ['{{ boolDefault "true" true }}', { value: true }],
    ['{{ boolDefault .spec.nope "no" }}', { error: 'boolDefault: boolDefault needs a boolean default, got string "no"; use ternary for truthiness or boolDefault for a missing field' }],
  ],
  eqTernary: [
    ['{{ eqTernary .spec.env "production" "strict" "permissive" }}', 'strict'],
    ['{{ eqTernary "staging" "production" "strict" "permissive" }}', 'permissive'],
    ['{{ eqTernary .spec.n "7" "seven" "other" }}', 'seven'],
    ['{{ eqTernary .spec.nope "" "empty" "missing" }} {{ eqTernary .spec.nope nil "a" "b" }}', 'missing a'],
    ['{{ eqTernary 1 2 3 }}', arity('eqTernary', '4', 3)],
  ],
  coalesce: [
    ['{{ coalesce .spec.nope .spec.empty "nginx:latest" }}', 'nginx:latest'],
    ['{{ coalesce .spec.image "x" }}', 'gcr.io/proj/app:v1'],
    ['{{ coalesce .spec.zero .spec.emptyMap }}', { value: undefined }],
    ['{{ coalesce "<no value>" "b" }}', 'b'],
    ['{{ coalesce | x }}', { error: 'function "x" is not defined', code: 'TEMPLATE_SYNTAX' }],
  ],
  default: [
    ['{{ default 2 .spec.nope }}', { value: 2 }],
    ['{{ default 2 .spec.zero }}', { value: 2 }],
    ['{{ .spec.empty | default "fallback" }}', 'fallback'],
    ['{{ .spec.env | default "dev" }}', 'production'],
    ['{{ default "only" }}', 'only'],
    ['{{ default 1 2 3 }}', { error: 'wrong number of arguments for "default": want 1 to 2, got 3', code: 'TEMPLATE_SYNTAX' }],
  ],
  empty: [
    ['{{ empty .spec.nope }}', 'true'],
    ['{{ empty .spec.zero }} {{ empty .spec.emptyList }} {{ empty "<no value>" }}', 'true true true'],
    ['{{ empty .spec.image }}', 'false'],
    ['{{ empty }}', arity('empty', '1', 0)],
  ],
  notEmpty: [['{{ notEmpty .spec.image }}', 'true'], ['{{ notEmpty .spec.emptyMap }}', 'false'], ['{{ notEmpty .spec.flag }}', 'true'], ['{{ notEmpty 1 2 }}', arity('notEmpty', '1', 2)]],
});
