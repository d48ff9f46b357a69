// Walks a vendor's pages until the last one, whatever its cursor is: a Link header (Okta), an
// `@odata.nextLink` (Graph, Defender), a `nextPageToken` (Google, Jira), an offset cursor (Falcon).
import type { HttpCall, HttpClient, HttpResponse } from './http-client.js';

export interface Page<T, C> {
  items: T[];
  /** The cursor of the next page; undefined on the last one. */
  next: C | undefined;
}

export interface PageLimits {
  /** Stop once this many items are collected (the result is cut to it). */
  maxItems?: number;
  /** A guard against a vendor that never stops (default 50). */
  maxPages?: number;
}

/**
 * Collects every item from the first page on. Stops at the last page, at an empty page (Okta's system log
 * always offers a next link for polling), at `maxItems`, at `maxPages`, or when a cursor repeats.
 */
export async function collectPages<T, C>(
  first: C,
  fetchPage: (cursor: C) => Promise<Page<T, C>>,
  limits: PageLimits = {},
): Promise<T[]> {
  const maxItems = limits.maxItems ?? Number.POSITIVE_INFINITY;
  const maxPages = limits.maxPages ?? 50;
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor: C | undefined = first;
  for (let page = 0; cursor !== undefined && page < maxPages && items.length < maxItems; page += 1) {
    seen.add(JSON.stringify(cursor));
    const result: Page<T, C> = await fetchPage(cursor);
    items.push(...result.items);
    const repeated = result.next !== undefined && seen.has(JSON.stringify(result.next));
    cursor = result.items.length === 0 || repeated ? undefined : result.next;
  }
  return items.slice(0, maxItems);
}

/** The `rel="next"` target of an RFC 8288 Link header. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]+)>(.*)$/.exec(part);
    const rel = /;\s*rel="?([^";]+)"?/i.exec(match?.[2] ?? '')?.[1];
    if (match && rel?.toLowerCase().split(/\s+/).includes('next')) return match[1];
  }
  return undefined;
}

/**
 * Walks pages whose next page is a URL the vendor gives (a Link header, `@odata.nextLink`,
 * `nextRecordsUrl`): the first request as given, then each link as is, on the same host only.
 */
export async function collectLinkedPages<T, R>(
  http: HttpClient,
  first: HttpCall<R>,
  extract: (response: HttpResponse<R>) => { items: T[]; next: string | undefined },
  limits: PageLimits = {},
): Promise<T[]> {
  return collectPages<T, Pick<HttpCall<R>, 'path' | 'query'>>(
    { path: first.path, query: first.query },
    async (cursor) => {
      const { items, next } = extract(
        await http.request({ ...first, path: cursor.path, query: cursor.query }),
      );
      return { items, next: next === undefined ? undefined : { path: next } };
    },
    limits,
  );
}
