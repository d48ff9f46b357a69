// policy.yml: which actions need a person's approval and who may give it. Validated with zod at start-up;
// its SHA-256 is recorded with every decision, so an auditor can tell which rules were in force.
import { BlockList, isIP } from 'node:net';
import { z } from 'zod';
import { sha256 } from '../../graphs/lib/digest.js';
import { ActionKind, Approvers, Environment, type GateDecision } from '../../graphs/triage/contracts.js';
import type { GateContext, PolicyPort, ValidationRules } from '../../graphs/triage/ports.js';
import { Duration } from '../duration.js';
import { parseYamlConfig, readConfigFile } from '../yaml-config.js';

/**
 * How long a request stays open or an action lasts: at least a second (0 would read as "never") and at most
 * 366 days (a longer one overflows a date once added to now).
 */
const Lifetime = Duration.refine(
  (seconds) => seconds >= 1 && seconds <= 366 * 86_400,
  'a duration from 1s to 366d, such as 30m, 24h or 7d',
);

/** The parts of an action's rule an environment may tighten or loosen. */
const RuleFields = {
  /** `required`: a person approves; `auto`: runs without waiting; `forbidden`: never runs. */
  approval: z.enum(['required', 'auto', 'forbidden']),
  approvers: Approvers.optional(),
  /** Distinct approvers needed: 2 for the two-person rule. */
  quorum: z.number().int().min(1).max(5).default(1),
  /** Risk tier shown on the card: 1 (low, reversible) … 4 (destructive). */
  tier: z.number().int().min(1).max(4).default(1),
  /** Runs without waiting when validation is at least this confident, in these environments, with no exceptions. */
  auto_run: z
    .object({ min_confidence: z.number().min(0).max(1), environments: z.array(Environment).min(1) })
    .strict()
    .optional(),
  /** How long a request stays open, e.g. `4h`; omitted means until decided. */
  expires: Lifetime.optional(),
  /** What expiry does: `deny`, or `escalate` to `escalate_to` (once, with a reminder in the thread). */
  on_expiry: z.enum(['deny', 'escalate']).default('deny'),
  escalate_to: Approvers.optional(),
  /** How long a reversible action lasts, e.g. `24h`; omitted means until removed. */
  ttl: Lifetime.optional(),
};

/** Per environment, fields of the action's rule that differ there (e.g. prod: quorum 2). */
const EnvironmentOverride = z
  .object({
    approval: RuleFields.approval.optional(),
    approvers: RuleFields.approvers,
    quorum: z.number().int().min(1).max(5).optional(),
    tier: z.number().int().min(1).max(4).optional(),
    expires: RuleFields.expires,
    ttl: RuleFields.ttl,
  })
  .strict();

export const ActionPolicy = z
  .object({
    description: z.string().optional(),
    ...RuleFields,
    environments: z.record(Environment, EnvironmentOverride).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.approval === 'auto' && p.auto_run !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['auto_run'],
        message:
          'auto_run sets when an action that needs approval may run by itself; with approval: auto it always does. Drop auto_run, or set approval: required',
      });
    }
    if (p.on_expiry === 'escalate' && (p.escalate_to === undefined || p.expires === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['escalate_to'],
        message: 'on_expiry: escalate needs escalate_to (the next tier of approvers) and expires',
      });
    }
    // The rule as written, and as each environment makes it: each must be one a person can satisfy.
    const rules: Array<{ at: Array<string | number>; rule: typeof p }> = [
      { at: [], rule: p },
      ...Object.entries(p.environments ?? {}).map(([env, override]) => ({
        at: ['environments', env],
        rule: { ...p, ...definedFields(override) },
      })),
    ];
    for (const { at, rule } of rules) {
      const where = at.length ? ` in ${String(at[1])}` : '';
      if (rule.approval === 'required' && rule.approvers === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'approvers'],
          message: `approval: required needs approvers (a usergroup or a list of users)${where}`,
        });
      }
      // A quorum counts distinct people: one listed twice still votes once.
      if (rule.approvers && 'users' in rule.approvers && new Set(rule.approvers.users).size < rule.quorum) {
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'quorum'],
          message: `quorum is larger than the list of approvers (each person counts once)${where}`,
        });
      }
      const next = rule.on_expiry === 'escalate' ? rule.escalate_to : undefined;
      if (rule.approval === 'required' && next && 'users' in next && new Set(next.users).size < rule.quorum) {
        ctx.addIssue({
          code: 'custom',
          path: [...at, at.length ? 'quorum' : 'escalate_to'],
          message: `escalate_to lists fewer people than the quorum${where}, so the next tier could never decide`,
        });
      }
    }
  });

/** An override's fields that are set (an unset field keeps the rule's). */
function definedFields<T extends object>(override: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(override).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/** A host pattern: `*` matches any run of characters, compared case-insensitively. */
const HostPattern = z.string().min(1).max(253);

/** Environments, strictest first: an asset in several takes the first; an asset in none takes `default`. */
const Environments = z
  .object({
    default: Environment,
    match: z
      .array(
        z
          .object({
            name: Environment,
            tags: z.array(z.string().min(1)).default([]),
            hosts: z.array(HostPattern).default([]),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

const Cidr = z.string().refine((v) => parseCidr(v) !== null, 'an IP address or CIDR such as 198.51.100.0/24');

const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a UTC time such as 02:00');

const MaintenanceWindow = z
  .object({
    hosts: z.array(HostPattern).min(1),
    reason: z.string().min(1),
    /** A one-off window… */
    start: z.iso.datetime({ offset: true }).optional(),
    end: z.iso.datetime({ offset: true }).optional(),
    /** …or a weekly one, in UTC. */
    weekly: z
      .object({ days: z.array(Weekday).min(1), from: Clock, to: Clock })
      .strict()
      .optional(),
  })
  .strict()
  .refine((w) => (w.start !== undefined && w.end !== undefined) !== (w.weekly !== undefined), {
    message: 'a maintenance window needs either start and end, or weekly (days, from, to)',
  })
  .refine((w) => w.start === undefined || w.end === undefined || Date.parse(w.end) > Date.parse(w.start), {
    path: ['end'],
    message: 'a maintenance window must end after it starts',
  });

/** Private IPv4 space (RFC 1918) and IPv6 unique local addresses (RFC 4193). */
export const DEFAULT_INTERNAL_NETWORKS = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  'fc00::/7',
] as const;

const Validation = z
  .object({
    /** Observables that are never acted on (scanners, service accounts, jump hosts). */
    allow_list: z
      .object({
        ips: z.array(Cidr).default([]),
        users: z.array(z.string().min(1)).default([]),
        hosts: z.array(HostPattern).default([]),
      })
      .strict()
      .default({ ips: [], users: [], hosts: [] }),
    /**
     * Your own address space. A source address in it is never proposed for a firewall block: an internal
     * machine is contained by isolating it in the EDR, not by cutting it off at the firewall.
     */
    internal_networks: z.array(Cidr).default([...DEFAULT_INTERNAL_NETWORKS]),
    maintenance_windows: z.array(MaintenanceWindow).default([]),
    /** Alerts whose title contains this text (case-insensitive) are known-benign. */
    benign_patterns: z
      .array(z.object({ title_contains: z.string().min(3), reason: z.string().min(1) }).strict())
      .default([]),
    /** Below this validation confidence no response action is proposed: the case is summarised and closed. */
    propose_min_confidence: z.number().min(0).max(1).default(0),
  })
  .strict();

/** Field patterns: a dotted path (`request.headers.cookie`) or a key at any depth (`cookie`); `*` is a wildcard. */
const FieldPattern = z.string().min(1).max(200);

/**
 * Per micro-agent: the fields it may see (`see`, all by default) and may never see (`hide`), what is redacted
 * in what remains before any model call, and how much of the payload it may see.
 */
const AgentPolicy = z
  .object({
    fields: z
      .object({
        see: z.array(FieldPattern).min(1).default(['*']),
        hide: z.array(FieldPattern).default([]),
      })
      .strict()
      .default({ see: ['*'], hide: [] }),
    redact: z.array(z.enum(['secrets', 'emails', 'ips'])).default(['secrets']),
    max_input_chars: z.number().int().min(200).max(200_000).default(6000),
    /** false: the agent never calls a model, even with one configured; its heuristic writes what it writes. */
    model: z.boolean().default(true),
  })
  .strict();
const DEFAULT_AGENT = {
  fields: { see: ['*'], hide: [] },
  redact: ['secrets' as const],
  max_input_chars: 6000,
  model: true,
};
const TIMELINE_UNSAID = { ...DEFAULT_AGENT, model: false };

export const PolicyFile = z
  .object({
    version: z.literal(1),
    agents: z
      .object({
        extraction: AgentPolicy.default(DEFAULT_AGENT),
        /**
         * The timeline agent is shown the closing case's record (JSON) rather than an alert's payload. A policy.yml
         * without its section (one written before it existed) keeps it off the model: an upgrade never starts
         * sending case records to a provider under rules nobody wrote.
         */
        timeline: AgentPolicy.default(TIMELINE_UNSAID),
      })
      .strict()
      .default({ extraction: DEFAULT_AGENT, timeline: TIMELINE_UNSAID }),
    environments: Environments.default({ default: 'prod', match: [] }),
    validation: Validation.default({
      allow_list: { ips: [], users: [], hosts: [] },
      internal_networks: [...DEFAULT_INTERNAL_NETWORKS],
      maintenance_windows: [],
      benign_patterns: [],
      propose_min_confidence: 0,
    }),
    actions: z.partialRecord(ActionKind, ActionPolicy),
  })
  .strict()
  .superRefine((file, ctx) => {
    // An environment name the file does not declare is a typo: its rules would never apply (`production:` for
    // `prod:` would drop prod's two-person rule without a sign).
    const { default: fallback, match } = file.environments;
    const declared = new Set([fallback, ...match.map((env) => env.name)]);
    const names = [...declared].join(', ');
    if (match.length > 0 && !match.some((env) => env.name === fallback)) {
      ctx.addIssue({
        code: 'custom',
        path: ['environments', 'default'],
        message: `default must be one of the environments match lists (${match.map((env) => env.name).join(', ')}): list it there, where it ranks (its tags and hosts may be empty)`,
      });
    }
    for (const [kind, rule] of Object.entries(file.actions)) {
      for (const env of Object.keys(rule?.environments ?? {})) {
        if (!declared.has(env)) {
          ctx.addIssue({
            code: 'custom',
            path: ['actions', kind, 'environments', env],
            message: `${env} is not an environment this file declares (${names})`,
          });
        }
      }
      (rule?.auto_run?.environments ?? []).forEach((env, i) => {
        if (!declared.has(env)) {
          ctx.addIssue({
            code: 'custom',
            path: ['actions', kind, 'auto_run', 'environments', i],
            message: `${env} is not an environment this file declares (${names})`,
          });
        }
      });
    }
  });
export type PolicyFile = z.infer<typeof PolicyFile>;

export interface Policy extends PolicyPort {
  readonly hash: string;
  readonly file: PolicyFile;
  readonly source: string;
}

/** Parses policy text; errors name the line and the reason. */
export function parsePolicy(text: string, origin = 'policy.yml'): Policy {
  const file = parseYamlConfig(text, origin, PolicyFile, 'policy').data;
  const hash = sha256(text);
  const rules = rulesOf(file, hash);
  return {
    hash,
    file,
    source: text,
    evaluate(action, context?: GateContext): GateDecision {
      return decide(file, hash, action, context);
    },
    validationRules: () => rules,
    agentRules: (agent) => ({
      fields: file.agents[agent].fields,
      redact: file.agents[agent].redact,
      maxInputChars: file.agents[agent].max_input_chars,
      model: file.agents[agent].model,
    }),
  };
}

/** Whether `host` matches a pattern where `*` stands for any run of characters (case-insensitive). */
export function hostMatches(pattern: string, host: string): boolean {
  const source = pattern
    .toLowerCase()
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(host.toLowerCase());
}

function parseCidr(value: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [address = '', bits] = value.split('/');
  const family = isIP(address);
  if (family === 0) return null;
  const max = family === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return null;
  return { address, prefix, family: family === 4 ? 'ipv4' : 'ipv6' };
}

/** The addresses in a list of CIDRs, as a set `inSet` checks. */
function blockListOf(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of cidrs) {
    const cidr = parseCidr(entry);
    if (cidr) list.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  return list;
}

function inSet(list: BlockList, ip: string): boolean {
  const family = isIP(ip);
  return family !== 0 && list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

function rulesOf(file: PolicyFile, policyHash: string): ValidationRules {
  const allowedIps = blockListOf(file.validation.allow_list.ips);
  const internalIps = blockListOf(file.validation.internal_networks);
  const windows = file.validation.maintenance_windows;
  const { allow_list: allow, benign_patterns: benign } = file.validation;
  return {
    defaultEnvironment: file.environments.default,
    environmentOf(host, tags) {
      const hit = file.environments.match.find(
        (env) =>
          env.tags.some((tag) => tags.some((t) => t.toLowerCase() === tag.toLowerCase())) ||
          env.hosts.some((pattern) => hostMatches(pattern, host)),
      );
      return hit?.name ?? file.environments.default;
    },
    strictest(environments) {
      const order = file.environments.match.map((env) => env.name);
      const ranked = [...new Set(environments)].sort(
        (a, b) => rank(order, a, file.environments.default) - rank(order, b, file.environments.default),
      );
      return ranked[0] ?? file.environments.default;
    },
    ipAllowed: (ip) => inSet(allowedIps, ip),
    ipInternal: (ip) => inSet(internalIps, ip),
    userAllowed: (user) => allow.users.some((u) => u.toLowerCase() === user.toLowerCase()),
    hostAllowed: (host) => allow.hosts.some((pattern) => hostMatches(pattern, host)),
    maintenanceFor(host, at) {
      const window = windows.find(
        (w) => w.hosts.some((pattern) => hostMatches(pattern, host)) && inWindow(w, at),
      );
      return window?.reason ?? null;
    },
    proposeMinConfidence: file.validation.propose_min_confidence,
    policyHash,
    benignPatternFor(title) {
      const lower = title.toLowerCase();
      return benign.find((b) => lower.includes(b.title_contains.toLowerCase()))?.reason ?? null;
    },
  };
}

/** Position of an environment from strictest (0) on; unlisted ones rank as the default does. */
function rank(order: string[], environment: string, fallback: string): number {
  const at = order.indexOf(environment);
  if (at >= 0) return at;
  const fallbackAt = order.indexOf(fallback);
  return fallbackAt >= 0 ? fallbackAt : -1;
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function inWindow(window: z.infer<typeof MaintenanceWindow>, at: Date): boolean {
  if (window.start && window.end) {
    const t = at.getTime();
    return t >= Date.parse(window.start) && t < Date.parse(window.end);
  }
  if (!window.weekly) return false;
  const { days } = window.weekly;
  const listed = (day: number) => days.some((d) => d === WEEKDAYS[(day + 7) % 7]);
  const today = at.getUTCDay();
  const minutes = at.getUTCHours() * 60 + at.getUTCMinutes();
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  const from = toMinutes(window.weekly.from);
  const to = toMinutes(window.weekly.to);
  if (from < to) return listed(today) && minutes >= from && minutes < to;
  // Across midnight: from `from` on a listed day to `to` on the day after.
  return (listed(today) && minutes >= from) || (listed(today - 1) && minutes < to);
}

/** What policy says about `action` for a case in `context` (environment, confidence, exceptions). */
function decide(file: PolicyFile, hash: string, action: ActionKind, context?: GateContext): GateDecision {
  const base = { policyHash: hash, quorum: 1, expiresInSeconds: null, onExpiry: { kind: 'deny' as const } };
  const listed = file.actions[action];
  if (!listed) {
    return {
      ...base,
      mode: 'forbidden',
      reason: `${action} is not in the policy`,
      approvers: null,
      ttlSeconds: null,
      tier: 1,
    };
  }
  const override = context ? listed.environments?.[context.environment] : undefined;
  const rule = { ...listed, ...override };
  const where = context && override ? ` (rules for ${context.environment})` : '';
  let mode: GateDecision['mode'] = rule.approval === 'required' ? 'approval' : rule.approval;
  let reason =
    mode === 'approval'
      ? `policy requires approval${where}`
      : mode === 'auto'
        ? `policy allows auto-run${where}`
        : `policy forbids it${where}`;
  const auto = rule.auto_run;
  if (mode === 'approval' && auto && context) {
    const confident = context.confidence >= auto.min_confidence;
    const inScope = auto.environments.includes(context.environment);
    if (confident && inScope && context.exceptions === 0) {
      mode = 'auto';
      reason = `auto-run: confidence ${context.confidence.toFixed(2)} ≥ ${auto.min_confidence} in ${context.environment}`;
    } else {
      const why =
        context.exceptions > 0
          ? 'validation raised exceptions'
          : !inScope
            ? `auto-run is not allowed in ${context.environment}`
            : `confidence ${context.confidence.toFixed(2)} is below auto-run's ${auto.min_confidence}`;
      reason = `policy requires approval${where}: ${why}`;
    }
  }
  // Auto-run never overrides a validation exception (a maintenance window, an allow-list hit…).
  if (mode === 'auto' && rule.approval === 'auto' && context && context.exceptions > 0) {
    mode = rule.approvers ? 'approval' : 'forbidden';
    reason = rule.approvers
      ? `policy allows auto-run, but validation raised exceptions, so a person decides${where}`
      : `policy allows only auto-run, and validation raised exceptions${where}`;
  }
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
    tier: rule.tier,
  };
}

export function loadPolicy(file: string): Policy {
  return parsePolicy(readConfigFile(file, 'VIGIL_POLICY_FILE', 'policy.yml'), file);
}
