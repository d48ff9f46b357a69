// BeyondTrust BeyondInsight and Password Safe REST API records (JSON): user audits, sessions, managed systems,
// managed accounts and assets, mapped as Elastic's `beyondinsight_password_safe` pipelines map them.
import { z } from 'zod';
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import {
  bareIndicatorIp,
  detectorOf,
  isObject,
  localPart,
  parserAlert,
  type RecordFacts,
  TextField,
} from './common.js';
import type { Parser } from './parser.js';

const UserAudit = z.object({
  AuditID: TextField,
  ActionType: TextField,
  Section: TextField,
  UserID: TextField,
  UserName: TextField,
  User: TextField,
  IPAddress: TextField,
  CreateDate: TextField,
});
type UserAudit = z.infer<typeof UserAudit>;

const Session = z.object({
  SessionID: TextField,
  UserID: TextField,
  NodeID: TextField,
  Protocol: TextField,
  Status: TextField,
  AssetName: TextField,
  ManagedAccountName: TextField,
  StartTime: TextField,
  EndTime: TextField,
});
type Session = z.infer<typeof Session>;

const ManagedSystem = z.object({
  ManagedSystemID: TextField,
  SystemName: TextField,
  HostName: TextField,
  DNSName: TextField,
  /** The API's own spelling (`DnsName`); older samples wrote `DNSName`. */
  DnsName: TextField,
  IPAddress: TextField,
  ContactEmail: TextField,
});
type ManagedSystem = z.infer<typeof ManagedSystem>;

const ManagedAccount = z.object({
  AccountId: TextField,
  AccountName: TextField,
  UserPrincipalName: TextField,
  SystemName: TextField,
  DomainName: TextField,
  LastChangeDate: TextField,
});
type ManagedAccount = z.infer<typeof ManagedAccount>;

const Asset = z.object({
  AssetID: TextField,
  AssetName: TextField,
  AssetType: TextField,
  DomainName: TextField,
  IPAddress: TextField,
  LastUpdateDate: TextField,
  CreateDate: TextField,
});
type Asset = z.infer<typeof Asset>;

type StreamRecord =
  | { stream: 'useraudit'; r: UserAudit }
  | { stream: 'session'; r: Session }
  | { stream: 'managedsystem'; r: ManagedSystem }
  | { stream: 'managedaccount'; r: ManagedAccount }
  | { stream: 'asset'; r: Asset };

function read(raw: unknown): StreamRecord | null {
  if (!isObject(raw)) return null;
  if ('AuditID' in raw && 'ActionType' in raw && 'Section' in raw && ('UserName' in raw || 'UserID' in raw)) {
    const r = UserAudit.safeParse(raw);
    return r.success ? { stream: 'useraudit', r: r.data } : null;
  }
  if ('SessionID' in raw && 'NodeID' in raw && 'RecordKey' in raw && 'ManagedSystemID' in raw) {
    const r = Session.safeParse(raw);
    return r.success ? { stream: 'session', r: r.data } : null;
  }
  if ('ManagedSystemID' in raw && 'SystemName' in raw && 'PlatformID' in raw && 'EntityTypeID' in raw) {
    const r = ManagedSystem.safeParse(raw);
    return r.success ? { stream: 'managedsystem', r: r.data } : null;
  }
  if ('AccountId' in raw && 'AccountName' in raw && 'SystemId' in raw && 'PlatformID' in raw) {
    const r = ManagedAccount.safeParse(raw);
    return r.success ? { stream: 'managedaccount', r: r.data } : null;
  }
  if ('AssetID' in raw && 'AssetName' in raw && 'AssetType' in raw && 'WorkgroupID' in raw) {
    const r = Asset.safeParse(raw);
    return r.success ? { stream: 'asset', r: r.data } : null;
  }
  return null;
}

type Facts = RecordFacts;

/** Elastic's gsub `\b0+(\d)` → `$1`: leading zeros of each octet dropped (`010.001.2.3` → `10.1.2.3`). */
const withoutLeadingZeros = (v: string | undefined): string | undefined => v?.replace(/\b0+(\d)/g, '$1');

function userAuditOf(r: UserAudit, obs: ObservablesBuilder): Facts {
  // user.name is the local part of an e-mail UserName; related.user also holds the address and the UserID.
  const name = r.User ?? r.UserName;
  if (name) {
    obs.user(localPart(name));
    obs.user(name);
  }
  obs.user(r.UserID);
  obs.ip(bareIndicatorIp(withoutLeadingZeros(r.IPAddress)));
  const action = [r.ActionType, r.Section].filter(Boolean).join(' ');
  return {
    title: `BeyondInsight user audit: ${action || (r.AuditID ?? '')}`,
    severity: /delete|remove|fail|denied|lock/i.test(r.ActionType ?? '') ? 'low' : 'info',
    observedAt: toIsoTime(r.CreateDate),
    ruleId: r.ActionType ?? null,
  };
}

function sessionOf(r: Session, obs: ObservablesBuilder): Facts {
  // Elastic relates only the numeric UserID; the asset and account names stay vendor fields.
  obs.user(r.UserID);
  return {
    title:
      `Password Safe session ${r.SessionID ?? ''}: ${[r.Protocol, r.Status].filter(Boolean).join(' ')}`.trim(),
    severity: 'info',
    observedAt: toIsoTime(r.StartTime) ?? toIsoTime(r.EndTime),
    ruleId: r.Protocol ?? null,
  };
}

function managedSystemOf(r: ManagedSystem, obs: ObservablesBuilder): Facts {
  // host.name, then related.hosts: host name, DNS name and the address as text (Elastic sets no related.ip).
  obs.host(r.HostName);
  obs.host(r.DnsName ?? r.DNSName);
  obs.host(bareIndicatorIp(r.IPAddress));
  obs.user(r.ContactEmail);
  return {
    title: `Password Safe managed system: ${r.SystemName ?? r.HostName ?? r.ManagedSystemID ?? ''}`,
    severity: 'info',
    observedAt: null,
    ruleId: null,
  };
}

function managedAccountOf(r: ManagedAccount, obs: ObservablesBuilder): Facts {
  // user.name, then related.user: account id, name and UPN; related.hosts: system and domain names (the
  // numeric system id Elastic also copies there is not a host).
  obs.user(r.AccountName);
  obs.user(r.AccountId);
  obs.user(r.UserPrincipalName);
  obs.host(r.SystemName);
  obs.host(r.DomainName);
  return {
    title: `Password Safe managed account: ${r.AccountName ?? r.AccountId ?? ''}${r.SystemName ? ` on ${r.SystemName}` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(r.LastChangeDate),
    ruleId: null,
  };
}

function assetOf(r: Asset, obs: ObservablesBuilder): Facts {
  // host.name, then related.hosts: domain and the address as text (the MAC Elastic also copies is not a host).
  obs.host(r.AssetName);
  obs.host(r.DomainName);
  obs.host(bareIndicatorIp(r.IPAddress));
  return {
    title: `Password Safe asset: ${r.AssetName ?? r.AssetID ?? ''}${r.AssetType ? ` (${r.AssetType})` : ''}`,
    severity: 'info',
    observedAt: toIsoTime(r.LastUpdateDate) ?? toIsoTime(r.CreateDate),
    ruleId: null,
  };
}

function factsOf(rec: StreamRecord, obs: ObservablesBuilder): Facts {
  switch (rec.stream) {
    case 'useraudit':
      return userAuditOf(rec.r, obs);
    case 'session':
      return sessionOf(rec.r, obs);
    case 'managedsystem':
      return managedSystemOf(rec.r, obs);
    case 'managedaccount':
      return managedAccountOf(rec.r, obs);
    case 'asset':
      return assetOf(rec.r, obs);
  }
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const rec = read(raw);
  if (!rec) throw new Error('not a BeyondInsight Password Safe record');
  const obs = new ObservablesBuilder();
  const facts = factsOf(rec, obs);
  return parserAlert('beyondinsight_password_safe', `beyondinsight_password_safe.${rec.stream}`, obs, facts);
}

export const beyondinsightPasswordSafeParser: Parser = {
  name: 'beyondinsight_password_safe',
  claims: { keys: ['AuditID', 'ManagedSystemID', 'AccountId', 'AssetID'], text: false },
  detect: detectorOf(read),
  parse,
};
