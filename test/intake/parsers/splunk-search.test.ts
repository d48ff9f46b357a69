// The Splunk search-result parser on synthetic `{author, query, result}` records: the author is the user, the
// result's host and search head are hosts, and `ecs_result` fields are merged, as Elastic's splunk search
// pipeline does.
import { describe, expect, it } from 'vitest';
import { ecsIndicators } from '../../../src/intake/ecs-view.js';
import { splunkSearchParser } from '../../../src/intake/parsers/splunk-search.js';
import { registryClaims } from './registry-claims.js';

const result = {
  _bkt: 'main~3~6F1E2D3C-0000-4000-8000-0000000000AB',
  _cd: '3:42',
  _indextime: '1717171717',
  _raw: '05/31/2024 14:08:37 +0000, info_min_time=1717100000.000, info_max_time=1717171700.000, status=ok',
  _serial: '0',
  _si: ['idx-01', 'main'],
  _sourcetype: 'stash',
  _time: '2024-05-31T14:08:37.000+00:00',
  host: 'idx-01',
  index: 'main',
  linecount: '1',
  source: '/opt/splunk/var/spool/splunk/example_events.stash_new',
  sourcetype: 'stash',
  splunk_server: 'sh-02',
};

describe('Splunk search-result parser', () => {
  it('relates the author, the result host and the search head', () => {
    const record = { author: 'soc_analyst', query: 'search index=main status=ok', result };
    expect(splunkSearchParser.detect(record)).toBe(true);
    const alert = splunkSearchParser.parse(record);
    expect(ecsIndicators(alert)).toEqual({
      src_ips: [],
      dst_ips: [],
      ips: [],
      users: ['soc_analyst'],
      hosts: ['idx-01', 'sh-02'],
    });
    expect(alert.format).toBe('splunk.search');
    expect(alert.title).toBe('Splunk search result: search index=main status=ok (idx-01)');
    expect(alert.severity).toBe('info');
    expect(alert.observedAt).toBe('2024-05-31T14:08:37.000Z');
  });

  it('merges ECS fields from ecs_result, dotted or nested', () => {
    const record = {
      author: 'soc_analyst',
      query: 'search sourcetype=fw',
      result,
      ecs_result: {
        'source.ip': '192.0.2.15',
        destination: { ip: ['203.0.113.80'] },
        related: { ip: ['192.0.2.15', '203.0.113.80'], user: ['jdoe'] },
        'host.name': 'fw-edge-1',
      },
    };
    expect(ecsIndicators(splunkSearchParser.parse(record))).toEqual({
      src_ips: ['192.0.2.15'],
      dst_ips: ['203.0.113.80'],
      ips: ['192.0.2.15', '203.0.113.80'],
      users: ['soc_analyst', 'jdoe'],
      hosts: ['fw-edge-1', 'sh-02'],
    });
  });

  it('does not claim notable events, bare results, other vendors, text or non-objects', () => {
    const others: unknown[] = [
      result,
      { query: 'search *', result: { _raw: 'x' } },
      { query: 'search *', result: 'text' },
      { author: 'a', result: [result] },
      { result, rows: [] },
      JSON.stringify({ author: 'a', query: 'q', result }),
      null,
      [result],
    ];
    for (const x of others) expect(splunkSearchParser.detect(x)).toBe(false);
    expect(() => splunkSearchParser.parse({ query: 'q' })).toThrow();
  });

  it('is the only specific parser in the registry that claims these results', () => {
    const record = { author: 'soc_analyst', query: 'search *', result };
    expect(registryClaims(record, splunkSearchParser.name).others).toEqual([]);
  });
});
