// Bolt's logger interface on top of pino, so Bolt's own messages are structured and redacted like ours.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../logger.js';

const toText = (parts: unknown[]): string =>
  parts
    .map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p)))
    .join(' ');

export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  let level: LogLevel = LogLevel.WARN;
  return {
    // The Web API client logs every call at debug: the text is built only when that level is on.
    debug: (...parts: unknown[]) => {
      if (child.isLevelEnabled('debug')) child.debug(toText(parts));
    },
    info: (...parts: unknown[]) => {
      if (child.isLevelEnabled('info')) child.info(toText(parts));
    },
    warn: (...parts: unknown[]) => child.warn(toText(parts)),
    error: (...parts: unknown[]) => child.error(toText(parts)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
