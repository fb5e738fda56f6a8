// The job domain: status counters of a Job, a CronJob's runs, and the enriched `_pods`,
// `_lastJob` and `_lastSuccessfulJob` upstream embeds (zero values without them).
import { JOB_NOTES } from '../../../../shared/template/notes/job.js';
import { fails, noteTable, typed } from './note-table.js';
import { data } from './workload-data.js';

const jobPods = { x: { _pods: [{ name: 'j-a', phase: 'Running' }, { name: 'j-b', phase: 'Succeeded', exitCode: 0 }, { name: 'j-c', phase: 'Failed', exitCode: 2 }, { name: 'j-d' }, 'junk'] } };
const failedFirst = { x: { _pods: [{ name: 'j-c', phase: 'Failed', exitCode: 137 }, { name: 'j-b', exitCode: 0 }] } };
const cron = { x: { _lastJob: { metadata: { name: 'nightly-29' }, status: { succeeded: 1 } }, _lastSuccessfulJob: { metadata: { name: 'nightly-28' } } } };
const cronFailed = { x: { _lastJob: { metadata: { name: 'nightly-30' }, status: { failed: 1 } } } };

noteTable('job', JOB_NOTES, {
  jobSucceeded: [
    ['{{ jobSucceeded .children.job }}', 'true'],
    ['{{ jobSucceeded .children.seed }}', 'false'],
    ['{{ jobSucceeded .children.missing }}', 'false'],
    ['{{ jobSucceeded }}', fails('wrong number of arguments for "jobSucceeded": want 1, got 0')],
  ],
  jobFailed: [
    ['{{ jobFailed .children.job }}', 'false'],
    ['{{ jobFailed .children.seed }}', 'true'],
    ['{{ jobFailed .children.secret }}', 'false'],
    ['{{ jobFailed . . }}', fails('wrong number of arguments for "jobFailed": want 1, got 2')],
  ],
  jobActive: [
    ['{{ jobActive .children.job }}', 'false'],
    ['{{ jobActive .children.seed }}', 'true'],
    ['{{ jobActive "job" }}', 'false'],
    ['{{ jobActive }}', fails('wrong number of arguments for "jobActive": want 1, got 0')],
  ],
  cronJobActiveCount: [
    ['{{ cronJobActiveCount .children.cronjob }}', typed(2)],
    ['{{ cronJobActiveCount .children.job }}', typed(0)],
    ['{{ cronJobActiveCount nil }}', typed(0)],
    ['{{ cronJobActiveCount }}', fails('wrong number of arguments for "cronJobActiveCount": want 1, got 0')],
  ],
  cronJobLastScheduleTime: [
    ['{{ cronJobLastScheduleTime .children.cronjob }}', '2026-12-03T02:00:00Z'],
    ['[{{ cronJobLastScheduleTime .children.job }}]', '[]'],
    ['[{{ cronJobLastScheduleTime .children.secret }}]', '[]'],
    ['{{ cronJobLastScheduleTime . . }}', fails('wrong number of arguments for "cronJobLastScheduleTime": want 1, got 2')],
  ],
  cronJobLastSuccessTime: [
    ['{{ cronJobLastSuccessTime .children.cronjob }}', '2026-12-02T02:04:10Z'],
    ['[{{ cronJobLastSuccessTime .children.seed }}]', '[]'],
    ['[{{ cronJobLastSuccessTime 1 }}]', '[]'],
    ['{{ cronJobLastSuccessTime }}', fails('wrong number of arguments for "cronJobLastSuccessTime": want 1, got 0')],
  ],
  cronJobNextScheduleTime: [
    ['[{{ cronJobNextScheduleTime .children.cronjob }}]', '[]'],
    ['{{ cronJobNextScheduleTime .x }}', '2026-12-04T02:00:00Z', { x: { status: { nextScheduleTime: '2026-12-04T02:00:00Z' } } }],
    ['[{{ cronJobNextScheduleTime nil }}]', '[]'],
    ['{{ cronJobNextScheduleTime }}', fails('wrong number of arguments for "cronJobNextScheduleTime": want 1, got 0')],
  ],
  jobFirstExitCode: [
    ['{{ jobFirstExitCode .x }}', typed(0), jobPods],
    ['{{ jobFirstExitCode .x }}', typed(137), failedFirst],
    ['{{ jobFirstExitCode .children.job }}', typed(-1)],
    ['{{ jobFirstExitCode .x }}', typed(-1), { x: { _pods: [{ name: 'a', exitCode: -1 }, { name: 'b' }] } }],
    ['{{ jobFirstExitCode }}', fails('wrong number of arguments for "jobFirstExitCode": want 1, got 0')],
  ],
  jobActivePodNames: [
    ['{{ jobActivePodNames .x }}', 'j-a, j-d', jobPods],
    ['[{{ jobActivePodNames .children.job }}]', '[]'],
    ['[{{ jobActivePodNames nil }}]', '[]'],
    ['{{ jobActivePodNames 1 2 }}', fails('wrong number of arguments for "jobActivePodNames": want 1, got 2')],
  ],
  jobSucceededPodNames: [
    ['{{ jobSucceededPodNames .x }}', 'j-b', jobPods],
    ['[{{ jobSucceededPodNames .x }}]', '[]', failedFirst],
    ['[{{ jobSucceededPodNames .children.job }}]', '[]'],
    ['{{ jobSucceededPodNames }}', fails('wrong number of arguments for "jobSucceededPodNames": want 1, got 0')],
  ],
  jobFailedPodNames: [
    ['{{ jobFailedPodNames .x }}', 'j-c', jobPods],
    ['{{ jobFailedPodNames .x }}', 'j-c', failedFirst],
    ['[{{ jobFailedPodNames "text" }}]', '[]'],
    ['{{ jobFailedPodNames }}', fails('wrong number of arguments for "jobFailedPodNames": want 1, got 0')],
  ],
  cronJobLastJobName: [
    ['{{ cronJobLastJobName .x }}', 'nightly-29', cron],
    ['{{ cronJobLastJobName .x }}', 'nightly-30', cronFailed],
    ['[{{ cronJobLastJobName .children.cronjob }}]', '[]'],
    ['{{ cronJobLastJobName }}', fails('wrong number of arguments for "cronJobLastJobName": want 1, got 0')],
  ],
  cronJobLastJobSucceeded: [
    ['{{ cronJobLastJobSucceeded .x }}', 'true', cron],
    ['{{ cronJobLastJobSucceeded .x }}', 'false', cronFailed],
    ['{{ cronJobLastJobSucceeded .children.cronjob }}', 'false'],
    ['{{ cronJobLastJobSucceeded }}', fails('wrong number of arguments for "cronJobLastJobSucceeded": want 1, got 0')],
  ],
  cronJobLastSuccessfulJobName: [
    ['{{ cronJobLastSuccessfulJobName .x }}', 'nightly-28', cron],
    ['[{{ cronJobLastSuccessfulJobName .x }}]', '[]', cronFailed],
    ['[{{ cronJobLastSuccessfulJobName nil }}]', '[]'],
    ['{{ cronJobLastSuccessfulJobName }}', fails('wrong number of arguments for "cronJobLastSuccessfulJobName": want 1, got 0')],
  ],
}, data);
