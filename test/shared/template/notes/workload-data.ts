// Template data shared by the workload note tables (replicas, job, service, container): the fixture
// CR with a running Job, a Deployment scaled to zero, legacy Endpoints and a CronJob as children.
import { cr, runningJob } from './fixtures.js';

export const data = { ...cr, children: { ...cr.children, seed: runningJob, zero: { spec: { replicas: 0 }, status: {} }, legacy: { subsets: [{ addresses: [{ ip: '10.0.0.9' }] }] }, cronjob: { kind: 'CronJob', status: { active: [{ name: 'nightly-1' }, { name: 'nightly-2' }], lastScheduleTime: '2026-12-03T02:00:00Z', lastSuccessfulTime: '2026-12-02T02:04:10Z' } } } };
