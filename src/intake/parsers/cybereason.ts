// Cybereason API records: logon sessions, malop connections, malop processes and suspicious processes (the
// `[record, suspicionsMap, evidenceMap]` triple), malware and polled malops, mapped as Elastic's
// `cybereason` package pipelines map them.
import { z } from 'zod';
import type { Alert } from '../../../graphs/agents/extraction/contract.js';
import { ObservablesBuilder } from '../observables-builder.js';
import { mapSeverity } from '../severity.js';
import { toIsoTime } from '../time.js';
import { bareIndicatorIp, detectorOf, isObject, parserAlert, TextField } from './common.js';
import type { Parser } from './parser.js';

const Element = z.object({ guid: TextField, name: TextField });
/** A Cybereason element list (`{ totalValues, elementValues: [...] }`); anything else reads as empty. */
const ElementList = z
  .object({ elementValues: z.array(Element).nullish().catch(undefined) })
  .nullish()
  .catch(undefined);
/** A Cybereason simple value (`{ totalValues, values: [...] }`), its values read as text. */
const SimpleValue = z
  .object({ values: z.array(TextField).nullish().catch(undefined) })
  .nullish()
  .catch(undefined);

const Query = z.object({
  simpleValues: z.record(z.string(), SimpleValue).nullish().catch(undefined),
  elementValues: z.record(z.string(), ElementList).nullish().catch(undefined),
  filterData: z.object({ groupByValue: TextField }).nullish().catch(undefined),
  guidString: TextField,
  malopPriority: TextField,
});
type Query = z.infer<typeof Query>;

const Malware = z.object({
  guid: TextField,
  timestamp: TextField,
  name: TextField,
  machineName: TextField,
  status: TextField,
  type: TextField,
  detectionValue: TextField,
  malwareDataModel: z.object({ detectionName: TextField }).nullish().catch(undefined),
});

const Malop = z.object({
  guid: TextField,
  displayName: TextField,
  lastUpdateTime: TextField,
  creationTime: TextField,
  malopSeverity: TextField,
  severity: TextField,
  malopDetectionType: TextField,
  rootCauseElementHashes: TextField,
  machines: z
    .array(z.object({ guid: TextField, displayName: TextField }))
    .nullish()
    .catch(undefined),
  users: z
    .array(z.object({ guid: TextField, displayName: TextField }))
    .nullish()
    .catch(undefined),
});

type QueryStream = 'logon_session' | 'malop_connection' | 'malop_process' | 'suspicions_process';

/** Which query stream a record's element and simple value keys belong to, or null. */
function queryStream(rec: object): QueryStream | null {
  const elements = 'elementValues' in rec && isObject(rec.elementValues) ? rec.elementValues : {};
  const simple = 'simpleValues' in rec && isObject(rec.simpleValues) ? rec.simpleValues : {};
  const has = (o: object, keys: string[]): boolean => keys.some((k) => k in o);
  if (has(elements, ['affectedMachines', 'affectedUsers', 'rootCauseElements', 'primaryRootCauseElements']))
    return 'malop_process';
  if (has(elements, ['remoteMachine']) || has(simple, ['logonType'])) return 'logon_session';
  if (
    has(simple, ['serverAddress', 'transportProtocol', 'remoteAddressCountryName']) ||
    has(elements, ['dnsQuery'])
  )
    return 'malop_connection';
  if (has(elements, ['calculatedUser', 'imageFile', 'parentProcess']) || has(simple, ['commandLine']))
    return 'suspicions_process';
  return null;
}

/** The query record of a `[record, suspicionsMap, evidenceMap]` triple (an array or its JSON text), or null. */
function queryRecord(raw: unknown): object | null {
  let value = raw;
  if (typeof raw === 'string') {
    const s = raw.trimStart();
    if (!s.startsWith('[{') || !s.includes('"elementValues"')) return null;
    try {
      value = JSON.parse(s);
    } catch {
      return null;
    }
  }
  if (!Array.isArray(value) || value.length < 1 || value.length > 3) return null;
  const first: unknown = value[0];
  if (!isObject(first) || !('elementValues' in first) || !('guidString' in first)) return null;
  return first;
}

type Shape =
  | { kind: 'query'; stream: QueryStream; rec: object }
  | { kind: 'malware'; rec: object }
  | { kind: 'malop'; rec: object };

function shapeOf(raw: unknown): Shape | null {
  if (isObject(raw)) {
    if ('@class' in raw && raw['@class'] === '.MalopInboxModel') return { kind: 'malop', rec: raw };
    if (
      'machineName' in raw &&
      'elementType' in raw &&
      ('malwareDataModel' in raw || 'detectionEngine' in raw)
    )
      return { kind: 'malware', rec: raw };
    return null;
  }
  const rec = queryRecord(raw);
  const stream = rec ? queryStream(rec) : null;
  return rec && stream ? { kind: 'query', stream, rec } : null;
}

const detect = detectorOf(shapeOf);

const elementsOf = (q: Query, key: string): z.infer<typeof Element>[] =>
  q.elementValues?.[key]?.elementValues ?? [];
const firstSimple = (q: Query, key: string): string | undefined => q.simpleValues?.[key]?.values?.[0];

function parseQuery(stream: QueryStream, rec: object): Alert {
  const q = Query.parse(rec);
  const obs = new ObservablesBuilder();
  if (stream === 'logon_session') {
    // user.name then user.id (both also in related.user); the machines are not mapped to host fields.
    const users = elementsOf(q, 'user');
    for (const u of users) obs.user(u.name);
    for (const u of users) obs.user(u.guid);
  } else if (stream === 'malop_connection' || stream === 'suspicions_process') {
    // Elastic maps the owner machine to process.real_user (id, then name), hence related.user.
    const machines = elementsOf(q, 'ownerMachine');
    for (const m of machines) obs.user(m.guid);
    for (const m of machines) obs.user(m.name);
    if (stream === 'malop_connection') obs.ip(bareIndicatorIp(firstSimple(q, 'serverAddress')));
  }
  const created =
    firstSimple(q, 'creationTime') ??
    firstSimple(q, 'calculatedCreationTime') ??
    firstSimple(q, 'malopLastUpdateTime');
  return parserAlert('cybereason', `cybereason.${stream}`, obs, {
    title: firstSimple(q, 'elementDisplayName') ?? q.filterData?.groupByValue ?? `Cybereason ${stream}`,
    severity: mapSeverity(q.malopPriority) ?? 'medium',
    observedAt: toIsoTime(created),
    ruleId: q.guidString,
  });
}

function parseMalware(rec: object): Alert {
  const m = Malware.parse(rec);
  const obs = new ObservablesBuilder();
  obs.host(m.machineName);
  return parserAlert('cybereason', 'cybereason.malware', obs, {
    title: m.malwareDataModel?.detectionName ?? m.name ?? 'Cybereason malware',
    severity: 'high',
    observedAt: toIsoTime(m.timestamp),
    ruleId: m.type,
  });
}

function parseMalop(rec: object): Alert {
  const m = Malop.parse(rec);
  const obs = new ObservablesBuilder();
  // host.name and related.hosts: machine names, then their ids (Elastic also adds the OS types: left out).
  const machines = m.machines ?? [];
  for (const x of machines) obs.host(x.displayName);
  for (const x of machines) obs.host(x.guid);
  const users = m.users ?? [];
  for (const u of users) obs.user(u.displayName);
  for (const u of users) obs.user(u.guid);
  obs.hash(m.rootCauseElementHashes);
  return parserAlert('cybereason', 'cybereason.poll_malop', obs, {
    title: m.displayName ?? 'Cybereason malop',
    severity: mapSeverity(m.malopSeverity ?? m.severity) ?? 'high',
    observedAt: toIsoTime(m.lastUpdateTime ?? m.creationTime),
    ruleId: m.malopDetectionType ?? m.guid,
  });
}

function parse(raw: unknown): Alert {
  const shape = shapeOf(raw);
  if (!shape) throw new Error('not a Cybereason record');
  if (shape.kind === 'query') return parseQuery(shape.stream, shape.rec);
  return shape.kind === 'malware' ? parseMalware(shape.rec) : parseMalop(shape.rec);
}

export const cybereasonParser: Parser = {
  name: 'cybereason',
  claims: { keys: ['@class', 'machineName'], text: ['"elementValues"'] },
  detect,
  parse,
};
