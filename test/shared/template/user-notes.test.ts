// User notes as template functions: a note's body runs over the caller's data, notes call each
// other and built-ins, a note replaces a built-in of its name, its result is typed like the Go
// runtime's (trimmed text, booleans for true/false), and it cannot escape the step limit.
import { expect } from 'chai';
import { checkTemplate, executeTemplate, evaluateTyped, noteCycle, notesCalled, TemplateError, UserNotes } from '../../../shared/template/index.js';
import { RenderBudget } from '../../../shared/render/budget.js';

const cr = { metadata: { name: 'ledger', namespace: 'books' }, spec: { tier: 'gold', image: 'reg/ledger' } };

describe('template: user notes', () => {
  const notes = new UserNotes([
    { name: 'fullName', expression: '{{ .metadata.namespace }}/{{ shortName }}' },
    { name: 'shortName', expression: '  {{ truncateName .metadata.name 3 }}  ' },
    { name: 'isGold', expression: '{{ eq .spec.tier "gold" }}' },
    { name: 'upper', expression: 'shadowed' },
    { name: 'broken', expression: '{{ index .spec.image 70 }}' },
  ]);

  for (const [template, want] of [
    ['{{ fullName }}', 'books/led'],
    ['{{ if isGold }}gold{{ else }}plain{{ end }}', 'gold'],
    ['{{ upper }}', 'shadowed'],
    ['{{ shortName | printf "%s!" }}', 'led!'],
  ] as const) {
    it(`renders ${template} as ${want}`, () => {
      expect(executeTemplate(template, cr, { notes })).to.equal(want);
    });
  }

  it('keeps a boolean result typed, and trims text', () => {
    expect(evaluateTyped('{{ isGold }}', cr, { notes })).to.equal(true);
    expect(evaluateTyped('{{ shortName }}', cr, { notes })).to.equal('led');
  });

  it('is unknown outside its scope, and known inside it', () => {
    expect(checkTemplate('{{ fullName }}')?.reason).to.equal('function "fullName" is not defined');
    expect(checkTemplate('{{ fullName }}', notes)).to.equal(undefined);
    // The same text means another function in another scope: the parse cache keeps them apart.
    const other = new UserNotes([{ name: 'fullName', expression: 'other' }]);
    expect(executeTemplate('{{ fullName }}', cr, { notes: other })).to.equal('other');
    expect(executeTemplate('{{ fullName }}', cr, { notes })).to.equal('books/led');
  });

  it('refuses arguments to a note at parse time', () => {
    expect(checkTemplate('{{ shortName "x" }}', notes)?.reason).to.match(/shortName/);
  });

  it('reports an error inside a note at the call, naming the note', () => {
    expect(() => executeTemplate('{{ broken }}', cr, { notes }))
      .to.throw(TemplateError)
      .with.property('reason')
      .that.matches(/^broken: in the note's expression: index: /);
  });

  it('charges a note to the caller: a loop of notes stops at the depth limit, a big one at the step limit', () => {
    const loop = new UserNotes([{ name: 'again', expression: '{{ again }}' }]);
    expect(() => executeTemplate('{{ again }}', cr, { notes: loop })).to.throw(/more than 32 deep/);
    const heavy = new UserNotes([{ name: 'spin', expression: '{{ range 100000 }}x{{ end }}' }]);
    expect(() => executeTemplate('{{ spin }}{{ spin }}', cr, { notes: heavy, maxSteps: 150_000 })).to.throw(/more than 150000 steps|more than \d+ steps/);
    const budget = new RenderBudget('books/ledger', { maxSteps: 1000 });
    expect(() => executeTemplate('{{ spin }}', cr, { notes: heavy, budget })).to.throw(/render budget/);
  });
});

describe('template: note references and cycles', () => {
  it('finds the notes an expression calls', () => {
    expect(notesCalled('{{ if a }}{{ b | c }}{{ end }} d', new Set(['a', 'b', 'd']))).to.deep.equal(['a', 'b']);
    expect(notesCalled('{{ unclosed', new Set(['unclosed']))).to.deep.equal([]);
  });

  it('names the chain of a cycle, and finds none in a chain that ends', () => {
    expect(noteCycle([{ name: 'a', expression: '{{ b }}' }, { name: 'b', expression: '{{ c }}' }, { name: 'c', expression: '{{ a }}' }])).to.deep.equal(['a', 'b', 'c', 'a']);
    expect(noteCycle([{ name: 'self', expression: '{{ if .x }}{{ self }}{{ end }}' }])).to.deep.equal(['self', 'self']);
    expect(noteCycle([{ name: 'a', expression: '{{ b }}{{ b }}' }, { name: 'b', expression: 'leaf' }])).to.equal(undefined);
  });
});
