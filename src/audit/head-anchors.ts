// Anchors off the box: the audit chain's head (last row and its hash) written to the structured log at
// start-up, on a timer when it moved, and at shutdown. Log shippers carry the lines to the SIEM, where nobody
// with write access to the database can change them; `vigil audit verify --anchor <row>:<hash>` checks one.
import type { AuditAnchor } from './anchor.js';
import type { AuditLog } from './audit-log.js';

/** How often the head is logged when it moved since the last line. */
export const AUDIT_HEAD_INTERVAL_MS = 15 * 60_000;

export interface AuditHeadAnchorsDeps {
  audit: Pick<AuditLog, 'head'>;
  /** The app's pino logger (these two of its methods). */
  logger: {
    info(fields: object, msg: string): void;
    error(fields: object, msg: string): void;
  };
}

export class AuditHeadAnchors {
  private timer: NodeJS.Timeout | undefined;
  /** The head last logged; undefined before the first line. */
  private logged: AuditAnchor | undefined;

  constructor(private readonly deps: AuditHeadAnchorsDeps) {}

  start(everyMs: number): void {
    this.timer = setInterval(() => this.tick(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Logs the head if it moved since the last line (the timer's work). */
  tick(): void {
    this.write(false);
  }

  /** Logs the head whether or not it moved (start-up and shutdown). */
  anchor(): void {
    this.write(true);
  }

  /** Never throws: a failed read is logged, and the next tick tries again. */
  private write(always: boolean): void {
    const { audit, logger } = this.deps;
    try {
      const head = audit.head();
      const before = this.logged;
      const moved = head?.row !== before?.row || head?.hash !== before?.hash;
      if (head && (always || moved)) logger.info({ row: head.row, hash: head.hash }, 'audit head');
      // Rows only ever grow: a head behind the last one logged means rows were removed or rewritten meanwhile.
      if (before && moved && (!head || head.row <= before.row)) {
        logger.error(
          { row: head?.row ?? 0, hash: head?.hash ?? null, previous: before },
          'audit head went back: rows were removed or rewritten since the last audit head line',
        );
      }
      this.logged = head;
    } catch (error) {
      logger.error({ err: error }, 'reading the audit head failed');
    }
  }
}
