// The Go runtime's range, type and uniqueness operators (between, notBetween, typeOf, typeMap,
// typeList, typeString, typeNumber, typeBool, typeNull, unique) as the renderer tests them, in both
// the shorthand and the long form, and the empty member of in/notIn matching an absent field.
import { expect } from 'chai';
import type { Condition } from '../../../shared/katalog/types.js';
import { conditionHolds } from '../../../shared/render/conditions.js';
import { Problems } from '../../../shared/render/problems.js';
import { FAILED, type TemplateScope } from '../../../shared/render/templating.js';

const data = {
  metadata: { name: 'shop' },
  spec: { replicas: 4, ratio: 2.5, count: '7', domain: 'shop.example.com', paused: false, regions: ['eu', 'us'], schedule: { hour: '3' }, none: null },
};

const scope = (): TemplateScope => ({ data, problems: new Problems('web/shop') });
const holds = (cond: Record<string, unknown>) => conditionHolds(cond as unknown as Condition, scope(), 'when[0]');

describe('shared/render upstream operators', () => {
  const table: Record<string, Array<[Record<string, unknown>, boolean]>> = {
    between: [
      [{ field: 'spec.replicas', between: '1,5' }, true],
      [{ field: 'spec.replicas', between: '4,4' }, true],
      [{ field: 'spec.replicas', between: ' 5 , 9 ' }, false],
      [{ field: 'spec.count', between: [6, 8] }, true],
      [{ field: 'spec.ratio', operator: 'between', value: '2,3' }, true],
      [{ field: 'spec.domain', between: '1,5' }, false],
      [{ field: 'spec.missing', between: '0,5' }, false],
    ],
    notBetween: [
      [{ field: 'spec.replicas', notBetween: '6,9' }, true],
      [{ field: 'spec.replicas', notBetween: '1,4' }, false],
      [{ field: 'spec.replicas', operator: 'notBetween', value: '0,3' }, true],
      [{ field: 'spec.domain', notBetween: '1,5' }, false],
    ],
    typeOf: [
      [{ field: 'spec.schedule', operator: 'typeOf', value: 'map' }, true],
      [{ field: 'spec.regions', operator: 'typeOf', value: 'slice' }, true],
      [{ field: 'spec.replicas', operator: 'typeOf', value: 'string' }, false],
      [{ field: 'spec.missing', operator: 'typeOf', value: 'null' }, true],
    ],
    typeMap: [
      [{ field: 'spec.schedule', operator: 'typeMap' }, true],
      [{ field: 'spec.regions', operator: 'typeMap' }, false],
      [{ field: 'spec.schedule', typeMap: false }, false],
    ],
    typeList: [
      [{ field: 'spec.regions', operator: 'typeList' }, true],
      [{ field: 'spec.schedule', operator: 'typeList' }, false],
      [{ field: 'spec.missing', operator: 'typeList' }, false],
    ],
    typeString: [
      [{ field: 'spec.domain', operator: 'typeString' }, true],
      [{ field: 'spec.count', operator: 'typeString' }, true],
      [{ field: 'spec.replicas', operator: 'typeString' }, false],
    ],
    typeNumber: [
      [{ field: 'spec.replicas', operator: 'typeNumber' }, true],
      [{ field: 'spec.ratio', operator: 'typeNumber' }, true],
      [{ field: 'spec.count', operator: 'typeNumber' }, false],
    ],
    typeBool: [
      [{ field: 'spec.paused', operator: 'typeBool' }, true],
      [{ field: 'spec.domain', operator: 'typeBool' }, false],
      [{ field: 'spec.paused', operator: 'typeBool', negate: true }, false],
    ],
    typeNull: [
      [{ field: 'spec.missing', operator: 'typeNull' }, true],
      [{ field: 'spec.none', operator: 'typeNull' }, true],
      [{ field: 'spec.domain', operator: 'typeNull' }, false],
    ],
    unique: [
      [{ field: 'spec.domain', operator: 'unique' }, true],
      [{ field: 'spec.missing', operator: 'unique' }, true],
      [{ field: 'spec.domain', operator: 'unique', negate: true }, false],
    ],
    'in with an empty member': [
      [{ field: 'status.phase', in: ['Queued', ''] }, true],
      [{ field: 'status.phase', in: ['Queued'] }, false],
      [{ field: 'status.phase', notIn: ['Running', ''] }, false],
    ],
  };
  for (const [operator, cases] of Object.entries(table)) {
    for (const [cond, want] of cases) {
      it(`${operator}: ${JSON.stringify(cond)} → ${want}`, () => expect(holds(cond)).to.equal(want));
    }
  }

  const broken: Array<[string, Record<string, unknown>, string]> = [
    ['between with one bound', { field: 'spec.replicas', between: '5' }, 'when[0].between: expected "min,max" such as "1,10", got "5"'],
    ['between with a word', { field: 'spec.replicas', between: '1,many' }, 'when[0].between: expected two numbers "min,max" such as "1,10", got "1,many"'],
    ['notBetween reversed', { field: 'spec.replicas', notBetween: '9,1' }, 'when[0].notBetween: min 9 is greater than max 1 in "9,1", so nothing is in the range; swap them'],
    ['typeOf an unknown type', { field: 'spec.regions', operator: 'typeOf', value: 'list' }, 'when[0].typeOf: expected one of map, slice, string, number, bool, null, got "list"'],
    ['typeMap not boolean', { field: 'spec.schedule', typeMap: 'yes' }, 'when[0].typeMap: expected true or false, got "yes"'],
    ['typeOf without a value', { field: 'spec.regions', operator: 'typeOf' }, 'when[0].value: operator typeOf needs a value'],
  ];
  for (const [name, cond, message] of broken) {
    it(`reports ${name} at the operand`, () => {
      const s = scope();
      expect(conditionHolds(cond as unknown as Condition, s, 'when[0]')).to.equal(FAILED);
      expect(s.problems.issues.map((i) => `${i.path}: ${i.message}`)[0]).to.equal(`${message} (CR web/shop)`);
    });
  }
});
