// A slash command's or interaction's response_url: answers as Slack's does and keeps what it was sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ResponseUrl {
  url: string;
  /** The JSON bodies posted to it, oldest first. */
  received: Array<Record<string, unknown>>;
  close(): void;
}

export async function startResponseUrl(): Promise<ResponseUrl> {
  const received: Array<Record<string, unknown>> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/actions/T0VIGIL001/1/response`,
    received,
    close: () => server.close(),
  };
}
