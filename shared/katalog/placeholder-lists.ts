// Upstream's placeholder resource lists: keys its phase blocks accept (an empty `PlaceholderSource`
// per item) and ignore, because no builder is wired to them. Here too they load, create nothing,
// and `ork validate` warns once per list (inert-keys.ts); normalise.ts drops them from the model.
export const PLACEHOLDER_LISTS = [
  'volumes', 'volumeMounts', 'serviceMonitors', 'podSecurityPolicies', 'priorityClasses', 'runtimeClasses',
  'priorityLevelConfigurations', 'podTemplates', 'daemonSets', 'storageClasses', 'storageLocations',
  'storagePools', 'storageBackups', 'storageSnapshots', 'storageVolumes',
] as const;
