import { expect } from 'chai';
import { lex } from '../../../shared/template/lexer.js';

function kinds(src: string): string[] {
  return lex(src).map((t) => t.t);
}

describe('shared/template lexer', () => {
  it('splits text and actions', () => {
    expect(kinds('a {{ .b }} c')).to.deep.equal(['text', 'open', 'field', 'close', 'text', 'eof']);
  });

  it('reads a field chain as one token and keeps positions', () => {
    const [, field] = lex('{{ .metadata.name }}');
    expect(field).to.include({ t: 'field', pos: 3, end: 17 });
    expect(field?.names).to.deep.equal(['metadata', 'name']);
  });

  it('drops comments and applies trim markers to neighbouring text', () => {
    const toks = lex('a \n {{- /* c */ -}} \n b');
    expect(toks.map((t) => t.text ?? t.t)).to.deep.equal(['a', 'b', 'eof']);
  });

  it('decodes string escapes, raw strings and characters', () => {
    const values = lex('{{ "a\\n\\x41\\101\\u00e9\\U0001F600\\"" `x\\n` \'\\t\' }}')
      .filter((t) => t.t === 'lit')
      .map((t) => t.value);
    expect(values).to.deep.equal(['a\nAAé😀"', 'x\\n', 9]);
  });

  it('decodes byte escapes as UTF-8', () => {
    const [, lit] = lex('{{ "\\xc3\\xa9" }}');
    expect(lit?.value).to.equal('é');
  });
});
