// Local mode's secrets: the sandbox bot token, signing secret, and the bearer tokens of the intake, identity
// provider and HR routes, generated once per data directory and kept there, so restarts and scripts keep
// working with the same values. A file from an older Vigil keeps its values and gains the ones it lacks.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const LocalSecrets = z.object({
  botToken: z.string().regex(/^xoxb-/),
  signingSecret: z.string().min(16),
  intakeToken: z.string().min(24),
  idpToken: z.string().min(24),
  hrToken: z.string().min(24),
});
export type LocalSecrets = z.infer<typeof LocalSecrets>;

const token = () => randomBytes(24).toString('hex');

export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, 'sandbox-secrets.json');
  const fresh: LocalSecrets = {
    botToken: `xoxb-sandbox-${randomBytes(12).toString('hex')}`,
    signingSecret: randomBytes(16).toString('hex'),
    intakeToken: token(),
    idpToken: token(),
    hrToken: token(),
  };
  if (fs.existsSync(file)) {
    const kept = LocalSecrets.partial().safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (kept.success) {
      const secrets: LocalSecrets = { ...fresh, ...kept.data };
      if (Object.keys(fresh).some((key) => !(key in kept.data))) write(file, secrets);
      return secrets;
    }
  }
  fs.mkdirSync(dataDir, { recursive: true });
  write(file, fresh);
  return fresh;
}

function write(file: string, secrets: LocalSecrets): void {
  fs.writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
}
