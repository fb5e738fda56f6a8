// Serve provenance notes: read the annotations upstream's gateway stamps on a CR it creates
// (orkestra.orkspace.io/serve-target, serve-alias, serve-source), so templates can tell gateway
// submissions from direct applies. Pure annotation readers; nothing here serves anything.
import type { FuncDef } from '../func-def.js';
import { section, text } from './kube-object.js';
import { note, type DocLine } from './note.js';

export const SERVE_TARGET = 'orkestra.orkspace.io/serve-target';
export const SERVE_ALIAS = 'orkestra.orkspace.io/serve-alias';
export const SERVE_SOURCE = 'orkestra.orkspace.io/serve-source';

const serve = (name: string, doc: DocLine, call: (obj: unknown) => unknown): FuncDef => note('serve', name, [1, 1], doc, (a) => call(a[0]));
const annotation = (key: string) => (obj: unknown): string => text(section(section(obj, 'metadata'), 'annotations')[key]);
const target = annotation(SERVE_TARGET);
const alias = annotation(SERVE_ALIAS);
const source = annotation(SERVE_SOURCE);

export const SERVE_NOTES: FuncDef[] = [
  serve('getServeTarget', ['getServeTarget OBJ', 'The serve-target annotation (the gateway target that created the CR), or "".', '{{ getServeTarget . }}'], target),
  serve('getServeAlias', ['getServeAlias OBJ', 'The serve-alias annotation; "" when the primary target was used.', '{{ getServeAlias . }}'], alias),
  serve('getServeSource', ['getServeSource OBJ', 'The serve-source annotation (github, gitlab, slack …); "" for direct gateway calls.', '{{ getServeSource . | default "manual" }}'], source),
  serve('hasServeTarget', ['hasServeTarget OBJ', 'Whether the serve-target annotation is set and not empty.', '{{ hasServeTarget . }}'], (o) => target(o) !== ''),
  serve('hasServeAlias', ['hasServeAlias OBJ', 'Whether the serve-alias annotation is set and not empty.', '{{ hasServeAlias . }}'], (o) => alias(o) !== ''),
  serve('hasServeSource', ['hasServeSource OBJ', 'Whether the serve-source annotation is set and not empty.', '{{ hasServeSource . }}'], (o) => source(o) !== ''),
  serve('isDirectApply', ['isDirectApply OBJ', 'Whether none of the three serve annotations is set (kubectl, CI, anything but the gateway).', '{{ isDirectApply . }}'], (o) => target(o) === '' && alias(o) === '' && source(o) === ''),
];
