// Windows event log records (Winlogbeat / Elastic Agent `winlog` JSON, the flat JSON of NXLog, Sentinel
// `SecurityEvent` and older Winlogbeat, and the rendered XML): Security, Sysmon and PowerShell channels
// mapped per event id the way Elastic's `system.security` and `windows.*` pipelines map them.
import { z } from 'zod';
import type { Severity } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { domainAccount, isObject, parserAlert } from './common.js';
import type { Parser } from './parser.js';
import { lookupTable } from '../lookup-table.js';

const Scalar = z.union([z.string(), z.number(), z.boolean()]);
const EventId = z.union([z.string().regex(/^\d{1,5}$/), z.number().int().nonnegative()]);
const Fields = z.record(z.string(), z.unknown());

const Winlog = z.object({
  channel: z.string().optional(),
  provider_name: z.string().optional(),
  event_id: EventId,
  computer_name: z.string().optional(),
  event_data: Fields.optional(),
  user_data: Fields.optional(),
  time_created: z.string().optional(),
  level: z.string().optional(),
  keywords: z.array(z.string()).optional(),
  /** The account the event's System section names (`UserID`), resolved by the agent. */
  user: z.object({ name: z.string().optional() }).passthrough().optional().catch(undefined),
});
/** The Elastic Agent / Winlogbeat document: `winlog` plus the agent's `host`. */
const WinlogDoc = z.object({
  winlog: Winlog,
  host: z.object({ name: z.string().optional() }).passthrough().optional(),
  user: z.object({ name: z.string().optional() }).passthrough().optional().catch(undefined),
  '@timestamp': z.string().optional(),
  message: z.string().optional(),
});

/** Flat shapes: NXLog (`Hostname`, `SourceName`), Sentinel SecurityEvent (`Computer`), Winlogbeat 6 (`log_name`). */
const FlatDoc = z
  .object({
    EventID: EventId.optional(),
    event_id: EventId.optional(),
    Channel: z.string().optional(),
    log_name: z.string().optional(),
    Computer: z.string().optional(),
    Hostname: z.string().optional(),
    computer_name: z.string().optional(),
    SourceName: z.string().optional(),
    ProviderName: z.string().optional(),
    Provider: z.string().optional(),
    source_name: z.string().optional(),
    EventData: Fields.optional(),
    event_data: Fields.optional(),
    UserData: Fields.optional(),
    user_data: Fields.optional(),
    EventTime: Scalar.optional(),
    TimeGenerated: Scalar.optional(),
    TimeCreated: Scalar.optional(),
    '@timestamp': z.string().optional(),
    Severity: Scalar.optional(),
    Level: Scalar.optional(),
    Activity: z.string().optional(),
    Message: z.string().optional(),
  })
  .passthrough();

/** What every shape is read into. */
interface WinEvent {
  channel: string;
  provider: string;
  code: string;
  /** The host name Elastic reports (`host.name`), not `winlog.computer_name`, for `winlog` documents. */
  hostName: string | undefined;
  data: Map<string, string>;
  userData: Map<string, string>;
  time: unknown;
  level: string | undefined;
  failure: boolean;
  text: string | undefined;
  /** The account the agent resolved for the record (`user.name`, else `winlog.user.name`). */
  systemUser: string | undefined;
}

const SECURITY_PROVIDERS = new Set(['microsoft-windows-security-auditing', 'microsoft-windows-eventlog']);

/** A record of string values (numbers spelled out); other values dropped. */
function strings(rec: Record<string, unknown> | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(rec ?? {})) {
    if (typeof v === 'string') out.set(k, v);
    else if (typeof v === 'number' || typeof v === 'boolean') out.set(k, String(v));
  }
  return out;
}

function fromWinlog(raw: unknown): WinEvent | null {
  const r = WinlogDoc.safeParse(raw);
  if (!r.success) return null;
  const w = r.data.winlog;
  return {
    channel: w.channel ?? '',
    provider: w.provider_name ?? '',
    code: String(w.event_id),
    hostName: r.data.host?.name,
    data: strings(w.event_data),
    userData: strings(w.user_data),
    time: w.time_created ?? r.data['@timestamp'],
    level: w.level,
    failure: (w.keywords ?? []).some((k) => /audit failure/i.test(k)),
    text: r.data.message,
    systemUser: r.data.user?.name ?? w.user?.name,
  };
}

/** Keys of a flat record that are the shipper's own, not event data. */
const FLAT_META = new Set([
  'EventID',
  'event_id',
  'Channel',
  'log_name',
  'Computer',
  'Hostname',
  'computer_name',
  'SourceName',
  'ProviderName',
  'Provider',
  'source_name',
  'EventTime',
  'TimeGenerated',
  'TimeCreated',
  'Severity',
  'Level',
  'Message',
  'Activity',
]);

function fromFlat(raw: unknown): WinEvent | null {
  if (!isObject(raw) || 'winlog' in raw) return null;
  const r = FlatDoc.safeParse(raw);
  if (!r.success) return null;
  const f = r.data;
  const id = f.EventID ?? f.event_id;
  const channel = f.Channel ?? f.log_name;
  const computer = f.Computer ?? f.Hostname ?? f.computer_name;
  if (id === undefined || channel === undefined || computer === undefined) return null;
  const top = new Map<string, string>();
  for (const [k, v] of strings(f)) if (!FLAT_META.has(k)) top.set(k, v);
  const data = new Map([...top, ...strings(f.EventData ?? f.event_data)]);
  const level = f.Level ?? f.Severity;
  return {
    channel,
    provider: f.ProviderName ?? f.SourceName ?? f.Provider ?? f.source_name ?? '',
    code: String(id),
    hostName: computer,
    data,
    userData: strings(f.UserData ?? f.user_data),
    time: f.TimeCreated ?? f.EventTime ?? f.TimeGenerated ?? f['@timestamp'],
    level: level === undefined ? undefined : String(level),
    failure: [f.Keywords, f.EventType].some((k) => typeof k === 'string' && /failure/i.test(k)),
    text: f.Activity ?? f.Message,
    systemUser: undefined,
  };
}

/** The namespace of a rendered Windows event (`<Event xmlns=…>`). */
export const XML_NS = 'schemas.microsoft.com/win/2004/08/events/event';

/** The text of an XML element or attribute value, its five predefined entities decoded. */
export const unescapeXml = (v: string): string =>
  v
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The rendered XML event (`<Event xmlns=…>`), as `wevtutil` and `event.original` carry it. */
function fromXml(raw: unknown): WinEvent | null {
  if (typeof raw !== 'string' || raw.length > 262_144) return null;
  const s = raw.trimStart();
  if (!s.startsWith('<Event') || !s.includes(XML_NS)) return null;
  const tag = (name: string): string | undefined =>
    new RegExp(`<${name}(?:\\s[^<>]*)?>([^<]*)</${name}>`).exec(s)?.[1];
  const code = tag('EventID');
  if (code === undefined || !/^\d{1,5}$/.test(code.trim())) return null;
  const data = new Map<string, string>();
  for (const m of s.matchAll(/<Data Name=['"]([^'"]+)['"]\s*(?:\/>|>([^<]*)<\/Data>)/g)) {
    if (m[1]) data.set(m[1], unescapeXml(m[2] ?? ''));
  }
  const userData = new Map<string, string>();
  // From the first `<UserData>` to the last `</UserData>`, by index: as a pattern, each `<UserData>` of a long
  // hostile event was scanned to its end (quadratic time).
  const udOpen = s.indexOf('<UserData>');
  const udClose = s.lastIndexOf('</UserData>');
  const ud = udOpen >= 0 && udClose >= udOpen + 10 ? s.slice(udOpen + 10, udClose) : '';
  for (const m of ud.matchAll(/<(\w+)>([^<]*)<\/\1>/g)) if (m[1]) userData.set(m[1], unescapeXml(m[2] ?? ''));
  const computer = tag('Computer');
  const level = tag('Level');
  return {
    channel: unescapeXml(tag('Channel') ?? ''),
    provider: /<Provider\s+Name=['"]([^'"]+)['"]/.exec(s)?.[1] ?? '',
    code: code.trim(),
    hostName: computer === undefined ? undefined : unescapeXml(computer),
    data,
    userData,
    time: /<TimeCreated\s+SystemTime=['"]([^'"]+)['"]/.exec(s)?.[1],
    level:
      level === undefined
        ? undefined
        : ['info', 'critical', 'error', 'warning', 'info', 'info'][Number(level)],
    failure: /<Keywords>0x801/.test(s),
    text: undefined,
    // The System section gives the account by SID only.
    systemUser: undefined,
  };
}

const read = (raw: unknown): WinEvent | null => fromWinlog(raw) ?? fromFlat(raw) ?? fromXml(raw);

/** A dataset label naming another integration (e.g. SQL Server audit events in the Security log). */
const Labelled = z.object({
  data_stream: z.object({ dataset: z.string() }).partial().optional(),
  event: z.object({ dataset: z.string() }).partial().optional(),
});

function foreignDataset(raw: unknown): boolean {
  const r = Labelled.safeParse(raw);
  const ds = r.success ? (r.data.data_stream?.dataset ?? r.data.event?.dataset) : undefined;
  return ds !== undefined && !/^(?:system\.security|windows\.)/.test(ds);
}

function detect(raw: unknown): boolean {
  if (typeof raw === 'string') {
    const e = fromXml(raw);
    return e !== null && !foreignProvider(e);
  }
  if (!isObject(raw)) return false;
  // Key checks first: every JSON alert passes through here.
  const winlog = 'winlog' in raw;
  if (!winlog && !(('EventID' in raw || 'event_id' in raw) && ('Channel' in raw || 'log_name' in raw)))
    return false;
  if (foreignDataset(raw)) return false;
  const e = winlog ? fromWinlog(raw) : fromFlat(raw);
  return e !== null && !foreignProvider(e);
}

/** Security-channel events from other providers (SQL Server audit, …) belong to other integrations. */
const foreignProvider = (e: WinEvent): boolean =>
  e.channel.toLowerCase() === 'security' &&
  e.provider !== '' &&
  !SECURITY_PROVIDERS.has(e.provider.toLowerCase());

type Kind = 'security' | 'sysmon' | 'powershell_operational' | 'powershell' | 'defender' | 'other';

function kindOf(e: WinEvent): Kind {
  const ch = e.channel.toLowerCase();
  if (ch === 'security') return 'security';
  if (ch === 'microsoft-windows-sysmon/operational') return 'sysmon';
  if (ch === 'microsoft-windows-powershell/operational') return 'powershell_operational';
  if (ch === 'windows powershell') return 'powershell';
  if (ch === 'microsoft-windows-windows defender/operational') return 'defender';
  return 'other';
}

const FORMATS: Record<Kind, string> = {
  security: 'system.security',
  sysmon: 'windows.sysmon_operational',
  powershell_operational: 'windows.powershell_operational',
  powershell: 'windows.powershell',
  defender: 'windows.windows_defender',
  other: 'windows.forwarded',
};

/** The data stream: AppLocker's four channels have their own (`windows.applocker_exe_and_dll` …). */
function formatOf(e: WinEvent, kind: Kind): string {
  const applocker = /^microsoft-windows-applocker\/(.+)$/i.exec(e.channel)?.[1];
  if (kind === 'other' && applocker)
    return `windows.applocker_${applocker.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
  return FORMATS[kind];
}

/** Never an indicator (Vigil's rule), whatever a pipeline copies. */
const UNSPECIFIED = new Set(['0.0.0.0', '::']);

function addIp(obs: ObservablesBuilder, role: 'src' | 'dst' | 'related', value: string | undefined): void {
  if (value === undefined) return;
  const v = value.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (UNSPECIFIED.has(v)) return;
  if (role === 'src') obs.srcIp(v);
  else if (role === 'dst') obs.dstIp(v);
  else obs.ip(v);
}

/** A DNS name goes to domains, a bare machine name to hosts. */
function addName(obs: ObservablesBuilder, value: string | undefined): void {
  if (value === undefined) return;
  if (/^[a-z0-9_-]+(?:\.[a-z0-9_-]+)+\.?$/i.test(value.trim())) obs.domain(value);
  else obs.host(value);
}

const ids = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean));
const codes = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

/** Event ids whose fields Elastic's `standard` pipeline copies to users (see its scripts). */
const TARGET_USER = ids('4624 4625 4627 4634 4647 4648 4768 4769 4770 4771 4776 4964');
const MEMBER_NAME = ids(
  '4727 4728 4729 4730 4731 4732 4733 4734 4735 4737 4744 4745 4746 4747 4748 4749 4750 4751 4752 4753 4754 4755 4756 4757 4758 4759 4760 4761 4762 4763 4764 4799',
);
/**
 * Event ids whose subject is the user: the standard pipeline's list, then Certificate Services (4868–4899) and
 * Network Policy Server (6272–6280) events, whose subject is who acted (asked for, issued or revoked a
 * certificate; was granted or denied network access), as Elastic's ADCS and NPS scripts set it.
 */
const SUBJECT_USER = new Set([
  ...ids(
    '4648 4657 4662 4670 4672 4673 4674 4688 4689 4697 4698 4699 4700 4701 4702 4706 4707 4713 4716 4717 4718 4719 4720 4722 4723 4724 4725 4726 4727 4728 4729 4730 4731 4732 4733 4734 4735 4737 4738 4739 4740 4741 4742 4743 4744 4745 4746 4747 4748 4749 4750 4751 4752 4753 4754 4755 4756 4757 4758 4759 4760 4761 4762 4763 4764 4767 4781 4793 4797 4798 4799 4817 4904 4905 4907 4912 5136 5140 5145 5379 5380 5381 5382',
  ),
  ...codes(4868, 4899),
  ...codes(6272, 6280),
]);
const TARGET_TO_TARGET = ids(
  '4670 4720 4722 4723 4724 4725 4726 4738 4740 4767 4793 4798 4817 4907 4797 4688 4648',
);
const SUBJECT_RELATED = ids('4624 4648 4797 5379 5380 5381 5382');
const COMMON_AUTH = ids(
  '1100 1102 1104 1105 1108 4624 4648 4625 4670 4673 4674 4689 4697 4719 4720 4722 4723 4724 4725 4726 4727 4728 4729 4730 4731 4732 4733 4734 4735 4737 4738 4740 4741 4742 4743 4744 4745 4746 4747 4748 4749 4750 4751 4752 4753 4754 4755 4756 4757 4758 4759 4760 4761 4762 4763 4764 4767 4768 4769 4770 4771 4798 4799 4817 4904 4905 4907 4912 5140 5145',
);
const CONNECTION = ids('5152 5156 5157 5158');
const SDDL_EVENTS = ids('4670 4817 4907 4908');

/** Well-known domain RIDs Elastic names when they appear as an ACE grantee. */
const GRANTEE_RID: Readonly<Record<string, string>> = lookupTable({
  '500': 'Administrator',
  '501': 'Guest',
  '502': 'KRBTGT',
});

/**
 * The `(…)` groups `/\([^*)]*\)/g` finds, by index: the pattern scanned from each `(` of a long hostile run to
 * the next `*` or `)` (quadratic time). Every `(` before the same `*` fails alike, so the search resumes after it.
 */
function acesOf(sddl: string): string[] {
  const out: string[] = [];
  let open = sddl.indexOf('(');
  while (open >= 0) {
    const close = sddl.indexOf(')', open + 1);
    if (close < 0) break;
    const star = sddl.indexOf('*', open + 1);
    if (star >= 0 && star < close) {
      open = sddl.indexOf('(', star + 1);
      continue;
    }
    out.push(sddl.slice(open, close + 1));
    open = sddl.indexOf('(', close + 1);
  }
  return out;
}

function sddlGrantees(sddl: string): string[] {
  const out: string[] = [];
  for (const ace of acesOf(sddl)) {
    const sid = ace.slice(1, -1).split(';')[5] ?? '';
    const rid = /^S-1-5-21-.*?(\d{1,5})$/.exec(sid)?.[1];
    const name = rid ? GRANTEE_RID[rid] : undefined;
    if (name) out.push(name);
  }
  return out;
}

/** The first RDN of a distinguished name, `CN=` removed (escaped commas kept together). */
const firstRdn = (dn: string): string => (dn.split(/(?<!\\),/)[0] ?? '').replace(/cn=/gi, '');

function security(e: WinEvent, obs: ObservablesBuilder): void {
  const d = (k: string): string | undefined => e.data.get(k);
  const c = e.code;
  const beforeAt = (v: string | undefined): string | undefined => v?.split('@')[0];
  // user.name first (the last script of the pipeline that sets it wins), then related.user.
  obs.user(
    c === '1102'
      ? e.userData.get('SubjectUserName')
      : SUBJECT_USER.has(c)
        ? d('SubjectUserName')
        : c === '4778' || c === '4779'
          ? d('AccountName')
          : TARGET_USER.has(c)
            ? beforeAt(d('TargetUserName'))
            : undefined,
  );
  if (c === '4778' || c === '4779') {
    obs.user(d('AccountName'));
    const client = d('ClientAddress');
    if (client && client !== 'Unknown') addIp(obs, 'src', client === 'LOCAL' ? '127.0.0.1' : client);
  }
  if (TARGET_USER.has(c)) obs.user(beforeAt(d('TargetUserName')));
  if (MEMBER_NAME.has(c) && d('MemberName')) obs.user(firstRdn(d('MemberName') ?? ''));
  if (SUBJECT_USER.has(c)) obs.user(d('SubjectUserName'));
  if (TARGET_TO_TARGET.has(c)) obs.user(beforeAt(d('TargetUserName')));
  if (c === '1102') obs.user(e.userData.get('SubjectUserName'));
  if (SUBJECT_RELATED.has(c)) obs.user(d('SubjectUserName'));
  obs.user(d('NewTargetUserName'));
  obs.user(d('OldTargetUserName'));
  if (COMMON_AUTH.has(c)) {
    addIp(obs, 'src', d('IpAddress'));
    const client = d('ClientAddress');
    if (client && client !== 'Unknown') addIp(obs, 'related', client === 'LOCAL' ? '127.0.0.1' : client);
  }
  if (CONNECTION.has(c)) {
    addIp(obs, 'dst', d('DestAddress'));
    addIp(obs, 'src', d('SourceAddress'));
  }
  if (c === '5136' && d('ObjectDN')) {
    const cls = (d('ObjectClass') ?? '').toLowerCase();
    const cn = /cn=((?:\\.|[^,])*)/i
      .exec(d('ObjectDN') ?? '')?.[1]
      ?.replace(/\\(.)/g, '$1')
      .trim();
    if (cn && (cls.includes('user') || cls.includes('group'))) obs.user(cn);
    else if (cn && cls.includes('computer') && !e.hostName) obs.host(cn);
  }
  if (SDDL_EVENTS.has(c)) {
    for (const sd of [d('OldSd'), d('NewSd')]) for (const g of sddlGrantees(sd ?? '')) obs.user(g);
  }
}

function sysmon(e: WinEvent, obs: ObservablesBuilder): void {
  const d = (k: string): string | undefined => {
    const v = e.data.get(k);
    return v === undefined || v === '' || v === '-' || v === '{00000000-0000-0000-0000-000000000000}'
      ? undefined
      : v;
  };
  obs.user(domainAccount(d('User')));
  const results = d('QueryResults');
  for (const answer of results?.split(';') ?? []) {
    if (answer === '') continue;
    if (answer.startsWith('type:')) {
      const parts = answer.split(/\s+/);
      if (parts.length === 3) addName(obs, parts[2]);
    } else {
      addIp(obs, 'related', answer.replace(/^\[?::ffff:(\d+\.\d+\.\d+\.\d+)(?:\](?::\d+)?)?$/i, '$1'));
    }
  }
  addName(obs, d('QueryName'));
  addIp(obs, 'src', d('SourceIp'));
  addIp(obs, 'dst', d('DestinationIp'));
}

/** `Key = value` lines of PowerShell's ContextInfo, keys without spaces. */
function contextInfo(text: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text?.split('\n') ?? []) {
    const eq = line.indexOf('=');
    if (eq > 0) out.set(line.slice(0, eq).replace(/\s/g, ''), line.slice(eq + 1).trim());
  }
  return out;
}

function powershellOperational(e: WinEvent, obs: ObservablesBuilder): void {
  const data = new Map<string, string>();
  for (const [k, v] of e.data) data.set(k.replace(/\s/g, ''), v);
  if (e.code === '4103') for (const [k, v] of contextInfo(e.data.get('ContextInfo'))) data.set(k, v);
  obs.user(domainAccount(data.get('User')));
  obs.user(domainAccount(data.get('ConnectedUser')));
}

function powershellClassic(e: WinEvent, obs: ObservablesBuilder): void {
  const block = e.code === '800' ? e.data.get('param2') : e.code === '600' ? undefined : e.data.get('param3');
  const user = /(?:^|[\n\t])UserId=([^\n\t]*)/.exec(block ?? '')?.[1];
  obs.user(domainAccount(user ?? e.data.get('UserId')));
}

/**
 * Microsoft Defender Antivirus: the user is `Detection User` (or `User`) split as `DOMAIN\name`, as Elastic's
 * `windows_defender` pipeline reads it; a record shipped without event data has the same `User:` line in its
 * rendered message. Also the file hash and the contacted domain.
 */
function defender(e: WinEvent, obs: ObservablesBuilder): void {
  const data = new Map<string, string>();
  for (const [k, v] of e.data) data.set(k.replace(/ /g, '_'), v);
  const messageUser = /(?:^|\n)[ \t]*User:[ \t]*([^\r\n]+)/.exec(e.text ?? '')?.[1]?.trim();
  obs.user(domainAccount(data.get('Detection_User') ?? data.get('User') ?? messageUser));
  const sha256 = data.get('Sha256');
  if (sha256 !== '-') obs.hash(sha256);
  obs.domain(data.get('Destination'));
}

/** Short names for the Security events an analyst meets most. */
const SECURITY_TITLES: Readonly<Record<string, string>> = lookupTable({
  '1102': 'audit log cleared',
  '4624': 'logged in',
  '4625': 'logon failed',
  '4634': 'logged out',
  '4647': 'logged out',
  '4648': 'logon with explicit credentials',
  '4672': 'special privileges assigned to new logon',
  '4688': 'process created',
  '4697': 'service installed',
  '4698': 'scheduled task created',
  '4719': 'audit policy changed',
  '4720': 'user account created',
  '4722': 'user account enabled',
  '4723': 'password change attempted',
  '4724': 'password reset attempted',
  '4725': 'user account disabled',
  '4726': 'user account deleted',
  '4728': 'member added to global group',
  '4732': 'member added to local group',
  '4738': 'user account changed',
  '4740': 'user account locked out',
  '4756': 'member added to universal group',
  '4767': 'user account unlocked',
  '4768': 'Kerberos TGT requested',
  '4769': 'Kerberos service ticket requested',
  '4771': 'Kerberos pre-authentication failed',
  '4776': 'credentials validated',
  '4778': 'session reconnected',
  '4779': 'session disconnected',
  '4797': 'blank password queried',
  '4798': 'group membership enumerated',
  '5136': 'directory object modified',
  '5140': 'network share accessed',
  '5145': 'network share access checked',
  '5156': 'connection permitted',
  '5157': 'connection blocked',
});

const SYSMON_TITLES: Readonly<Record<string, string>> = lookupTable({
  '1': 'process creation',
  '3': 'network connection',
  '5': 'process terminated',
  '6': 'driver loaded',
  '7': 'image loaded',
  '8': 'CreateRemoteThread',
  '10': 'process access',
  '11': 'file created',
  '12': 'registry object created or deleted',
  '13': 'registry value set',
  '15': 'file stream created',
  '22': 'DNS query',
  '23': 'file delete archived',
  '25': 'process tampering',
  '26': 'file delete logged',
});

const SECURITY_HIGH = ids('1102 4719 4740 4697');
const SECURITY_MEDIUM = ids('4625 4771 4720 4726 4728 4732 4756 4724 4698 5157');
const SYSMON_MEDIUM = ids('8 25');
/** Defender: malware detected (1006, 1116), action taken (1007, 1117), action failed (1008, 1118, 1119). */
const DEFENDER_HIGH = ids('1006 1007 1008 1116 1117 1118 1119');

function severityOf(e: WinEvent, kind: Kind): Severity {
  if (kind === 'security' && SECURITY_HIGH.has(e.code)) return 'high';
  if (kind === 'security' && SECURITY_MEDIUM.has(e.code)) return 'medium';
  if (kind === 'sysmon' && SYSMON_MEDIUM.has(e.code)) return 'medium';
  if (kind === 'defender' && DEFENDER_HIGH.has(e.code)) return 'high';
  if (e.failure) return 'medium';
  return mapSeverity(e.level, 'level') ?? 'info';
}

function titleOf(e: WinEvent, kind: Kind): string {
  const named =
    kind === 'security' ? SECURITY_TITLES[e.code] : kind === 'sysmon' ? SYSMON_TITLES[e.code] : undefined;
  const source = e.channel || e.provider || 'Windows';
  const text = named ?? e.text?.split('\n')[0]?.slice(0, 160);
  return text ? `${source} ${e.code}: ${text}` : `${source} event ${e.code}`;
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const e = read(raw);
  if (!e) throw new Error('not a Windows event record');
  const kind = kindOf(e);
  const obs = new ObservablesBuilder();
  obs.host(e.hostName);
  if (kind === 'security') security(e, obs);
  else if (kind === 'sysmon') sysmon(e, obs);
  else if (kind === 'powershell_operational') powershellOperational(e, obs);
  else if (kind === 'powershell') powershellClassic(e, obs);
  else if (kind === 'defender') defender(e, obs);
  // Other channels (AppLocker, System …) name their user only in the System section, as Elastic maps it.
  else obs.user(e.systemUser);
  return parserAlert('windows.event', formatOf(e, kind), obs, {
    title: titleOf(e, kind),
    severity: severityOf(e, kind),
    observedAt: toIsoTime(e.time),
    ruleId: `${e.provider || e.channel}:${e.code}`,
  });
}

export const windowsEventParser: Parser = {
  name: 'windows.event',
  claims: { keys: ['winlog', 'EventID', 'event_id'], text: [XML_NS] },
  detect,
  parse,
};
