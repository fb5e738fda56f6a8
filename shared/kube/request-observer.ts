// The port through which the kube client reports each HTTP request it sends, so a program can
// count them (the controller: client-go's rest_client_* metrics) while the client (cli/kube)
// stays free of any metrics library and of the controller. Types only.

/** One HTTP request to the API server, as client-go's request metrics label it. */
export interface KubeRequestRecord {
  /** The HTTP method, upper case (`GET`, `PATCH`, …): client-go's `method` and `verb` labels. */
  method: string;
  /** `host:port` of the API server URL: client-go's `host` label. */
  host: string;
  /** The status code as decimal text, or `<error>` when no answer came (client-go's value). */
  code: string;
  /**
   * Seconds from sending to the whole answer read; undefined for a watch, whose answer streams for
   * minutes (client-go observes no latency for watches either).
   */
  seconds?: number;
}

export interface KubeRequestObserver {
  /** Called once per attempt (a resend after a reset connection or a refreshed token counts again). Must not throw. */
  request(record: KubeRequestRecord): void;
}
