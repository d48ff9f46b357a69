// policy.yml: which actions need a person's approval and who may give it. Validated with zod at start-up;
// its SHA-256 is recorded with every decision, so an auditor can tell which rules were in force.
import fs from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { sha256 } from '../../graphs/lib/digest.js';
import { ActionKind, Approvers, type GateDecision } from '../../graphs/triage/contracts.js';
import type { PolicyPort } from '../../graphs/triage/ports.js';
import { Duration } from '../duration.js';
import { ConfigError } from '../errors.js';

export const ActionPolicy = z
  .object({
    description: z.string().optional(),
    /** `required`: a person approves; `auto`: runs without waiting; `forbidden`: never runs. */
    approval: z.enum(['required', 'auto', 'forbidden']),
    approvers: Approvers.optional(),
    /** Distinct approvers needed: 2 for the two-person rule. */
    quorum: z.number().int().min(1).max(5).default(1),
    /** How long a request stays open, e.g. `4h`; omitted means until decided. */
    expires: Duration.optional(),
    /** What expiry does: `deny`, or `escalate` to `escalate_to` (once, with a reminder in the thread). */
    on_expiry: z.enum(['deny', 'escalate']).default('deny'),
    escalate_to: Approvers.optional(),
    /** How long a reversible action lasts, e.g. `24h`; omitted means until removed. */
    ttl: Duration.optional(),
  })
  .strict()
  .refine((p) => p.approval !== 'required' || p.approvers !== undefined, {
    message: 'approval: required needs approvers (a usergroup or a list of users)',
    path: ['approvers'],
  })
  .refine((p) => p.on_expiry !== 'escalate' || (p.escalate_to !== undefined && p.expires !== undefined), {
    message: 'on_expiry: escalate needs escalate_to (the next tier of approvers) and expires',
    path: ['escalate_to'],
  })
  .refine(
    (p) => p.approvers === undefined || !('users' in p.approvers) || p.approvers.users.length >= p.quorum,
    {
      message: 'quorum is larger than the list of approvers',
      path: ['quorum'],
    },
  );

export const PolicyFile = z
  .object({
    version: z.literal(1),
    actions: z.partialRecord(ActionKind, ActionPolicy),
  })
  .strict();
export type PolicyFile = z.infer<typeof PolicyFile>;

export interface Policy extends PolicyPort {
  readonly hash: string;
  readonly file: PolicyFile;
  readonly source: string;
}

/** Parses policy text; errors name the line and the reason. */
export function parsePolicy(text: string, origin = 'policy.yml'): Policy {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = lineCounter.linePos(yamlError.pos[0]).line;
    throw new ConfigError(`${origin}:${line}: not valid YAML: ${yamlError.message.split('\n')[0]}`);
  }
  const result = PolicyFile.safeParse(doc.toJS());
  if (!result.success) {
    const issue = result.error.issues[0];
    const issuePath = (issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p) : p));
    const line = lineOf(doc, issuePath, lineCounter);
    const where = issuePath.length ? ` at ${issuePath.join('.')}` : '';
    throw new ConfigError(
      `${origin}:${line}: invalid policy${where}: ${issue?.message ?? 'unknown problem'}`,
    );
  }
  const file = result.data;
  const hash = sha256(text);
  return {
    hash,
    file,
    source: text,
    evaluate(action): GateDecision {
      const rule = file.actions[action];
      const base = {
        policyHash: hash,
        quorum: 1,
        expiresInSeconds: null,
        onExpiry: { kind: 'deny' as const },
      };
      if (!rule) {
        return {
          ...base,
          mode: 'forbidden',
          reason: `${action} is not in the policy`,
          approvers: null,
          ttlSeconds: null,
        };
      }
      const mode = rule.approval === 'required' ? 'approval' : rule.approval;
      const reason =
        mode === 'approval'
          ? 'policy requires approval'
          : mode === 'auto'
            ? 'policy allows auto-run'
            : 'policy forbids it';
      return {
        ...base,
        mode,
        reason,
        approvers: rule.approvers ?? null,
        quorum: rule.quorum,
        expiresInSeconds: rule.expires ?? null,
        onExpiry:
          rule.on_expiry === 'escalate' && rule.escalate_to
            ? { kind: 'escalate', approvers: rule.escalate_to }
            : { kind: 'deny' },
        ttlSeconds: rule.ttl ?? null,
      };
    },
  };
}

export function loadPolicy(file: string): Policy {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(
      `VIGIL_POLICY_FILE points at ${file}, which cannot be read: create it (see policy.yml in the repository) or point VIGIL_POLICY_FILE elsewhere.`,
    );
  }
  return parsePolicy(text, file);
}

/** The 1-based line of the deepest key on `path` that exists in the document. */
export function lineOf(
  doc: ReturnType<typeof parseDocument>,
  path: Array<string | number>,
  counter: LineCounter,
): number {
  let node: unknown = doc.contents;
  let offset = 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
      if (!pair) break;
      if (isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item: unknown = node.items[key];
      if (!item) break;
      if (isScalar(item) || isMap(item) || isSeq(item)) offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return counter.linePos(offset).line;
}
