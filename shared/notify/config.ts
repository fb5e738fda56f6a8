// The Katalog's `notification` block as the runtime reads it (upstream's KatalogNotification,
// v0.7.17): teams with their channels, the interval between two alerts of one condition, and the
// message. Conditions name teams in `notify: {teams, message}`; notices.ts says when one fires.
// Pure: the environment is passed in, nothing is read here.
import { parseDuration } from '../katalog/durations.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Upstream's hard default between two alerts of one condition to one team. */
export const DEFAULT_NOTIFY_INTERVAL_MS = 15 * 60_000;
/** Upstream's message when neither the condition nor the team gives one. */
export const DEFAULT_NOTIFY_MESSAGE = '[orkestra] {{ .metadata.namespace }}/{{ .metadata.name }}: condition triggered';

export interface NotificationTeam {
  email: string[];
  /** Slack channel names (informational: the webhook decides where a message lands). */
  slack: string[];
  /** As written: a URL, or `$NAME` to read it from the environment. */
  slackWebhookUrl?: string;
  intervalMs?: number;
  message?: string;
}

export interface NotificationConfig {
  enabled: boolean;
  /** `standalone: false` asks upstream to send through its gateway; this runtime always sends itself. */
  standalone?: boolean;
  intervalMs?: number;
  slackWebhookUrl?: string;
  teams: Map<string, NotificationTeam>;
}

/**
 * The block as written (both spellings: `defaults.slackWebhookUrl` and the older
 * `slack.webhook`; a team's `slack` as a list of channels, one channel, or `{webhook, channels}`).
 * Undefined when there is no block. Shapes the schema refuses are read as absent.
 */
export function readNotification(block: unknown): NotificationConfig | undefined {
  if (!isRecord(block)) return undefined;
  const defaults = isRecord(block.defaults) ? block.defaults : {};
  const olderSlack = isRecord(block.slack) ? block.slack : {};
  const teams = new Map<string, NotificationTeam>();
  for (const [name, raw] of Object.entries(isRecord(block.teams) ? block.teams : {})) {
    if (isRecord(raw)) teams.set(name, readTeam(raw));
  }
  const webhook = text(defaults.slackWebhookUrl) ?? text(olderSlack.webhook);
  const intervalMs = duration(defaults.interval);
  return {
    enabled: block.enabled !== false,
    ...(typeof block.standalone === 'boolean' ? { standalone: block.standalone } : {}),
    ...(intervalMs !== undefined ? { intervalMs } : {}),
    ...(webhook !== undefined ? { slackWebhookUrl: webhook } : {}),
    teams,
  };
}

function readTeam(raw: Rec): NotificationTeam {
  const slack = raw.slack;
  const slackBlock = isRecord(slack) ? slack : undefined;
  const channels = slackBlock ? strings(slackBlock.channels) : typeof slack === 'string' ? [slack] : strings(slack);
  const webhook = text(raw.slackWebhookUrl) ?? text(slackBlock?.webhook);
  const intervalMs = duration(raw.interval);
  return {
    email: typeof raw.email === 'string' ? [raw.email] : strings(raw.email),
    // A team that gives only a webhook still means "send to Slack".
    slack: channels.length === 0 && webhook !== undefined ? ['(webhook)'] : channels,
    ...(webhook !== undefined ? { slackWebhookUrl: webhook } : {}),
    ...(intervalMs !== undefined ? { intervalMs } : {}),
    ...(text(raw.message) !== undefined ? { message: raw.message as string } : {}),
  };
}

/** Team interval, else defaults.interval, else 15m (upstream's EffectiveInterval). */
export function teamInterval(config: NotificationConfig, team: string): number {
  return config.teams.get(team)?.intervalMs ?? config.intervalMs ?? DEFAULT_NOTIFY_INTERVAL_MS;
}

/** The condition's message, else the team's, else upstream's default. */
export function teamMessage(config: NotificationConfig, team: string, conditionMessage: string | undefined): string {
  return conditionMessage ?? config.teams.get(team)?.message ?? DEFAULT_NOTIFY_MESSAGE;
}

/**
 * The webhook a team's Slack alerts go to: the team's, else the defaults', else the environment's
 * SLACK_WEBHOOK_URL (upstream's konfig). `$NAME` reads the environment. Undefined: no Slack.
 */
export function teamWebhook(config: NotificationConfig, team: string, env: Record<string, string | undefined>): string | undefined {
  const written = config.teams.get(team)?.slackWebhookUrl ?? config.slackWebhookUrl;
  const value = written === undefined ? env.SLACK_WEBHOOK_URL : /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(written) ? env[written.slice(1)] : written;
  return value === undefined || value === '' ? undefined : value;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s !== '') : [];
}

function duration(v: unknown): number | undefined {
  return typeof v === 'string' ? parseDuration(v) : undefined;
}
