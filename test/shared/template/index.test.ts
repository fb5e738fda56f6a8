import { expect } from 'chai';
import {
  checkTemplate,
  evaluateTyped,
  executeTemplate,
  isTemplate,
  parseTemplate,
  TemplateError,
} from '../../../shared/template/index.js';
import { OrkError } from '../../../shared/errors.js';

const cr = {
  apiVersion: 'example.com/v1',
  kind: 'Website',
  metadata: { name: 'shop', namespace: 'prod', labels: { tier: 'web', app: 'shop' }, annotations: {} },
  spec: {
    image: 'nginx:1.25',
    replicas: 3,
    ratio: 0.75,
    enabled: true,
    disabled: false,
    zero: 0,
    empty: '',
    nothing: null,
    hosts: ['a.example.com', 'b.example.com'],
    noHosts: [],
    ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }],
    env: { LOG: 'debug', MODE: 'fast' },
  },
};

function render(t: string, data: unknown = cr): string {
  return executeTemplate(t, data);
}

describe('shared/template rendering', () => {
  const cases: [string, string, string][] = [
    // [name, template, expected]
    ['plain text stays', 'hello world', 'hello world'],
    ['field access', '{{ .metadata.name }}', 'shop'],
    ['nested field in text', 'svc-{{ .metadata.name }}.{{ .metadata.namespace }}.svc', 'svc-shop.prod.svc'],
    ['integer field', '{{ .spec.replicas }}', '3'],
    ['float field', '{{ .spec.ratio }}', '0.75'],
    ['bool field', '{{ .spec.enabled }}/{{ .spec.disabled }}', 'true/false'],
    ['missing field is empty', '[{{ .spec.nope }}]', '[]'],
    ['field of missing field is empty', '[{{ .spec.nope.deeper.still }}]', '[]'],
    ['explicit null is empty', '[{{ .spec.nothing }}]', '[]'],
    ['list prints like Go', '{{ .spec.hosts }}', '[a.example.com b.example.com]'],
    ['map prints like Go with sorted keys', '{{ .metadata.labels }}', 'map[app:shop tier:web]'],
    ['dollar is the root', '{{ with .spec }}{{ $.metadata.name }}{{ end }}', 'shop'],
    ['dot alone inside with', '{{ with .spec.image }}{{ . }}{{ end }}', 'nginx:1.25'],
    ['string literal', '{{ "a\\tb" }}', 'a\tb'],
    ['raw string literal', '{{ `a\\tb` }}', 'a\\tb'],
    ['number literals', '{{ 42 }} {{ -7 }} {{ 1.5 }} {{ 0x1F }} {{ 1_000 }} {{ 0o17 }}', '42 -7 1.5 31 1000 15'],
    ['char literal is its code point', "{{ 'A' }}", '65'],
    ['bool literals', '{{ true }} {{ false }}', 'true false'],
    ['parenthesised pipeline', '{{ (len .spec.hosts) }}', '2'],
    ['field of parenthesised value', '{{ (index .spec.ports 1).port }}', '443'],
    ['variable field chain', '{{ $p := index .spec.ports 0 }}{{ $p.name }}:{{ $p.port }}', 'http:80'],
    // pipelines
    ['pipeline passes value last', '{{ "-" | replace .spec.image ":" }}', 'nginx-1.25'],
    ['three stage pipeline', '{{ .metadata.name | toUpper | printf "%s!" }}', 'SHOP!'],
    ['pipeline into default', '{{ .spec.nope | default "none" }}', 'none'],
    // if / else if / else
    ['if true', '{{ if .spec.enabled }}on{{ end }}', 'on'],
    ['if false takes else', '{{ if .spec.disabled }}on{{ else }}off{{ end }}', 'off'],
    ['else if chain', '{{ if eq .spec.replicas 1 }}one{{ else if eq .spec.replicas 3 }}three{{ else }}many{{ end }}', 'three'],
    ['else if falls to else', '{{ if .spec.zero }}a{{ else if .spec.empty }}b{{ else }}c{{ end }}', 'c'],
    ['empty list is false', '{{ if .spec.noHosts }}y{{ else }}n{{ end }}', 'n'],
    ['empty map is false', '{{ if .metadata.annotations }}y{{ else }}n{{ end }}', 'n'],
    ['non-empty map is true', '{{ if .spec.env }}y{{ else }}n{{ end }}', 'y'],
    ['missing is false', '{{ if .spec.nope }}y{{ else }}n{{ end }}', 'n'],
    ['if with and/or/not', '{{ if and .spec.enabled (not .spec.disabled) }}a{{ end }}{{ if or .spec.zero .spec.empty }}b{{ end }}', 'a'],
    // range
    ['range over list', '{{ range .spec.hosts }}<{{ . }}>{{ end }}', '<a.example.com><b.example.com>'],
    ['range with index and value', '{{ range $i, $h := .spec.hosts }}{{ $i }}={{ $h }};{{ end }}', '0=a.example.com;1=b.example.com;'],
    ['range with one variable binds the element', '{{ range $h := .spec.hosts }}{{ $h }},{{ end }}', 'a.example.com,b.example.com,'],
    ['range over map in sorted key order', '{{ range $k, $v := .spec.env }}{{ $k }}={{ $v }} {{ end }}', 'LOG=debug MODE=fast '],
    ['range over map of maps', '{{ range .spec.ports }}{{ .name }}/{{ .port }} {{ end }}', 'http/80 https/443 '],
    ['range else on empty', '{{ range .spec.noHosts }}x{{ else }}none{{ end }}', 'none'],
    ['range else on missing', '{{ range .spec.nope }}x{{ else }}none{{ end }}', 'none'],
    ['range over an integer', '{{ range 3 }}{{ . }}{{ end }}', '012'],
    ['dollar inside range', '{{ range .spec.hosts }}{{ $.metadata.name }}{{ end }}', 'shopshop'],
    // with
    ['with sets dot', '{{ with .spec.env }}{{ .LOG }}{{ end }}', 'debug'],
    ['with else on empty', '{{ with .spec.empty }}x{{ else }}empty{{ end }}', 'empty'],
    ['else with chain', '{{ with .spec.nope }}a{{ else with .spec.image }}{{ . }}{{ end }}', 'nginx:1.25'],
    ['with variable', '{{ with $e := .spec.env }}{{ $e.MODE }}{{ end }}', 'fast'],
    // variables
    ['declaration prints nothing', '{{ $x := 5 }}[{{ $x }}]', '[5]'],
    ['assignment changes outer variable', '{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}', '2'],
    ['redeclaration shadows', '{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ end }}{{ $x }}', '1'],
    ['accumulating in range', '{{ $n := 0 }}{{ range .spec.ports }}{{ $n = add $n .port }}{{ end }}{{ $n }}', '523'],
    // comments and trimming
    ['comment disappears', 'a{{/* note */}}b', 'ab'],
    ['multi-line comment', 'a{{/* one\ntwo */}}b', 'ab'],
    ['trim both sides', 'a  \n {{- .metadata.name -}} \n  b', 'ashopb'],
    ['trim left only', 'a  {{- "x" }}  b', 'ax  b'],
    ['trim right only', 'a  {{ "x" -}}  b', 'a  xb'],
    ['trimmed comment', 'a \n{{- /* c */ -}}\n b', 'ab'],
    ['trim in range lines', '{{- range .spec.hosts }}\n- {{ . }}\n{{- end }}', '\n- a.example.com\n- b.example.com'],
    ['minus number is not a trim marker', '{{-3}}', '-3'],
    // comparisons
    ['eq numbers across int and float', '{{ eq 1 1.0 }} {{ eq .spec.ratio 0.75 }}', 'true true'],
    ['eq with several candidates', '{{ eq .metadata.namespace "dev" "prod" }}', 'true'],
    ['ne', '{{ ne .spec.replicas 3 }} {{ ne "a" "b" }}', 'false true'],
    ['lt le gt ge on numbers', '{{ lt 1 2 }}{{ le 2 2 }}{{ gt 1 2 }}{{ ge 2.5 2 }}', 'truetruefalsetrue'],
    ['ordering strings', '{{ lt "abc" "abd" }} {{ gt "b" "a" }}', 'true true'],
    ['missing equals nil only', '{{ eq .spec.nope nil }} {{ eq .spec.nope "" }}', 'true false'],
    ['and returns first false value', '{{ and 1 0 2 }}|{{ and 1 2 }}', '0|2'],
    ['or returns first true value', '{{ or 0 "" "z" }}|{{ or 0 "" }}', 'z|'],
    ['and short-circuits', '{{ and false (div 1 0) }}', 'false'],
    // builtins
    ['len of string list map', '{{ len "abc" }} {{ len .spec.hosts }} {{ len .spec.env }} {{ len .spec.nope }}', '3 2 2 0'],
    ['index into map, list and nested', '{{ index .spec.env "LOG" }} {{ index .spec.hosts 1 }} {{ index .spec.ports 0 "name" }}', 'debug b.example.com http'],
    ['index of missing key is empty', '[{{ index .metadata.labels "app.kubernetes.io/name" }}]', '[]'],
    ['print spaces non-strings', '{{ print 1 2 "a" "b" 3 }}', '1 2ab3'],
    ['printf', '{{ printf "%s-%03d" .metadata.name .spec.replicas }}', 'shop-003'],
    ['a function without arguments as an argument is called', '{{ printf "[%s]" print }}', '[]'],
  ];
  for (const [name, template, expected] of cases) {
    it(name, () => expect(render(template)).to.equal(expected));
  }
});

describe('shared/template typed substitution', () => {
  const cases: [string, string, unknown][] = [
    ['integer stays a number', '{{ .spec.replicas }}', 3],
    ['surrounding whitespace allowed', '  {{ .spec.replicas }}\n', 3],
    ['float stays a number', '{{ .spec.ratio }}', 0.75],
    ['bool stays a bool', '{{ .spec.enabled }}', true],
    ['false stays false', '{{ .spec.disabled }}', false],
    ['map stays a map', '{{ .spec.env }}', { LOG: 'debug', MODE: 'fast' }],
    ['list stays a list', '{{ .spec.hosts }}', ['a.example.com', 'b.example.com']],
    ['missing is undefined', '{{ .spec.nope }}', undefined],
    ['function result keeps type', '{{ add .spec.replicas 2 }}', 5],
    ['piped default keeps type', '{{ .spec.nope | default 7 }}', 7],
    ['string result stays a string', '{{ .spec.image }}', 'nginx:1.25'],
    ['printf gives a string', '{{ printf "%d" .spec.replicas }}', '3'],
    ['mixed text renders a string', 'x{{ .spec.replicas }}', 'x3'],
    ['two actions render a string', '{{ .spec.replicas }}{{ .spec.replicas }}', '33'],
    ['a declaration alone renders a string', '{{ $x := 1 }}', ''],
    ['an if block renders a string', '{{ if true }}{{ 3 }}{{ end }}', '3'],
    ['no action is returned unchanged', 'just text', 'just text'],
  ];
  for (const [name, template, expected] of cases) {
    it(name, () => expect(evaluateTyped(template, cr)).to.deep.equal(expected));
  }

  it('returns a copy, so changing it leaves the data alone', () => {
    const env = evaluateTyped('{{ .spec.env }}', cr) as Record<string, string>;
    env.LOG = 'changed';
    expect(cr.spec.env.LOG).to.equal('debug');
  });

  it('returns text without an action even when it would not parse as one', () => {
    expect(evaluateTyped('a } b {', cr)).to.equal('a } b {');
  });
});

describe('shared/template API', () => {
  it('isTemplate looks for an action', () => {
    expect(isTemplate('a {{ .b }}')).to.equal(true);
    expect(isTemplate('a { .b }')).to.equal(false);
    expect(isTemplate('')).to.equal(false);
  });

  it('parseTemplate caches: the same text gives the same parsed template', () => {
    const a = parseTemplate('{{ .metadata.name }}-cache');
    expect(parseTemplate('{{ .metadata.name }}-cache')).to.equal(a);
    expect(a.source).to.equal('{{ .metadata.name }}-cache');
    expect(executeTemplate(a, cr)).to.equal('shop-cache');
  });

  it('bounds the parse cache: old entries are dropped, not kept forever', () => {
    const first = parseTemplate('{{ .evicted }}');
    for (let i = 0; i < 10_050; i++) parseTemplate(`{{ .n${i} }}`);
    const again = parseTemplate('{{ .evicted }}');
    expect(again).to.not.equal(first);
    expect(executeTemplate(again, { evicted: 'ok' })).to.equal('ok');
  });

  it('checkTemplate returns the syntax error or undefined', () => {
    expect(checkTemplate('{{ .a }}')).to.equal(undefined);
    const err = checkTemplate('{{ .a | nope }}');
    expect(err).to.be.instanceOf(TemplateError);
    expect(err?.code).to.equal('TEMPLATE_SYNTAX');
    // cached failures are returned again
    expect(checkTemplate('{{ .a | nope }}')?.reason).to.equal('function "nope" is not defined');
  });

  it('TemplateError is an OrkError with a full sentence message and a bare reason', () => {
    const err = checkTemplate('{{ .spec.x | nope }}');
    expect(err).to.be.instanceOf(OrkError);
    expect(err?.message).to.equal('template "{{ .spec.x | nope }}" line 1 col 14: function "nope" is not defined');
    expect(err?.template).to.equal('{{ .spec.x | nope }}');
    expect([err?.line, err?.col]).to.deep.equal([1, 14]);
  });

  it('shortens long templates in messages but keeps the whole text on the error', () => {
    const long = `${'x'.repeat(200)}{{ nope }}`;
    const err = checkTemplate(long);
    expect(err?.message.length).to.be.lessThan(150);
    expect(err?.message).to.contain('…');
    expect(err?.template).to.equal(long);
    expect([err?.line, err?.col]).to.deep.equal([1, 204]);
  });

  it('renders the same input twice to the same output', () => {
    const t = '{{ toJson .spec }}|{{ toYaml .metadata }}|{{ range $k, $v := .spec.env }}{{ $k }}{{ end }}';
    expect(render(t)).to.equal(render(t));
  });

  it('does not depend on the key order of the data', () => {
    const a = { m: { b: 1, a: 2 } };
    const b = { m: { a: 2, b: 1 } };
    const t = '{{ toJson .m }} {{ .m }} {{ range $k, $v := .m }}{{ $k }}{{ end }}';
    expect(render(t, a)).to.equal(render(t, b));
    expect(render(t, a)).to.equal('{"a":2,"b":1} map[a:2 b:1] ab');
  });

  it('accepts a ParsedTemplate-like object by its source', () => {
    expect(executeTemplate({ source: '{{ .metadata.namespace }}' }, cr)).to.equal('prod');
  });
});
