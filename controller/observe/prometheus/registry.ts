// A set of metric families written together as one scrape: in the order they were registered,
// each as `# HELP`, `# TYPE` and its samples, families separated by a blank line. Each family's
// `collect` runs just before its samples are written.
import { escapeHelp, type MetricType } from './text.js';

/** What a registry writes: a counter, gauge or histogram, or a family computed at scrape time. */
export interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  collect?: () => void | Promise<void>;
  /** The sample lines, each ending in a line feed. */
  samples(): string;
}

export const PROMETHEUS_TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export class Registry {
  readonly contentType = PROMETHEUS_TEXT_CONTENT_TYPE;
  private readonly families = new Map<string, Family>();

  register(family: Family): void {
    const known = this.families.get(family.name);
    if (known !== undefined && known !== family) throw new Error(`a metric named ${family.name} is already registered`);
    this.families.set(family.name, family);
  }

  /** The text exposition of every family. */
  async metrics(): Promise<string> {
    const parts: string[] = [];
    for (const family of this.families.values()) {
      const collected = family.collect?.();
      if (collected instanceof Promise) await collected;
      parts.push(`# HELP ${family.name} ${escapeHelp(family.help)}\n# TYPE ${family.name} ${family.type}\n${family.samples()}`);
    }
    // Each part ends in a line feed; a family without samples ends at its TYPE line.
    return parts.length > 0 ? parts.join('\n') : '\n';
  }
}
