// Sends the alerts of held `notify:` conditions (shared/notify/notices.ts) to their teams' Slack
// webhooks and mailboxes, at most once per team interval for one CR and condition (upstream keys
// its interval by Katalog, condition and team only, so one CR's alert silences every other CR's;
// here each CR is alerted on its own). Sending never holds a reconcile: notify() starts the sends
// and returns their promise, which the reconciler does not await. State is in memory, as
// upstream's: a restart may repeat an alert.
import type { UserNote } from '../../shared/katalog/types.js';
import { teamInterval, teamMessage, teamWebhook, type NotificationConfig } from '../../shared/notify/config.js';
import { alertText } from '../../shared/notify/message.js';
import type { Notice } from '../../shared/notify/notices.js';
import { sendSlack, type SlackAlert } from './slack.js';
import { sendEmail, smtpSettings, type EmailAlert } from './email.js';

export interface NotifierOptions {
  config: NotificationConfig;
  katalogName: string;
  env: Record<string, string | undefined>;
  now: () => number;
  notes?: readonly UserNote[];
  warn: (message: string, fields: Record<string, unknown>) => void;
  info?: (message: string, fields: Record<string, unknown>) => void;
  /** The channels; tests may replace them. */
  slack?: (alert: SlackAlert) => Promise<void>;
  email?: (alert: EmailAlert) => Promise<void>;
}

/** Past this many remembered alerts, the ones whose interval is over are forgotten first. */
const MAX_REMEMBERED = 10_000;
/** After a failed send, the alert may go again this soon (not a whole interval later). */
const RETRY_AFTER_FAILURE_MS = 60_000;

export class Notifier {
  /** When each (CRD, CR, condition, team) was last alerted, and that team's interval. */
  private readonly sent = new Map<string, { at: number; intervalMs: number }>();

  constructor(private readonly options: NotifierOptions) {}

  notify(crdName: string, cr: { namespace?: string; name: string }, notices: readonly Notice[]): Promise<void> {
    const { config, now } = this.options;
    if (!config.enabled || notices.length === 0) return Promise.resolve();
    const crName = cr.namespace ? `${cr.namespace}/${cr.name}` : cr.name;
    const sends: Promise<void>[] = [];
    for (const notice of notices) {
      for (const team of notice.teams) {
        // A team the block does not declare is skipped, as upstream does (ork validate warns).
        if (!config.teams.has(team)) continue;
        const key = `${crdName}|${crName}|${notice.key}|${team}`;
        const last = this.sent.get(key);
        const at = now();
        if (last && at - last.at < last.intervalMs) continue;
        const intervalMs = teamInterval(config, team);
        this.remember(key, { at, intervalMs });
        sends.push(this.send(team, notice, crName).then((ok) => {
          if (!ok) this.sent.set(key, { at, intervalMs: Math.min(intervalMs, RETRY_AFTER_FAILURE_MS) });
        }));
      }
    }
    return Promise.all(sends).then(() => undefined);
  }

  /** Sends one alert on every channel the team has; true when at least one took it (or none applies). */
  private async send(team: string, notice: Notice, crName: string): Promise<boolean> {
    const { config, env, katalogName } = this.options;
    const members = config.teams.get(team)!;
    const text = alertText(teamMessage(config, team, notice.message), notice.data, crName, this.options.notes);
    const attempts: Array<[string, Promise<void>]> = [];
    const webhook = members.slack.length > 0 ? teamWebhook(config, team, env) : undefined;
    if (webhook) attempts.push(['slack', (this.options.slack ?? sendSlack)({ webhook, text, katalog: katalogName, team, cr: crName })]);
    const smtp = members.email.length > 0 ? smtpSettings(env) : undefined;
    if (smtp) {
      const subject = `[orkestra] ${notice.field} condition triggered`;
      attempts.push(['email', (this.options.email ?? sendEmail)({ smtp, to: members.email, subject, text, katalog: katalogName, team })]);
    }
    if (attempts.length === 0) return true;
    let delivered = false;
    for (const [channel, attempt] of attempts) {
      try {
        await attempt;
        delivered = true;
        this.options.info?.('notification sent', { team, channel, cr: crName, condition: notice.field });
      } catch (e) {
        this.options.warn('notification not sent', { team, channel, cr: crName, condition: notice.field, reason: e instanceof Error ? e.message : String(e) });
      }
    }
    return delivered;
  }

  private remember(key: string, value: { at: number; intervalMs: number }): void {
    this.sent.delete(key);
    this.sent.set(key, value);
    if (this.sent.size <= MAX_REMEMBERED) return;
    const at = this.options.now();
    for (const [k, v] of this.sent) if (at - v.at >= v.intervalMs) this.sent.delete(k);
    // Still full: the oldest go (insertion order), the price being a repeated alert.
    for (const k of this.sent.keys()) {
      if (this.sent.size <= MAX_REMEMBERED) break;
      this.sent.delete(k);
    }
  }
}
