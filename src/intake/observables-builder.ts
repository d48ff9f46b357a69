// Collects indicators for one alert: validates and canonicalises IPs, drops junk values and duplicates
// (case-insensitively for names), and keeps first-seen order, so every parser and extractor agrees.
import type { Observables } from '../../graphs/agents/extraction/contract.js';
import { parseAddress } from './ip.js';
import { isEmailAddress, stripControl } from './text.js';

/** Values vendors write when a field has no value, and JSON literals a serialiser wrote as text. */
const EMPTY_VALUES = new Set([
  '',
  '-',
  '--',
  'n/a',
  'n\\a', // Windows event logs' "not applicable"; no DOMAIN\\user
  'na',
  'null',
  'none',
  '(null)',
  'nil',
  'undefined',
  'unknown',
  '?',
  'false',
  'true',
]);

/** Upper bounds that keep one alert small whatever the payload holds. */
const MAX_PER_LIST = 200;
const MAX_VALUE_LENGTH = 512;

class OrderedSet {
  private readonly seen = new Set<string>();
  readonly values: string[] = [];
  constructor(private readonly foldCase: boolean) {}

  add(value: string): boolean {
    const key = this.foldCase ? value.toLowerCase() : value;
    if (this.seen.has(key) || this.values.length >= MAX_PER_LIST) return false;
    this.seen.add(key);
    this.values.push(value);
    return true;
  }

  has(value: string): boolean {
    return this.seen.has(this.foldCase ? value.toLowerCase() : value);
  }
}

/** Cleans a name-like value: trims, drops control characters, rejects placeholders and overlong text. */
/** An integer past 2^53 that a JSON number parsed to: its last digits are lost, so it is no exact id. */
export const lostDigits = (value: number): boolean => Number.isInteger(value) && !Number.isSafeInteger(value);

/** A placeholder vendors write where a value is missing (`N/A`, `<NA>`, `(null)`, `N\\A`). */
export const isPlaceholder = (s: string): boolean =>
  EMPTY_VALUES.has(
    s
      .trim()
      .toLowerCase()
      .replace(/^[<([{](.*)[>)\]}]$/, '$1'),
  );

export function cleanName(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  // An id past 2^53 written as a bare JSON number lost its last digits when it was parsed: it names no one.
  if (typeof value === 'number' && lostDigits(value)) return null;
  const raw = String(value);
  if (raw.length > MAX_VALUE_LENGTH * 2) return null;
  const s = stripControl(raw).trim();
  if (s.length === 0 || s.length > MAX_VALUE_LENGTH) return null;
  // Placeholders, bare or bracketed (`N/A`, `<NA>`, `(null)`), and values with no letter or digit (`---`).
  if (isPlaceholder(s)) return null;
  if (!/[\p{L}\p{N}]/u.test(s)) return null;
  // Phrases vendors write in a name's place: `No Authentication Required`, `Not Found`, `Not Applicable`.
  if (/^not?\s+\p{L}/iu.test(s)) return null;
  return s;
}

/** A builder for `Observables`; every `add*` is safe to call with any value. */
export class ObservablesBuilder {
  private readonly src = new OrderedSet(false);
  private readonly dst = new OrderedSet(false);
  private readonly related = new OrderedSet(false);
  private readonly users = new OrderedSet(true);
  private readonly hosts = new OrderedSet(true);
  private readonly domains = new OrderedSet(true);
  private readonly urls = new OrderedSet(false);
  private readonly hashes = new OrderedSet(true);
  private readonly emails = new OrderedSet(true);
  /** Users named as users of the alert's own, and accounts named as working it (see `analyst`). */
  private readonly subjects = new OrderedSet(true);
  private readonly analysts = new OrderedSet(true);

  /**
   * @param relateEndpoints when true (the default), source and destination addresses are also
   *   related addresses, as ECS `related.ip` usually holds them.
   */
  constructor(private readonly relateEndpoints = true) {}

  /** Adds a source address; returns the canonical address or null when `raw` is not one. */
  srcIp(raw: unknown): string | null {
    const ip = typeof raw === 'string' ? parseAddress(raw) : null;
    if (!ip) return null;
    this.src.add(ip);
    if (this.relateEndpoints) this.related.add(ip);
    return ip;
  }

  dstIp(raw: unknown): string | null {
    const ip = typeof raw === 'string' ? parseAddress(raw) : null;
    if (!ip) return null;
    this.dst.add(ip);
    if (this.relateEndpoints) this.related.add(ip);
    return ip;
  }

  /** Adds an address that is an indicator but neither the source nor the destination. */
  ip(raw: unknown): string | null {
    const ip = typeof raw === 'string' ? parseAddress(raw) : null;
    if (!ip) return null;
    this.related.add(ip);
    return ip;
  }

  user(raw: unknown): void {
    const s = cleanName(raw);
    if (!s) return;
    this.users.add(s);
    this.subjects.add(s);
  }

  /**
   * An account working the alert in the vendor's console (assignee, resolver): a user, as ECS relates it, and one
   * of the alert's analysts unless the alert also names it as a user of its own.
   */
  analyst(raw: unknown): void {
    const s = cleanName(raw);
    if (!s) return;
    this.users.add(s);
    this.analysts.add(s);
  }

  host(raw: unknown): void {
    const s = cleanName(raw);
    if (s && !/\s{2,}|[\r\n\t]/.test(s)) this.hosts.add(s.replace(/\.$/, ''));
  }

  domain(raw: unknown): void {
    const s = cleanName(raw);
    if (s && /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)+\.?$/i.test(s) && !parseAddress(s)) {
      this.domains.add(s.replace(/\.$/, '').toLowerCase());
    }
  }

  url(raw: unknown): void {
    const s = cleanName(raw);
    if (s && /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(s)) this.urls.add(s);
  }

  hash(raw: unknown): void {
    const s = cleanName(raw);
    if (s && /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i.test(s)) this.hashes.add(s.toLowerCase());
  }

  email(raw: unknown): void {
    const s = cleanName(raw);
    if (s && isEmailAddress(s)) this.emails.add(s.toLowerCase());
  }

  get counts(): { src: number; dst: number; ips: number; users: number; hosts: number } {
    return {
      src: this.src.values.length,
      dst: this.dst.values.length,
      ips: this.related.values.length,
      users: this.users.values.length,
      hosts: this.hosts.values.length,
    };
  }

  hasUser(value: string): boolean {
    return this.users.has(value);
  }

  hasIp(value: string): boolean {
    const ip = parseAddress(value);
    return ip !== null && (this.related.has(ip) || this.src.has(ip) || this.dst.has(ip));
  }

  build(): Observables {
    return {
      srcIps: [...this.src.values],
      dstIps: [...this.dst.values],
      ips: [...this.related.values],
      users: [...this.users.values],
      hosts: [...this.hosts.values],
      domains: [...this.domains.values],
      urls: [...this.urls.values],
      hashes: [...this.hashes.values],
      emails: [...this.emails.values],
      ...this.analystList(),
    };
  }

  private analystList(): Pick<Observables, 'analysts'> {
    const analysts = this.analysts.values.filter((a) => !this.subjects.has(a));
    return analysts.length ? { analysts } : {};
  }
}
