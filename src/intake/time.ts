// Turns vendor timestamps (ISO strings, epoch seconds/milliseconds/microseconds, syslog dates with a
// year) into ISO 8601, or null; never throws. A time that names no zone is read as UTC (as Elastic's date
// processor does), never in the server's own zone.

const ISO_LIKE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z| ?[+-]\d{2}:?\d{2}| ?UTC)?$/i;
const DATE_WITH_YEAR = /\b(?:19|20)\d{2}\b/;
/** A zone JavaScript's date parser reads correctly: UTC/GMT, US zone abbreviations, or a numeric offset. */
const EXPLICIT_ZONE = /\b(?:UTC|GMT|UT|Z|[ECMP][SD]T)\b|(?:^|\s|GMT|UTC)[+-]\d{2}:?\d{2}\b/;

function fromEpoch(n: number): string | null {
  let ms: number;
  if (n >= 1e17) ms = n / 1e6;
  else if (n >= 1e14) ms = n / 1e3;
  else if (n >= 1e11) ms = n;
  else if (n >= 1e8) ms = n * 1000;
  else return null;
  return isoOrNull(new Date(ms));
}

function isoOrNull(d: Date): string | null {
  const t = d.getTime();
  if (!Number.isFinite(t)) return null;
  const year = d.getUTCFullYear();
  if (year < 1990 || year > 2200) return null;
  return d.toISOString();
}

/** The ISO 8601 spelling of a timestamp value, or null when it is not one. */
export function toIsoTime(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? fromEpoch(value) : null;
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (s.length < 6 || s.length > 64) return null;
  if (/^\d+(?:\.\d+)?$/.test(s)) return fromEpoch(Number(s));
  const slashed = /^(\d{4})\/(\d{2})\/(\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/.exec(s);
  if (slashed) return isoOrNull(new Date(`${slashed[1]}-${slashed[2]}-${slashed[3]}T${slashed[4]}Z`));
  if (ISO_LIKE.test(s)) {
    const normal = s
      .replace(' ', 'T')
      .replace(/ ?UTC$/i, 'Z')
      .replace(/ ?([+-]\d{2}):?(\d{2})$/, '$1:$2');
    return isoOrNull(new Date(/(?:Z|[+-]\d{2}:\d{2})$/i.test(normal) ? normal : `${normal}Z`));
  }
  if (DATE_WITH_YEAR.test(s) && /[a-z]{3}/i.test(s)) {
    // A trailing zone the parser does not know (CEST, IST…) is dropped, and the time read as UTC.
    const bare = s.replace(/ [A-Z]{3,4}$/, (zone) => (EXPLICIT_ZONE.test(zone) ? zone : ''));
    return isoOrNull(new Date(EXPLICIT_ZONE.test(bare) ? bare : `${bare} UTC`));
  }
  return null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A C `asctime` stamp (`Fri May 31 17:35:42 2019`, as Zscaler NSS and LSS feeds write it), read as UTC, in
 * ISO 8601; any other value as `toIsoTime` reads it.
 */
export function asctimeUtc(value: string | null): string | null {
  if (!value) return null;
  const m = /^[A-Za-z]{3},? +([A-Za-z]{3}) +(\d{1,2}) +(\d{2}:\d{2}:\d{2}) +(\d{4})$/.exec(value);
  const month = m?.[1] ? MONTHS.indexOf(m[1].toLowerCase()) : -1;
  if (m && month >= 0) {
    const mm = String(month + 1).padStart(2, '0');
    return toIsoTime(`${m[4]}-${mm}-${(m[2] ?? '').padStart(2, '0')}T${m[3]}Z`);
  }
  return toIsoTime(value);
}

/** A device header's time written as parts (`2024 Mar 5 10:15:42.123 UTC`, as Cisco NX-OS and WLC lines do). */
export interface HeaderTimeParts {
  year: string | null;
  month: string | null;
  day: string | null;
  time: string | null;
  zone: string | null;
}

/**
 * Header time parts in ISO 8601 when they name a four-digit year and UTC, or no zone (read as UTC, Elastic's
 * default); null for a year-less stamp or another zone, which cannot be placed without guessing.
 */
export function headerTimeUtc(t: HeaderTimeParts): string | null {
  const month = MONTHS.indexOf((t.month ?? '').slice(0, 3).toLowerCase());
  if (!t.year || t.year.length !== 4 || month < 0 || !t.day || !t.time) return null;
  if (t.zone && !/^(?:UTC|GMT|UCT|Z)$/i.test(t.zone)) return null;
  const mm = String(month + 1).padStart(2, '0');
  const time = t.time.replace(',', '.').padStart(8, '0');
  return toIsoTime(`${t.year}-${mm}-${t.day.padStart(2, '0')}T${time}Z`);
}

const US_TIME =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2})(?: ([AP]M))?(?: ([+-]\d{2}:\d{2}))?$/i;

/**
 * Microsoft's US-style `M/d/yyyy h:mm:ss[ AM|PM][ ±hh:mm]` (Azure, Entra ID, Intune exports), UTC unless zoned,
 * else whatever `toIsoTime` reads; null when neither.
 */
export function usTime(value: string | null | undefined): string | null {
  const m = US_TIME.exec(value?.trim() ?? '');
  if (!m) return toIsoTime(value);
  const [, month, day, year, h, min, sec, half, zone] = m;
  const hour = half ? (Number(h) % 12) + (/pm/i.test(half) ? 12 : 0) : Number(h);
  const pad = (n: number | string | undefined): string => String(n ?? '').padStart(2, '0');
  return toIsoTime(`${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${min}:${sec}${zone ?? 'Z'}`);
}

const CLF_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const CLF_TIME = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})$/;

/** The Common Log Format's `10/Oct/2000:13:55:36 -0700` (Apache, nginx, Tomcat, WebLogic, Traefik); null otherwise. */
export function clfTime(value: string | null | undefined): string | null {
  const m = CLF_TIME.exec(value ?? '');
  const month = m ? CLF_MONTHS.indexOf(m[2] ?? '') + 1 : 0;
  if (!m || month === 0) return null;
  return toIsoTime(`${m[3]}-${String(month).padStart(2, '0')}-${m[1]}T${m[4]}${m[5]}:${m[6]}`);
}
