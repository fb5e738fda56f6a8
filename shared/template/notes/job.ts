// Job notes: whether a Job has succeeded, failed or is running, from its status counters, so a
// `when:` can gate later children on it.
import type { FuncDef } from '../func-def.js';
import { section, toInt64 } from './kube-object.js';
import { note } from './note.js';

function counter(name: string, key: string, summary: string): FuncDef {
  return note('job', name, [1, 1], [`${name} OBJ`, summary, `{{ ${name} .children.job }}`], (a) => toInt64(section(a[0], 'status')[key]) > 0);
}

export const JOB_NOTES: FuncDef[] = [
  counter('jobSucceeded', 'succeeded', 'Whether status.succeeded > 0: at least one pod completed.'),
  counter('jobFailed', 'failed', 'Whether status.failed > 0: at least one pod failed.'),
  counter('jobActive', 'active', 'Whether status.active > 0: a pod is running now.'),
];
