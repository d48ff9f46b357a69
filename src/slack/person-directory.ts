// People from Slack itself, for offboarding: a user by id (users.info) or by e-mail (users.lookupByEmail).
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { DirectoryPerson, PersonDirectory } from '../../graphs/offboarding/ports.js';
import { slackErrorCode } from './api-error.js';

const SlackUser = z.object({
  id: z.string(),
  name: z.string(),
  real_name: z.string().optional(),
  profile: z.object({ email: z.string().optional(), real_name: z.string().optional() }).optional(),
});

const NOT_FOUND = new Set(['user_not_found', 'users_not_found']);

export class SlackPersonDirectory implements PersonDirectory {
  constructor(private readonly client: WebClient) {}

  async bySlackId(slackUserId: string): Promise<DirectoryPerson | null> {
    return this.person(() => this.client.users.info({ user: slackUserId }));
  }

  async byEmail(email: string): Promise<DirectoryPerson | null> {
    return this.person(() => this.client.users.lookupByEmail({ email }));
  }

  private async person(call: () => Promise<{ user?: unknown }>): Promise<DirectoryPerson | null> {
    let answer: { user?: unknown };
    try {
      answer = await call();
    } catch (error) {
      const code = slackErrorCode(error);
      if (code && NOT_FOUND.has(code)) return null;
      throw error;
    }
    const user = SlackUser.parse(answer.user);
    return {
      slackUserId: user.id,
      handle: user.name,
      email: user.profile?.email ?? null,
      realName: user.profile?.real_name ?? user.real_name ?? null,
    };
  }
}
