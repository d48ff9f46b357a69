// HashiCorp Vault server (operational) logs in hclog JSON (`{"@level", "@message", "@module", "@timestamp", …}`),
// read as Elastic's `hashicorp_vault.log` pipeline reads them: level, logger and message only; the addresses in
// listener, raft and error details are no indicators there, so this reports none.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { lookupTable } from '../lookup-table.js';
import { isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';

const VaultLogLine = z.object({
  '@level': z.enum(['trace', 'debug', 'info', 'warn', 'error']),
  '@message': z.string(),
  '@module': z.string().optional(),
  '@timestamp': z.string(),
  error: z.string().optional(),
});

/**
 * Vault's subsystem loggers (`core`, `expiration`, `storage.raft`, `secrets.kv.kv_…`, `auth.userpass…`); hclog
 * lines of other HashiCorp tools (Consul's `agent.*`, Nomad's `nomad`/`client`) use other names.
 */
const VAULT_MODULE =
  /^(?:core|expiration|storage|audit|secrets|auth|identity|rollback|token|policy|replication|seal|activity|licensing|quotas|events|mfa|router|sys|cluster|raft|mount)(?:[.-]|$)/;

function detect(raw: unknown): boolean {
  if (!isObject(raw) || !('@level' in raw) || !('@message' in raw) || !('@timestamp' in raw)) return false;
  const line = VaultLogLine.safeParse(raw);
  if (!line.success) return false;
  const module = line.data['@module'];
  // Lines without a logger (`proxy environment`) come from Vault's server command itself.
  return module === undefined ? line.data['@message'] === 'proxy environment' : VAULT_MODULE.test(module);
}

const SEVERITY: Readonly<Record<string, Severity>> = lookupTable({ error: 'low', warn: 'info' });

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const line = VaultLogLine.parse(raw);
  const module = line['@module'];
  const error = line.error?.split('\n')[0]?.slice(0, 200);
  return parserAlert('hashicorp_vault.log', 'hashicorp_vault.log', new ObservablesBuilder(), {
    title: `Vault ${line['@level']}${module ? ` [${module}]` : ''}: ${line['@message']}${error ? `: ${error}` : ''}`,
    severity: SEVERITY[line['@level']] ?? 'info',
    observedAt: toIsoTime(line['@timestamp']),
    ruleId: module ?? null,
  });
}

export const vaultLogParser: Parser = {
  name: 'hashicorp_vault.log',
  claims: { keys: ['@level'], text: false },
  detect,
  parse,
};
