// Airlock Digital (application allowlisting) REST API records: execution histories (`/v1/logging/exechistories`),
// server activities (`/v1/logging/svractivities`) and agents (`/v1/agent/find`), mapped as Elastic's
// `airlock_digital` pipelines map them: users, host names, agent and communication-list addresses and file hashes.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, isObject, parserAlert, TextField, type RecordFacts, detectorOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'airlock_digital';

/** The API's record id: a 24-hex MongoDB ObjectId. */
const CHECKPOINT = /^[0-9a-f]{24}$/i;

const Execution = z.object({
  checkpoint: z.string().regex(CHECKPOINT),
  type: z.union([z.number(), z.string()]).nullish().catch(null),
  username: TextField,
  hostname: TextField,
  filename: TextField,
  policyname: TextField,
  ppolicy: TextField,
  pprocess: TextField,
  md5: TextField,
  sha128: TextField,
  sha256: TextField,
  sha384: TextField,
  sha512: TextField,
  datetime: TextField,
});
type Execution = z.infer<typeof Execution>;

const ServerActivity = z.object({
  checkpoint: z.string().regex(CHECKPOINT),
  task: TextField,
  user: TextField,
  description: TextField,
  datetime: TextField,
});
type ServerActivity = z.infer<typeof ServerActivity>;

const Agent = z.object({
  agentid: z.string().min(1),
  hostname: TextField,
  domain: TextField,
  ip: TextField,
  localip: TextField,
  username: TextField,
  status: z.union([z.number(), z.string()]).nullish().catch(null),
  lastcheckin: TextField,
  groupid: TextField,
  policy_details: z
    .object({
      name: TextField,
      commlist: z
        .array(z.object({ ip: TextField }).nullish().catch(null))
        .nullish()
        .catch(null),
    })
    .nullish()
    .catch(null),
});
type Agent = z.infer<typeof Agent>;

type AirlockRecord =
  { kind: 'execution'; e: Execution } | { kind: 'server'; e: ServerActivity } | { kind: 'agent'; e: Agent };

function read(raw: unknown): AirlockRecord | null {
  if (!isObject(raw)) return null;
  if ('checkpoint' in raw) {
    if ('pprocess' in raw || 'ppolicy' in raw || 'policyname' in raw) {
      const r = Execution.safeParse(raw);
      return r.success ? { kind: 'execution', e: r.data } : null;
    }
    if ('task' in raw && 'datetime' in raw) {
      const r = ServerActivity.safeParse(raw);
      return r.success ? { kind: 'server', e: r.data } : null;
    }
    return null;
  }
  if ('agentid' in raw && 'lastcheckin' in raw && ('policy_details' in raw || 'clientversion' in raw)) {
    const r = Agent.safeParse(raw);
    return r.success ? { kind: 'agent', e: r.data } : null;
  }
  return null;
}

/** The execution types of Elastic's `type_value` table. */
const EXECUTION_TYPES: Record<string, string> = {
  '0': 'Trusted Execution',
  '1': 'Blocked Execution',
  '2': 'Untrusted Execution [Audit]',
  '3': 'Untrusted Execution [OTP]',
  '4': 'Trusted Path Execution',
  '5': 'Trusted Publisher Execution',
  '6': 'Blocklist Execution',
  '7': 'Blocklist Execution [Audit]',
  '8': 'Trusted Process Execution',
  '9': 'Constrained Execution',
  '10': 'Trusted Metadata Execution',
  '11': 'Trusted Browser Execution',
  '12': 'Blocked Browser Execution',
  '13': 'Untrusted Browser Execution [Audit]',
  '14': 'Untrusted Browser Execution [OTP]',
  '15': 'Blocklist Browser Execution [Audit]',
  '16': 'Blocklist Browser Execution',
  '17': 'Trusted Installer Execution',
  '18': 'Trusted Browser Metadata Execution',
};

const AGENT_STATUS: Record<string, string> = { '0': 'Offline', '1': 'Online', '3': 'Safemode' };

function executionSeverity(typeValue: string): Severity {
  if (/\[Audit\]|\[OTP\]/.test(typeValue)) return 'low';
  if (/^(Blocked|Blocklist)/.test(typeValue)) return 'medium';
  return 'info';
}

/** The file's base name, after Elastic's `\` → `/` rewrite. */
function baseName(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const parts = path.replace(/\\/g, '/').split('/');
  return parts[parts.length - 1] || path;
}

function execution(e: Execution, obs: ObservablesBuilder): RecordFacts {
  obs.host(e.hostname);
  obs.user(e.username);
  for (const h of [e.md5, e.sha128, e.sha256, e.sha384, e.sha512]) obs.hash(h);
  const code = e.type === null || e.type === undefined ? '' : String(e.type);
  const typeValue = EXECUTION_TYPES[code] ?? (code ? `Execution type ${code}` : 'Execution');
  const file = baseName(e.filename) ?? e.pprocess ?? 'unknown file';
  return {
    title:
      `Airlock Digital: ${typeValue} of ${file}` +
      (e.hostname ? ` on ${e.hostname}` : '') +
      (e.username ? ` by ${e.username}` : ''),
    severity: executionSeverity(typeValue),
    observedAt: toIsoTime(e.datetime),
    ruleId: e.policyname ?? null,
  };
}

function serverActivity(e: ServerActivity, obs: ObservablesBuilder): RecordFacts {
  obs.user(e.user);
  return {
    title: `Airlock Digital server activity: ${e.task ?? 'task'}${e.description ? `: ${e.description}` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(e.datetime),
    ruleId: e.task ?? null,
  };
}

function agent(e: Agent, obs: ObservablesBuilder): RecordFacts {
  // Elastic appends the domain, then the host name, to related.hosts.
  obs.host(e.domain);
  obs.host(e.hostname);
  obs.ip(bareIndicatorIp(e.ip));
  obs.ip(bareIndicatorIp(e.localip));
  for (const c of e.policy_details?.commlist ?? []) obs.ip(bareIndicatorIp(c?.ip));
  obs.user(e.username);
  const code = e.status === null || e.status === undefined ? '' : String(e.status);
  const status = AGENT_STATUS[code] ?? (code ? `status ${code}` : null);
  return {
    title: `Airlock Digital agent ${e.hostname ?? e.agentid}${status ? ` (${status})` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(e.lastcheckin),
    ruleId: e.groupid ?? null,
  };
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const r = read(raw);
  if (r === null) throw new Error('not an Airlock Digital record');
  // No source or destination: the pipelines keep every address as host.ip or related.ip only.
  const obs = new ObservablesBuilder();
  switch (r.kind) {
    case 'execution':
      return parserAlert(NAME, 'airlock_digital.execution_histories', obs, execution(r.e, obs));
    case 'server':
      return parserAlert(NAME, 'airlock_digital.server_activities', obs, serverActivity(r.e, obs));
    case 'agent':
      return parserAlert(NAME, 'airlock_digital.agent', obs, agent(r.e, obs));
  }
}

export const airlockDigitalParser: Parser = {
  name: NAME,
  claims: { keys: ['checkpoint', 'agentid'], text: false },
  detect: detectorOf(read),
  parse,
};
