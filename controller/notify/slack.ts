// One alert to a Slack incoming webhook: upstream's payload (the text, then the Katalog and the
// team as attachment fields, colour "warning"), one POST per alert whatever the channels listed
// (the webhook decides where it lands), 5 s to answer. The webhook URL carries its secret in the
// path, so no message here ever shows more of it than the scheme and host.
import { boundedRequest, HttpCallError } from '../cross/http.js';

export interface SlackAlert {
  webhook: string;
  text: string;
  katalog: string;
  team: string;
  cr: string;
}

const SLACK_TIMEOUT_MS = 5_000;
const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

/** The webhook as it may be shown: scheme and host only. */
export function webhookOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '<unparsable URL>';
  }
}

/** Why this URL is not a webhook this runtime posts to, or undefined: https, or http to loopback. */
export function webhookProblem(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'is not a URL';
  }
  if (u.protocol === 'https:') return undefined;
  if (u.protocol === 'http:' && LOOPBACK.has(u.hostname)) return undefined;
  return 'must be an https URL (a Slack incoming webhook is https://hooks.slack.com/services/…)';
}

/** @throws Error with a short reason that never carries the webhook's path. */
export async function sendSlack(alert: SlackAlert): Promise<void> {
  const problem = webhookProblem(alert.webhook);
  if (problem) throw new Error(`the Slack webhook ${webhookOrigin(alert.webhook)} ${problem}`);
  const body = JSON.stringify({
    text: alert.text,
    attachments: [{ color: 'warning', fields: [{ title: 'Katalog', value: alert.katalog, short: true }, { title: 'Team', value: alert.team, short: true }, { title: 'CR', value: alert.cr, short: true }] }],
  });
  try {
    const answer = await boundedRequest({ url: alert.webhook, method: 'POST', headers: { 'content-type': 'application/json' }, body, timeoutMs: SLACK_TIMEOUT_MS, maxBytes: 16 * 1024 });
    if (answer.status < 200 || answer.status >= 300) throw new Error(`Slack webhook ${webhookOrigin(alert.webhook)} answered HTTP ${answer.status}`);
  } catch (e) {
    if (e instanceof HttpCallError) throw new Error(`Slack webhook ${webhookOrigin(alert.webhook)}: ${e.reason}`);
    throw e;
  }
}
