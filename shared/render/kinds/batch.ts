// Job and CronJob from the shorthands, shaped as upstream builds them: one container named after
// the object, restartPolicy OnFailure, pods labelled with the object's labels; a Job's
// backoffLimit defaults to 3 (upstream also turns 0 into 3), a CronJob's concurrencyPolicy to
// Allow and its history limits to 3 and 1.
import type { KindContext, KindSpec } from './kind.js';
import { buildPodTemplate, CONTAINER_FIELDS } from './pods.js';
import { rawSpec } from './raw.js';

const JOB_SHORTHANDS = [...CONTAINER_FIELDS, 'backoffLimit'] as const;
const CRON_SHORTHANDS = [
  ...CONTAINER_FIELDS, 'schedule', 'suspend', 'concurrencyPolicy', 'startingDeadlineSeconds', 'successfulJobsHistoryLimit',
  'failedJobsHistoryLimit',
] as const;
const POLICIES: Record<string, string> = { allow: 'Allow', forbid: 'Forbid', replace: 'Replace' };

function jobSpec(ctx: KindContext): Record<string, unknown> {
  const backoffLimit = ctx.fields.int('backoffLimit', 0, 1_000_000) || 3;
  return { backoffLimit, template: buildPodTemplate(ctx, 'OnFailure') };
}

export const job: KindSpec = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  fields: ['spec', ...JOB_SHORTHANDS],
  build(ctx) {
    const raw = rawSpec(ctx, JOB_SHORTHANDS);
    if (raw || ctx.fields.entry.spec !== undefined) return { spec: raw ?? {} };
    return { spec: jobSpec(ctx) };
  },
};

function cronSpec(ctx: KindContext): Record<string, unknown> {
  const f = ctx.fields;
  const schedule = f.text('schedule', true, ' (a cron expression such as "0 3 * * *")');
  const suspendText = f.entry.suspend;
  const suspend = suspendText === true || (typeof suspendText === 'string' && /^(true|yes|1|on)$/i.test(suspendText));
  const policyText = f.text('concurrencyPolicy');
  const spec: Record<string, unknown> = { schedule, suspend, concurrencyPolicy: POLICIES[(policyText ?? '').toLowerCase()] ?? 'Allow' };
  const deadline = f.int('startingDeadlineSeconds', 0, Number.MAX_SAFE_INTEGER);
  if (deadline) spec.startingDeadlineSeconds = deadline;
  spec.successfulJobsHistoryLimit = f.int('successfulJobsHistoryLimit', 0, 1_000_000) ?? 3;
  spec.failedJobsHistoryLimit = f.int('failedJobsHistoryLimit', 0, 1_000_000) ?? 1;
  spec.jobTemplate = { metadata: { labels: { ...ctx.podLabels } }, spec: { template: buildPodTemplate(ctx, 'OnFailure') } };
  return spec;
}

export const cronJob: KindSpec = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  fields: ['spec', ...CRON_SHORTHANDS],
  build(ctx) {
    const raw = rawSpec(ctx, CRON_SHORTHANDS);
    if (raw || ctx.fields.entry.spec !== undefined) return { spec: raw ?? {} };
    return { spec: cronSpec(ctx) };
  },
};
