// What the work queue reports, as plain callbacks: the observability layer adapts them to
// `workqueue_*` series without the queue depending on a metrics library. Gauges that change
// continuously (longest running processor, unfinished work) are read from the queue at scrape
// time instead: see WorkQueue.longestRunningProcessorSeconds().

export interface QueueMetrics {
  /** A key was queued (not counted when deduplicated). */
  add(): void;
  /** Keys now waiting to be processed. */
  depth(n: number): void;
  /** addRateLimited was called: a retry. */
  retry(): void;
  /** Seconds a key waited between being queued and handed to a worker. */
  queueDuration(seconds: number): void;
  /** Seconds a worker held a key (get → done). */
  workDuration(seconds: number): void;
  /** A new key was refused because the queue held maxDepth keys. */
  dropped(): void;
}

export const noQueueMetrics: QueueMetrics = {
  add() {},
  depth() {},
  retry() {},
  queueDuration() {},
  workDuration() {},
  dropped() {},
};
