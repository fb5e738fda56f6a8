// Job notes: whether a Job has succeeded, failed or is running, from its status counters, so a
// `when:` can gate later children on it; and what a CronJob's status says about its runs.
import type { FuncDef } from '../func-def.js';
import { list, section, text, toInt64 } from './kube-object.js';
import { note } from './note.js';

function counter(name: string, key: string, summary: string): FuncDef {
  return note('job', name, [1, 1], [`${name} OBJ`, summary, `{{ ${name} .children.job }}`], (a) => toInt64(section(a[0], 'status')[key]) > 0);
}

function cronJobTime(name: string, key: string, summary: string): FuncDef {
  return note('job', name, [1, 1], [`${name} OBJ`, summary, `{{ ${name} .children.cronjob }}`], (a) => text(section(a[0], 'status')[key]));
}

export const JOB_NOTES: FuncDef[] = [
  counter('jobSucceeded', 'succeeded', 'Whether status.succeeded > 0: at least one pod completed.'),
  counter('jobFailed', 'failed', 'Whether status.failed > 0: at least one pod failed.'),
  counter('jobActive', 'active', 'Whether status.active > 0: a pod is running now.'),
  note('job', 'cronJobActiveCount', [1, 1], ['cronJobActiveCount OBJ', 'How many Jobs of the CronJob are running (the length of status.active).', '{{ cronJobActiveCount .children.cronjob }}'], (a) => list(section(a[0], 'status').active).length),
  cronJobTime('cronJobLastScheduleTime', 'lastScheduleTime', 'status.lastScheduleTime; "" before the first run.'),
  cronJobTime('cronJobLastSuccessTime', 'lastSuccessfulTime', 'status.lastSuccessfulTime; "" until a run succeeds.'),
  cronJobTime('cronJobNextScheduleTime', 'nextScheduleTime', 'status.nextScheduleTime; "" where Kubernetes does not set it.'),
];
