import { expect } from 'chai';
import { checkTemplate, executeTemplate, TemplateError } from '../../../shared/template/index.js';

describe('shared/template syntax errors', () => {
  // [template, line, col, reason fragment]
  const cases: [string, number, number, string][] = [
    ['{{ .spec.x | nope }}', 1, 14, 'function "nope" is not defined'],
    ['line one\n  {{ .a }}\n  {{ toLowr .b }}', 3, 6, 'function "toLowr" is not defined'],
    ['{{ if .a }}\n  yes\n', 1, 1, '{{if}} has no matching {{end}}'],
    ['a\n{{ range .items }}\n{{ with .x }}\n{{ end }}', 2, 1, '{{range}} has no matching {{end}}'],
    ['ok\n\n   {{ end }}', 3, 4, 'unexpected {{end}}'],
    ['{{ else }}', 1, 1, 'unexpected {{else}}'],
    ['{{ if .a }}x{{ else }}y{{ else }}z{{ end }}', 1, 24, 'a second {{else}}'],
    ['{{ .a', 1, 1, 'unclosed action'],
    ['x\n  {{ "abc }}', 2, 6, 'unterminated string'],
    ['{{ `abc }}', 1, 4, 'unterminated raw string'],
    ['{{ $y }}', 1, 4, 'undefined variable "$y"'],
    ['{{ if true }}{{ $v := 1 }}{{ end }}{{ $v }}', 1, 39, 'undefined variable "$v"'],
    ['{{ $x = 1 }}', 1, 4, 'undefined variable "$x"'],
    ['{{ replace "a" .s }}', 1, 4, 'wrong number of arguments for "replace": want 3, got 2'],
    ['{{ .s | replace "a" }}', 1, 9, 'want 3, got 2 (counting the piped value'],
    ['{{ not 1 2 }}', 1, 4, 'wrong number of arguments for "not": want 1, got 2'],
    ['{{ default }}', 1, 4, 'want 1 to 2, got 0'],
    ['{{ .a .b }}', 1, 7, '.a is not a function and cannot take arguments'],
    ['{{ "x" | .a }}', 1, 10, 'cannot pipe a value into .a'],
    ['{{ .a | "lit" }}', 1, 9, 'cannot pipe a value into "lit"'],
    ['{{ nil }}', 1, 4, 'nil is not a command'],
    ['{{ }}', 1, 4, 'empty action'],
    ['{{ .a | }}', 1, 9, 'missing command after "|"'],
    ['{{ (.a }}', 1, 4, 'unclosed "("'],
    ['{{ .a) }}', 1, 6, 'unexpected ")"'],
    ['{{ 1x }}', 1, 4, 'bad number syntax: "1x"'],
    ['{{ 3i }}', 1, 4, 'complex numbers are not supported'],
    ['{{ "\\q" }}', 1, 5, 'invalid escape "\\q"'],
    ['{{ # }}', 1, 4, 'unexpected character "#"'],
    ['{{ .a"x" }}', 1, 6, 'unexpected character'],
    ['{{ a : b }}', 1, 6, 'unexpected ":"'],
    ['{{ x := 1 }}', 1, 4, 'function "x" is not defined'],
    ['{{ /* c */ }}', 1, 4, 'unexpected character "/"'],
    ['{{/* c */ x }}', 1, 10, 'a comment must end right before "}}"'],
    ['{{/* never closed }}', 1, 1, 'unclosed comment'],
    ['{{ if .a }}{{ else with .b }}{{ end }}', 1, 20, '{{else with}} cannot follow {{if}}'],
    ['{{ range .a }}{{ else if .b }}{{ end }}', 1, 23, '{{range}} may only be followed by a plain {{else}}'],
    ['{{ $a, $b := .x }}', 1, 4, 'only {{range}} takes two'],
    ['{{ ($a := 1) }}', 1, 5, 'inside parentheses'],
    ['{{ $ := 1 }}', 1, 4, 'cannot assign to "$"'],
    ['{{ printf.x }}', 1, 10, 'cannot read a field of function "printf"'],
    ['{{ $x := 1 }}{{ $x. }}', 1, 19, 'a field name must follow "."'],
    ['{{ if if }}{{ end }}', 1, 7, 'unexpected keyword "if"'],
    ['{{ printf "%s" toLower }}', 1, 16, 'function "toLower" needs arguments here'],
    // unsupported keywords are named
    ['{{ define "x" }}a{{ end }}', 1, 4, '{{define}} cannot be used'],
    ['{{ template "x" . }}', 1, 4, '{{template}} cannot be used'],
    ['{{ block "x" . }}a{{ end }}', 1, 4, '{{block}} cannot be used'],
    ['{{ range .a }}{{ break }}{{ end }}', 1, 18, '{{break}} is not supported'],
    ['{{ range .a }}{{ continue }}{{ end }}', 1, 18, '{{continue}} is not supported'],
  ];
  for (const [template, line, col, reason] of cases) {
    it(`${JSON.stringify(template)} → ${line}:${col} ${reason}`, () => {
      const err = checkTemplate(template);
      expect(err, 'expected a syntax error').to.be.instanceOf(TemplateError);
      expect(err?.code).to.equal('TEMPLATE_SYNTAX');
      expect(err?.reason).to.contain(reason);
      expect([err?.line, err?.col]).to.deep.equal([line, col]);
      expect(err?.message).to.contain(`line ${line} col ${col}: `);
    });
  }

  it('throws the syntax error from executeTemplate too', () => {
    expect(() => executeTemplate('{{ nope }}', {})).to.throw(TemplateError, 'function "nope" is not defined');
  });

  const valid = [
    '{{ if .a }}{{ else if .b }}{{ else if .c }}{{ else }}{{ end }}',
    '{{ with .a }}{{ else with .b }}{{ else }}{{ end }}',
    '{{ range $i, $v := .a }}{{ $i }}{{ $v }}{{ else }}{{ end }}',
    '{{ $x := 1 }}{{ $x = 2 }}{{ $x }}',
    '{{ if $v := .a }}{{ $v }}{{ else }}{{ $v }}{{ end }}',
    '{{ printf "%d" (add 1 (mul 2 3)) }}',
    '{{- /* comment */ -}}',
    '{{\n  .a\n  | default "x"\n}}',
    '{{ index . "a-b" }}',
    '{{ .a }}}}{{',
  ];
  for (const t of valid.slice(0, -1)) {
    it(`accepts ${JSON.stringify(t)}`, () => expect(checkTemplate(t)).to.equal(undefined));
  }
  it('rejects a lone trailing "{{" as an unclosed action', () => {
    expect(checkTemplate(valid[valid.length - 1] as string)?.reason).to.contain('unclosed action');
  });
});
