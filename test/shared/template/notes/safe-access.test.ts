import { SAFE_ACCESS_NOTES } from '../../../../shared/template/notes/safe-access.js';
import { arity, runTable } from './table.js';

runTable('shared/template notes: Safe access', SAFE_ACCESS_NOTES, {
  getOr: [['{{ getOr .spec.n 1 }}', { value: 7 }], ['{{ getOr .spec.nope 1 }}', { value: 1 }], ['{{ getOr .spec.zero "none" }}', 'none'], ['{{ getOr .spec.n }}', arity('getOr', '2', 1)]],
  getStringOr: [
    ['{{ getStringOr .spec.image "nginx:latest" }}', 'gcr.io/proj/app:v1'],
    ['{{ getStringOr .spec.nope "nginx:latest" }}', 'nginx:latest'],
    ['{{ getStringOr .spec.n "nginx:latest" }}', 'nginx:latest'],
    ['{{ getStringOr .spec.nope 3 }}', { error: 'getStringOr: getStringOr needs a string as its fallback, got int "3"' }],
  ],
  getIntOr: [
    ['{{ getIntOr .spec.n 1 }}', { value: 7 }],
    ['{{ getIntOr .spec.half 1 }}', { value: 2 }],
    ['{{ getIntOr .spec.numText 1 }}', { value: 1 }],
    ['{{ getIntOr .spec.nope "one" }}', { error: 'getIntOr: getIntOr needs a number as its fallback, got string "one"' }],
  ],
  getBoolOr: [
    ['{{ getBoolOr .spec.flag false }}', { value: true }],
    ['{{ getBoolOr .spec.nope false }}', { value: false }],
    ['{{ getBoolOr "true" false }}', { value: false }],
    ['{{ getBoolOr .spec.nope "false" }}', { error: 'getBoolOr: getBoolOr needs a boolean as its fallback, got string "false"' }],
  ],
});
