// Job notes: whether a Job has succeeded, failed or is running, from its status counters, so a
// `when:` can gate later children on it; what a CronJob's status says about its runs; and what
// upstream's enrichment embeds: a Job's pods under `_pods` (`enrich: [pods]`) and a CronJob's
// `_lastJob` / `_lastSuccessfulJob` (`enrich: [cronjob]`).
import type { FuncDef } from '../func-def.js';
import { asMap, dig, embeddedMap, joinTexts, list, section, text, toInt64 } from './kube-object.js';
import { pods } from './pods.js';
import { note } from './note.js';

function counter(name: string, key: string, summary: string): FuncDef {
  return note('job', name, [1, 1], [`${name} OBJ`, summary, `{{ ${name} .children.job }}`], (a) => toInt64(section(a[0], 'status')[key]) > 0);
}

function cronJobTime(name: string, key: string, summary: string): FuncDef {
  return note('job', name, [1, 1], [`${name} OBJ`, summary, `{{ ${name} .children.cronjob }}`], (a) => text(section(a[0], 'status')[key]));
}

const podNames = (match: (phase: string) => boolean) => (obj: unknown): string => joinTexts(pods(obj).filter((p) => match(text(p.phase))).map((p) => p.name));

/** The first exitCode a pod reports; -1 while none has terminated (a pod without one is skipped). */
function firstExitCode(obj: unknown): number {
  for (const p of pods(obj)) {
    if (p.exitCode === undefined || p.exitCode === null) continue;
    const code = toInt64(p.exitCode);
    if (code >= 0) return code;
  }
  return -1;
}

const lastJobName = (key: string) => (obj: unknown): string => text(dig(embeddedMap(obj, key), ['metadata', 'name']));

export const JOB_NOTES: FuncDef[] = [
  counter('jobSucceeded', 'succeeded', 'Whether status.succeeded > 0: at least one pod completed.'),
  counter('jobFailed', 'failed', 'Whether status.failed > 0: at least one pod failed.'),
  counter('jobActive', 'active', 'Whether status.active > 0: a pod is running now.'),
  note('job', 'cronJobActiveCount', [1, 1], ['cronJobActiveCount OBJ', 'How many Jobs of the CronJob are running (the length of status.active).', '{{ cronJobActiveCount .children.cronjob }}'], (a) => list(section(a[0], 'status').active).length),
  cronJobTime('cronJobLastScheduleTime', 'lastScheduleTime', 'status.lastScheduleTime; "" before the first run.'),
  cronJobTime('cronJobLastSuccessTime', 'lastSuccessfulTime', 'status.lastSuccessfulTime; "" until a run succeeds.'),
  cronJobTime('cronJobNextScheduleTime', 'nextScheduleTime', 'status.nextScheduleTime; "" where Kubernetes does not set it.'),
  note('job', 'jobFirstExitCode', [1, 1], ['jobFirstExitCode OBJ', 'The exitCode of the first terminated pod in _pods (enrich: [pods]); -1 while none has terminated.', '{{ jobFirstExitCode .children.job }}'], (a) => firstExitCode(a[0])),
  note('job', 'jobActivePodNames', [1, 1], ['jobActivePodNames OBJ', 'The pods in _pods whose phase is neither Succeeded nor Failed, joined with ", ".', '{{ jobActivePodNames .children.job }}'], (a) => podNames((p) => p !== 'Succeeded' && p !== 'Failed')(a[0])),
  note('job', 'jobSucceededPodNames', [1, 1], ['jobSucceededPodNames OBJ', 'The pods in _pods with phase Succeeded, joined with ", ".', '{{ jobSucceededPodNames .children.job }}'], (a) => podNames((p) => p === 'Succeeded')(a[0])),
  note('job', 'jobFailedPodNames', [1, 1], ['jobFailedPodNames OBJ', 'The pods in _pods with phase Failed, joined with ", ".', '{{ jobFailedPodNames .children.job }}'], (a) => podNames((p) => p === 'Failed')(a[0])),
  note('job', 'cronJobLastJobName', [1, 1], ['cronJobLastJobName OBJ', '_lastJob.metadata.name: the newest Job of the CronJob (enrich: [cronjob]), or "".', '{{ cronJobLastJobName .children.cronjob }}'], (a) => lastJobName('_lastJob')(a[0])),
  note('job', 'cronJobLastJobSucceeded', [1, 1], ['cronJobLastJobSucceeded OBJ', 'Whether _lastJob.status.succeeded > 0 (enrich: [cronjob]).', '{{ cronJobLastJobSucceeded .children.cronjob }}'], (a) => toInt64(asMap(embeddedMap(a[0], '_lastJob')?.status)?.succeeded) > 0),
  note('job', 'cronJobLastSuccessfulJobName', [1, 1], ['cronJobLastSuccessfulJobName OBJ', '_lastSuccessfulJob.metadata.name (enrich: [cronjob]), or "".', '{{ cronJobLastSuccessfulJobName .children.cronjob }}'], (a) => lastJobName('_lastSuccessfulJob')(a[0])),
];
