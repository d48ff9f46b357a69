// Cilium Tetragon JSON events (process_exec, process_exit, process_kprobe, tracepoint, LSM, uprobe, loader),
// read as Elastic's `tetragon.log` pipeline maps them: the Kubernetes node (`node_name`) is the host; the
// process, pod and kprobe arguments only shape the title.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, isObject, OptionalText, parserAlert } from './common.js';
import type { Parser } from './parser.js';

/** The event kinds whose objects carry a `process` (Elastic's pipeline reads these). */
const KINDS = [
  'process_exec',
  'process_exit',
  'process_kprobe',
  'process_tracepoint',
  'process_loader',
  'process_lsm',
  'process_uprobe',
] as const;
type Kind = (typeof KINDS)[number];

const Pod = z.object({ namespace: OptionalText, name: OptionalText }).passthrough();
const Process = z
  .object({
    binary: OptionalText,
    arguments: OptionalText,
    exec_id: OptionalText,
    pod: Pod.nullish(),
  })
  .passthrough();
const Body = z
  .object({
    process: Process.nullish(),
    parent: Process.nullish(),
    function_name: OptionalText,
    event: OptionalText,
    subsys: OptionalText,
    policy_name: OptionalText,
    action: OptionalText,
  })
  .passthrough();
const Envelope = z
  .object({ node_name: OptionalText, cluster_name: OptionalText, time: OptionalText })
  .passthrough();

interface TetragonEvent {
  kind: Kind;
  body: z.infer<typeof Body>;
  envelope: z.infer<typeof Envelope>;
}

function read(raw: unknown): TetragonEvent | null {
  if (!isObject(raw) || !('time' in raw)) return null;
  const kind = KINDS.find((k) => k in raw);
  if (kind === undefined) return null;
  const envelope = Envelope.safeParse(raw);
  if (!envelope.success || !envelope.data.time) return null;
  const inner: unknown = envelope.data[kind];
  if (!isObject(inner) || !('process' in inner)) return null;
  const body = Body.safeParse(inner);
  return body.success && isObject(body.data.process)
    ? { kind, body: body.data, envelope: envelope.data }
    : null;
}

const detect = detectorOf(read);

/** Enforcing actions (kill, override the return value, signal) weigh more than a policy's plain report. */
function severityOf(e: TetragonEvent): Severity {
  const action = e.body.action ?? '';
  if (/SIGKILL|OVERRIDE|SIGNAL|NOTIFY_ENFORCER/.test(action)) return 'high';
  if (e.body.policy_name) return 'medium';
  return e.kind === 'process_exec' || e.kind === 'process_exit' ? 'info' : 'low';
}

function titleOf(e: TetragonEvent): string {
  const b = e.body;
  const hook = b.function_name ?? (b.subsys && b.event ? `${b.subsys}/${b.event}` : null);
  const pod = b.process?.pod?.name ? ` in pod ${b.process.pod.namespace ?? ''}/${b.process.pod.name}` : '';
  const parts = [`Tetragon ${e.kind}`, hook, b.process?.binary ?? null].filter(Boolean);
  const policy = b.policy_name ? ` (policy ${b.policy_name})` : '';
  return `${parts.join(' ')}${pod}${policy}`.replace(/\s+/g, ' ').trim();
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (!e) throw new Error('not a Tetragon event');
  const obs = new ObservablesBuilder();
  obs.host(e.envelope.node_name);
  return parserAlert('tetragon.log', 'tetragon.log', obs, {
    title: titleOf(e),
    severity: severityOf(e),
    observedAt: toIsoTime(e.envelope.time),
    ruleId: e.body.policy_name ?? e.body.function_name ?? e.kind,
  });
}

/** Cilium Tetragon export events (one JSON object per line). */
export const tetragonParser: Parser = {
  name: 'tetragon.log',
  claims: { keys: KINDS, text: false },
  detect,
  parse,
};
