// `vigil extract` streams JSONL: one output line per input line, errors reported in place.
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runExtract } from '../../src/cli/extract.js';

async function run(input: string): Promise<unknown[]> {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  await runExtract(Readable.from([input]), out);
  out.end();
  return chunks
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as unknown);
}

describe('runExtract', () => {
  it('writes one normalised line per input line and keeps going after a bad line', async () => {
    const lines = [
      JSON.stringify({
        id: 'a',
        raw: 'Mar  3 04:05:06 bastion sshd[7]: Accepted password for zoe from 198.51.100.5 port 22 ssh2',
      }),
      '{not json',
      JSON.stringify({ id: 'b', raw: { src_ip: '10.0.0.1', dest_ip: '10.0.0.2', user: { name: 'yan' } } }),
      '',
      JSON.stringify([1, 2]),
    ].join('\n');
    const out = await run(`${lines}\n`);
    expect(out).toHaveLength(4);
    expect(out[0]).toEqual({
      id: 'a',
      format: 'system.auth',
      recognizedBy: 'parser:system.auth',
      src_ips: ['198.51.100.5'],
      dst_ips: [],
      ips: ['198.51.100.5'],
      users: ['zoe'],
      hosts: ['bastion'],
    });
    expect(out[1]).toMatchObject({ id: null });
    expect(out[1]).toHaveProperty('error');
    expect(out[2]).toMatchObject({
      id: 'b',
      recognizedBy: 'extractor',
      src_ips: ['10.0.0.1'],
      dst_ips: ['10.0.0.2'],
      users: ['yan'],
    });
    expect(out[3]).toMatchObject({ id: null });
  });

  it('reads a line that starts with a UTF-8 byte order mark, as files joined with cat carry one on each first line', async () => {
    const line = (id: string) => JSON.stringify({ id, raw: { src_ip: '10.0.0.1', user: { name: 'yan' } } });
    const out = await run(`\uFEFF${line('a')}\n\uFEFF${line('b')}\n\uFEFF{not json\n`);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ id: 'a', recognizedBy: 'extractor', users: ['yan'] });
    expect(out[1]).toMatchObject({ id: 'b', recognizedBy: 'extractor', users: ['yan'] });
    expect(out[2]).toMatchObject({ id: null, error: expect.stringMatching(/^invalid JSON/) });
  });
});
