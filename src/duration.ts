// Durations as people write them in configuration: `90s`, `30m`, `24h`, `7d`.
import { z } from 'zod';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** A duration string parsed to whole seconds. */
export const Duration = z
  .string()
  .regex(/^\d+[smhd]$/, 'a duration such as 30m, 24h or 7d')
  .transform((value) => Number(value.slice(0, -1)) * (UNIT_SECONDS[value.slice(-1)] ?? 1));
