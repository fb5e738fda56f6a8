// The text of one alert: the message template (the condition's, else the team's, else upstream's
// default) rendered against the data the condition held on, bounded like any render. A template
// that fails gives the default text with the reason, so an alert is never lost to a typo. Pure.
import { isOrkError } from '../errors.js';
import { RenderBudget } from '../render/budget.js';
import { Problems } from '../render/problems.js';
import { FAILED, notesScope, evaluateText } from '../render/templating.js';
import type { UserNote } from '../katalog/types.js';
import { DEFAULT_NOTIFY_MESSAGE } from './config.js';

/** Alerts are short; a longer text is cut here (Slack and mail take it, a reader does not). */
export const MAX_NOTIFY_TEXT = 4000;
/** Template steps one alert text may take. */
const MESSAGE_STEPS = 20_000;

export function alertText(template: string, data: unknown, cr: string, notes?: readonly UserNote[]): string {
  const rendered = render(template, data, cr, notes);
  if (rendered.ok) return cut(rendered.text);
  const fallback = render(DEFAULT_NOTIFY_MESSAGE, data, cr, notes);
  return cut(`${fallback.ok ? fallback.text : `[orkestra] ${cr}: condition triggered`} (message template failed: ${rendered.reason})`);
}

function render(template: string, data: unknown, cr: string, notes?: readonly UserNote[]): { ok: true; text: string } | { ok: false; reason: string } {
  const problems = new Problems(cr);
  const scope = { data, problems, budget: new RenderBudget(cr, { maxSteps: MESSAGE_STEPS }), ...(notesScope(notes) ? { notes: notesScope(notes)! } : {}) };
  try {
    const value = evaluateText(template, scope, 'notify.message');
    if (value === FAILED) return { ok: false, reason: problems.issues[0]?.message ?? 'template error' };
    return { ok: true, text: typeof value === 'string' ? value : JSON.stringify(value) };
  } catch (e) {
    if (isOrkError(e)) return { ok: false, reason: e.message };
    throw e;
  }
}

function cut(text: string): string {
  return text.length <= MAX_NOTIFY_TEXT ? text : `${text.slice(0, MAX_NOTIFY_TEXT - 1)}…`;
}
