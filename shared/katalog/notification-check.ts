// Checks the `notification` block and the `notify:` of conditions beyond the schema: intervals
// that are durations, webhooks this runtime would post to (https, or http to loopback; `$NAME` is
// read from the environment at start), and teams a condition names that the block does not
// declare — skipped at run time as upstream does, so a warning, not an error (a Komposer may
// declare the team). Pure.
import type { Issue } from '../errors.js';
import { parseDuration } from './durations.js';
import { formatPath, type PathSegment } from './path.js';
import type { Locator } from './yaml-source.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
const ENV_REF = /^\$[A-Za-z_][A-Za-z0-9_]*$/;
const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/;

export function notificationIssues(doc: Rec, file: string, locate: Locator): Issue[] {
  const issues: Issue[] = [];
  const at = (path: PathSegment[], message: string, severity?: 'warning', part: 'key' | 'value' = 'value') =>
    issues.push({ file, ...locate(path, part), path: formatPath(path), message, ...(severity ? { severity } : {}) });
  const block = isRecord(doc.notification) ? doc.notification : undefined;
  if (block) blockIssues(block, at);
  const declared = new Set(Object.keys(isRecord(block?.teams) ? block.teams : {}));
  for (const { path, teams } of notifyUses(doc.spec, ['spec'])) {
    if (!block) {
      at(path, 'no notification block declares teams, so this alert is never sent; add notification.teams (here or in the Komposer)', 'warning', 'key');
      continue;
    }
    for (const team of teams) {
      if (!declared.has(team)) at(path, `team '${team}' is not in notification.teams, so its alert is skipped; declare it (here or in the Komposer)`, 'warning', 'key');
    }
  }
  return issues;
}

type At = (path: PathSegment[], message: string, severity?: 'warning', part?: 'key' | 'value') => void;

function blockIssues(block: Rec, at: At): void {
  const defaults = isRecord(block.defaults) ? block.defaults : {};
  interval(defaults.interval, ['notification', 'defaults', 'interval'], at);
  webhook(defaults.slackWebhookUrl, ['notification', 'defaults', 'slackWebhookUrl'], at);
  if (isRecord(block.slack)) webhook(block.slack.webhook, ['notification', 'slack', 'webhook'], at);
  for (const [name, team] of Object.entries(isRecord(block.teams) ? block.teams : {})) {
    if (!isRecord(team)) continue;
    const path = ['notification', 'teams', name];
    interval(team.interval, [...path, 'interval'], at);
    webhook(team.slackWebhookUrl, [...path, 'slackWebhookUrl'], at);
    if (isRecord(team.slack)) webhook(team.slack.webhook, [...path, 'slack', 'webhook'], at);
  }
  if (block.standalone === false) at(['notification', 'standalone'], 'standalone: false asks the Go runtime to send through its gateway; this runtime sends alerts itself', 'warning', 'key');
}

function interval(value: unknown, path: PathSegment[], at: At): void {
  if (typeof value === 'string' && parseDuration(value) === undefined) at(path, `"${value}" is not a duration: write e.g. 15m or 1h`);
}

function webhook(value: unknown, path: PathSegment[], at: At): void {
  if (typeof value !== 'string' || value === '' || ENV_REF.test(value)) return;
  if (value.startsWith('https://') || LOOPBACK.test(value)) return;
  at(path, 'a Slack webhook must be an https URL (https://hooks.slack.com/services/…), or $NAME to read it from the environment');
}

/** Every condition with `notify:` under `value`: where, and the teams it names. */
function notifyUses(value: unknown, path: PathSegment[], found: { path: PathSegment[]; teams: string[] }[] = []): { path: PathSegment[]; teams: string[] }[] {
  if (Array.isArray(value)) value.forEach((v, i) => notifyUses(v, [...path, i], found));
  else if (isRecord(value)) {
    if ('field' in value && value.notify !== undefined) {
      const notify = value.notify;
      const list = Array.isArray(notify) ? notify : isRecord(notify) && Array.isArray(notify.teams) ? notify.teams : [];
      found.push({ path: [...path, 'notify'], teams: list.filter((t): t is string => typeof t === 'string') });
    }
    for (const [k, v] of Object.entries(value)) if (k !== 'notify') notifyUses(v, [...path, k], found);
  }
  return found;
}
