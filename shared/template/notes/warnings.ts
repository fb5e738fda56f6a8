// Warning event notes: read the Warning events upstream's `enrich: [events]` embeds under
// `_warnings` in a child ({reason, message, …} each). Without that key every note answers its
// zero value, so templates using them render before enrichment exists.
import type { FuncDef } from '../func-def.js';
import { asMap, embedded, joinTexts, text } from './kube-object.js';
import { note, type DocLine } from './note.js';

const warn = (name: string, doc: DocLine, call: (obj: unknown) => unknown): FuncDef => note('warnings', name, [1, 1], doc, (a) => call(a[0]));

const warnings = (obj: unknown): unknown[] => embedded(obj, '_warnings');
const fieldOf = (key: string) => (obj: unknown): string => joinTexts(warnings(obj).map((w) => asMap(w)?.[key]));

export const WARNING_NOTES: FuncDef[] = [
  warn('hasWarnings', ['hasWarnings OBJ', 'Whether _warnings holds at least one event.', '{{ hasWarnings .children.deployment }}'], (o) => warnings(o).length > 0),
  warn('warningCount', ['warningCount OBJ', 'How many warning events _warnings holds; 0 without enrichment.', '{{ warningCount .children.deployment }}'], (o) => warnings(o).length),
  warn('firstWarning', ['firstWarning OBJ', 'The message of the first warning event; "" when none.', '{{ firstWarning .children.deployment }}'], (o) => text(asMap(warnings(o)[0])?.message)),
  warn('warningMessages', ['warningMessages OBJ', 'Every warning message, joined with ", ".', '{{ warningMessages .children.deployment }}'], fieldOf('message')),
  // Upstream's reference calls the reasons de-duplicated; its code joins every one, and so does this.
  warn('warningReasons', ['warningReasons OBJ', 'Every warning reason in order, joined with ", " (repeats kept, as upstream code does).', '{{ warningReasons .children.deployment }}'], fieldOf('reason')),
];
