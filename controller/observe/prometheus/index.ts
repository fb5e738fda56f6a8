// Prometheus metrics without a library: counters, gauges and histograms in registries of our own,
// written in the text exposition format (0.0.4), and the Node process metrics.
export { Counter, Gauge, Metric, type LabelValues, type MetricConfig } from './metric.js';
export { escapeHelp, formatValue, labelText, type MetricType } from './text.js';
export { DEFAULT_BUCKETS, Histogram } from './histogram.js';
export { PROMETHEUS_TEXT_CONTENT_TYPE, Registry, type Family } from './registry.js';
export { registerProcessMetrics } from './process-metrics.js';
