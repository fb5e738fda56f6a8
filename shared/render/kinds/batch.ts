// Job and CronJob from the image/command/args shorthands. Their pods carry no owner label, so a
// Service selecting all of a CR's workloads never routes to a batch pod.
import type { KindContext, KindSpec } from './kind.js';
import { buildPodTemplate, CONTAINER_FIELDS } from './pods.js';
import { rawSpec } from './raw.js';

const JOB_SHORTHANDS = CONTAINER_FIELDS;
const CRON_SHORTHANDS = [...CONTAINER_FIELDS, 'schedule'] as const;

function jobSpec(ctx: KindContext): Record<string, unknown> {
  return { template: buildPodTemplate(ctx, undefined, 'Never') };
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

export const cronJob: KindSpec = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  fields: ['spec', ...CRON_SHORTHANDS],
  build(ctx) {
    const raw = rawSpec(ctx, CRON_SHORTHANDS);
    if (raw || ctx.fields.entry.spec !== undefined) return { spec: raw ?? {} };
    const schedule = ctx.fields.text('schedule', true, ' (a cron expression such as "0 3 * * *")');
    return { spec: { schedule, jobTemplate: { spec: jobSpec(ctx) } } };
  },
};
