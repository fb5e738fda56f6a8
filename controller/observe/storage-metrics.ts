// Progress of the storage-version migration (controller/storage/) as Prometheus series, in the
// controller's registry: objects left in the running pass, objects rewritten, objects that failed,
// and migrations finished (storedVersions trimmed). Label `crd` is the CRD's name.
import { Counter, Gauge, type Registry } from './prometheus/index.js';

export interface StorageMigrationMetrics {
  remaining: Gauge<'crd'>;
  rewritten: Counter<'crd'>;
  failures: Counter<'crd'>;
  completed: Counter<'crd'>;
}

const byRegistry = new WeakMap<Registry, StorageMigrationMetrics>();

/** The series in `registry`, registered on first use (one set per registry). */
export function storageMigrationMetrics(registry: Registry): StorageMigrationMetrics {
  const known = byRegistry.get(registry);
  if (known) return known;
  const registers = [registry];
  const made: StorageMigrationMetrics = {
    remaining: new Gauge({ name: 'orkestra_storage_migration_remaining_objects', help: 'Objects of the CRD still to be rewritten to its storage version in the running migration (0 when none runs)', labelNames: ['crd'], registers }),
    rewritten: new Counter({ name: 'orkestra_storage_migration_rewritten_total', help: 'Objects rewritten (a no-op update) so they are stored in the CRD\'s storage version', labelNames: ['crd'], registers }),
    failures: new Counter({ name: 'orkestra_storage_migration_failures_total', help: 'Objects the storage-version migration could not rewrite (the migration is retried; storedVersions stays)', labelNames: ['crd'], registers }),
    completed: new Counter({ name: 'orkestra_storage_migrations_completed_total', help: 'Storage-version migrations finished: every object rewritten, status.storedVersions trimmed', labelNames: ['crd'], registers }),
  };
  byRegistry.set(registry, made);
  return made;
}
