import { describe, expect, it } from 'vitest';
import { MAX_ITEMS_PER_BODY, splitPayload, type PayloadItem } from '../../src/intake/split-payload.js';

const items = (body: string, type: string | null): PayloadItem[] => {
  const result = splitPayload(Buffer.from(body), type);
  if (result.kind !== 'items') throw new Error(`expected items, got ${result.kind}`);
  return result.items;
};
const raws = (list: PayloadItem[]) => list.map((i) => (i.ok ? i.raw : `ERR ${i.error}`));

describe('splitting an intake body into alerts', () => {
  it('reads one JSON object as one alert', () => {
    expect(raws(items('{"a":1}', 'application/json'))).toEqual([{ a: 1 }]);
  });

  it('reads a JSON array as one alert per element, each with its own bytes', () => {
    const list = items('[{"a":1}, "CEF:0|x|y|1|2|n|5|src=1.2.3.4"]', 'application/json; charset=utf-8');
    expect(raws(list)).toEqual([{ a: 1 }, 'CEF:0|x|y|1|2|n|5|src=1.2.3.4']);
    expect(list[0]?.bytes.toString()).toBe('{"a":1}');
  });

  it('reads NDJSON line by line and reports only the bad line', () => {
    const list = items('{"a":1}\n{oops\n\n{"b":2}\n', 'application/x-ndjson');
    expect(list.map((i) => i.ok)).toEqual([true, false, true]);
    expect(list[1]?.bytes.toString()).toBe('{oops');
  });

  it('accepts NDJSON mislabelled as application/json', () => {
    expect(raws(items('{"a":1}\n{"b":2}', 'application/json'))).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('reads the lines of a log written as one JSON array (`{…},` each) as JSON, keeping each line’s bytes', () => {
    const body = '{"event":"connect","user":"a"},\n{"event":"query","user":"b"} ,\n{"event":"quit"}\n';
    const list = items(body, 'text/plain');
    expect(raws(list)).toEqual([
      { event: 'connect', user: 'a' },
      { event: 'query', user: 'b' },
      { event: 'quit' },
    ]);
    expect(list[1]?.bytes.toString()).toBe('{"event":"query","user":"b"} ,');
    expect(raws(items('{"event":"connect"},', 'application/json'))).toEqual([{ event: 'connect' }]);
    const [broken] = items('{"event": "connect",', 'text/plain');
    expect(broken).toMatchObject({ ok: false, error: expect.stringContaining('not valid JSON') });
  });

  it('reads objects separated by commas on one line (an array without its brackets) as one alert each', () => {
    const body = '{"IP":"203.0.113.9","Sender":"a@example.com"},{"IP":"198.51.100.4","Delivered":false}';
    for (const type of ['text/plain', 'application/json']) {
      const list = items(body, type);
      expect(raws(list)).toEqual([
        { IP: '203.0.113.9', Sender: 'a@example.com' },
        { IP: '198.51.100.4', Delivered: false },
      ]);
      expect(list[1]?.bytes.toString()).toBe('{"IP":"198.51.100.4","Delivered":false}');
    }
    const [mixed] = items('{"a":1},42', 'text/plain');
    expect(mixed).toMatchObject({ ok: false, error: expect.stringContaining('not valid JSON') });
  });

  it('reads text as one alert per non-empty line (syslog, CEF, LEEF, key=value)', () => {
    const body =
      '<34>Oct 11 22:14:15 host sshd[1]: Failed password for root from 203.0.113.5 port 22\r\n\nsrc=1.1.1.1 dst=2.2.2.2\n';
    expect(raws(items(body, 'text/plain'))).toEqual([
      '<34>Oct 11 22:14:15 host sshd[1]: Failed password for root from 203.0.113.5 port 22',
      'src=1.1.1.1 dst=2.2.2.2',
    ]);
  });

  it("reads a W3C extended log's records and not its directives; a body of directives alone is unreadable", () => {
    const header =
      '#Software: SGOS 6.7.5.14\n#Version: 1.0\n#Date: 2026-11-21 10:00:00\n#Fields: date time c-ip cs-username s-ip\n';
    const record = '2026-11-21 10:00:01 10.82.255.36 ann 81.2.69.144';
    expect(raws(items(`${header}${record}\n`, 'text/plain'))).toEqual([record]);
    expect(raws(items(header, 'text/plain'))).toEqual([
      'ERR The body holds only W3C log directives (#Fields:, #Software: …) and no log records.',
    ]);
    // Any other line that starts with # is a log line like the rest.
    expect(raws(items('#channel alert: 203.0.113.9 scanning\n', null))).toEqual([
      '#channel alert: 203.0.113.9 scanning',
    ]);
  });

  it('sniffs JSON in a text body, and treats a line starting with [ as text when it is not JSON', () => {
    expect(raws(items('{"a":1}', null))).toEqual([{ a: 1 }]);
    expect(
      raws(items('[2026-11-21 10:00:00] sshd: Failed password from 198.51.100.2', 'text/plain')),
    ).toEqual(['[2026-11-21 10:00:00] sshd: Failed password from 198.51.100.2']);
  });

  it('reports a broken JSON object as unreadable, with the parser’s reason', () => {
    const [only] = items('{"title": "x",', 'text/plain');
    expect(only).toMatchObject({ ok: false, error: expect.stringContaining('not valid JSON') });
  });

  it('reports JSON that is not an alert (a number, null, an empty body, an empty array)', () => {
    expect(raws(items('42', 'application/json'))).toEqual([
      'ERR The body is JSON but a number, not an alert object.',
    ]);
    expect(raws(items('', 'application/json'))).toEqual(['ERR The body is empty.']);
    const empty = 'ERR The body is an empty JSON array: it holds no alert.';
    expect(raws(items('[]', 'application/json'))).toEqual([empty]);
    expect(raws(items(' [ ] ', 'text/plain'))).toEqual([empty]);
    expect(raws(items('\n\n', 'application/x-ndjson'))).toEqual(['ERR The body is empty.']);
  });

  it('keeps each line’s bytes exactly as sent, even where they are not UTF-8 (text and NDJSON)', () => {
    const bad = Buffer.from([0x75, 0x73, 0x65, 0x72, 0x3d, 0xff, 0xfe, 0xc3, 0x28]); // user=\xff\xfe\xc3(
    const body = Buffer.concat([Buffer.from('src=192.0.2.1 msg=a\r\n'), bad, Buffer.from('\n')]);
    const lines = splitPayload(body, 'text/plain');
    if (lines.kind !== 'items') throw new Error(lines.kind);
    expect(lines.items.map((i) => i.bytes.toString('hex'))).toEqual([
      Buffer.from('src=192.0.2.1 msg=a').toString('hex'),
      bad.toString('hex'),
    ]);
    const ndjson = Buffer.concat([Buffer.from('{"title":"'), bad, Buffer.from('"}\n{"title":"b"}\n')]);
    const records = splitPayload(ndjson, 'application/x-ndjson');
    if (records.kind !== 'items') throw new Error(records.kind);
    expect(
      records.items[0]?.bytes.equals(Buffer.concat([Buffer.from('{"title":"'), bad, Buffer.from('"}')])),
    ).toBe(true);
    expect(records.items[0]).toMatchObject({ ok: true });
  });

  it('reads past a UTF-8 byte order mark (PowerShell 5, .NET) in JSON, NDJSON and text, and keeps it in the bytes', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const withBom = (body: string) => Buffer.concat([bom, Buffer.from(body)]);
    const split = (body: Buffer, type: string) => {
      const result = splitPayload(body, type);
      if (result.kind !== 'items') throw new Error(result.kind);
      return result.items;
    };
    const object = withBom('{"title":"SSH brute force","src_ip":"203.0.113.7"}');
    const [json] = split(object, 'application/json');
    expect(json).toMatchObject({ ok: true, raw: { title: 'SSH brute force', src_ip: '203.0.113.7' } });
    expect(json?.bytes.equals(object)).toBe(true);
    const lines = split(withBom('{"a":1}\n{"b":2}\n'), 'application/x-ndjson');
    expect(raws(lines)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(lines[0]?.bytes.equals(withBom('{"a":1}'))).toBe(true);
    expect(raws(split(withBom('{"a":1}\n{"b":2}'), 'application/json'))).toEqual([{ a: 1 }, { b: 2 }]);
    const syslog = '<34>Oct 11 22:14:15 host sshd[1]: Failed password for root from 203.0.113.5 port 22';
    const text = split(withBom(`${syslog}\nsrc=1.1.1.1\n`), 'text/plain');
    expect(raws(text)).toEqual([syslog, 'src=1.1.1.1']);
    expect(text[0]?.bytes.equals(withBom(syslog))).toBe(true);
    expect(raws(split(withBom('{"a":1}'), 'text/plain'))).toEqual([{ a: 1 }]);
    expect(raws(split(bom, 'application/json'))).toEqual(['ERR The body is empty.']);
  });

  it('stores a UTF-16 body (it starts with FF FE or FE FF) as one unreadable item, saying to send UTF-8', () => {
    const json = '{"title":"SSH brute force","src_ip":"203.0.113.7"}';
    const little = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]);
    const big = Buffer.from(little).swap16();
    for (const body of [little, big])
      for (const type of ['application/json', 'application/x-ndjson', 'text/plain']) {
        const result = splitPayload(body, type);
        if (result.kind !== 'items') throw new Error(result.kind);
        expect(result.items).toHaveLength(1);
        expect(result.items[0]).toMatchObject({ ok: false, error: expect.stringContaining('UTF-16') });
        expect(result.items[0]?.bytes.equals(body)).toBe(true);
      }
  });

  it('refuses media types it does not read, and bodies with too many alerts', () => {
    expect(splitPayload(Buffer.from('<a/>'), 'application/xml')).toEqual({
      kind: 'unsupported',
      mediaType: 'application/xml',
    });
    const many = Array.from({ length: MAX_ITEMS_PER_BODY + 1 }, () => 'x').join('\n');
    expect(splitPayload(Buffer.from(many), 'text/plain')).toMatchObject({ kind: 'too_many' });
  });
});
