// The error code of a failed Web API call (`channel_not_found`, `user_not_found`…), as @slack/web-api's
// platform errors carry it in `data.error`; undefined for anything else (a network failure, a timeout).
import { z } from 'zod';

const PlatformError = z.object({ data: z.object({ error: z.string() }) });

export function slackErrorCode(error: unknown): string | undefined {
  return PlatformError.safeParse(error).data?.data.error;
}
