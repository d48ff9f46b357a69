// Local mode's secrets: the sandbox bot token, signing secret and intake token, generated once per data
// directory and kept there, so restarts and scripts keep working with the same values.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const LocalSecrets = z.object({
  botToken: z.string().regex(/^xoxb-/),
  signingSecret: z.string().min(16),
  intakeToken: z.string().min(24),
});
export type LocalSecrets = z.infer<typeof LocalSecrets>;

export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, 'sandbox-secrets.json');
  if (fs.existsSync(file)) {
    const parsed = LocalSecrets.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
  }
  const secrets: LocalSecrets = {
    botToken: `xoxb-sandbox-${randomBytes(12).toString('hex')}`,
    signingSecret: randomBytes(16).toString('hex'),
    intakeToken: randomBytes(24).toString('hex'),
  };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
