// What a micro-agent may see of a payload: see and hide patterns by dotted path or key.
import { describe, expect, it } from 'vitest';
import { visibleFields } from '../../../graphs/agents/field-visibility.js';

describe('visibleFields', () => {
  const record = { evt: 'vpn-anomaly', user: { name: 'rdiaz', hr: { notes: 'pip' } } };

  it('names the fields of a record under a shipper’s json key by the record’s own paths, as well as by the full path', () => {
    const wrapped = JSON.stringify({ json: record, agent: { name: 'filebeat' } });
    expect(JSON.parse(visibleFields(wrapped, { see: ['*'], hide: ['user.hr'] }).text)).toEqual({
      json: { evt: 'vpn-anomaly', user: { name: 'rdiaz' } },
      agent: { name: 'filebeat' },
    });
    expect(JSON.parse(visibleFields(wrapped, { see: ['*'], hide: ['json.user.hr'] }).text)).toEqual({
      json: { evt: 'vpn-anomaly', user: { name: 'rdiaz' } },
      agent: { name: 'filebeat' },
    });
    const seen = visibleFields(wrapped, { see: ['user.name', 'evt'], hide: [] });
    expect(JSON.parse(seen.text)).toEqual({ json: { evt: 'vpn-anomaly', user: { name: 'rdiaz' } } });
    expect(seen.hidden).toBe(2);
  });
});
