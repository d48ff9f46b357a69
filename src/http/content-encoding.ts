// Content-Encoding on intake bodies: log shippers (Fluent Bit, Vector, Logstash, OpenTelemetry collectors)
// compress what they send. gzip, deflate and br are decompressed, never past the body limit (a small body can
// expand a thousandfold); anything else is named so that the body can be stored as it came and refused.
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

export type Decoded =
  | { kind: 'ok'; bytes: Buffer }
  /** Decompressed, it would be larger than the limit. */
  | { kind: 'too_large' }
  /** An encoding Vigil does not read (415), or a body that does not decompress (400): why, in a sentence. */
  | { kind: 'unreadable'; status: 400 | 415; error: string };

const DECODERS: Record<string, (bytes: Buffer, options: { maxOutputLength: number }) => Buffer> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

export function decodeBody(bytes: Buffer, encodingHeader: string | undefined, limit: number): Decoded {
  // `gzip, br` is applied in that order, so it is undone from the last.
  const encodings = (encodingHeader ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e && e !== 'identity')
    .reverse();
  let current = bytes;
  for (const encoding of encodings) {
    const decode = DECODERS[encoding];
    if (!decode) {
      return {
        kind: 'unreadable',
        status: 415,
        error: `Vigil does not read ${encoding}-encoded bodies; send the body uncompressed, or with gzip, deflate or br.`,
      };
    }
    try {
      current = decode(current, { maxOutputLength: limit });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { kind: 'too_large' };
      const reason = error instanceof Error ? error.message : String(error);
      return {
        kind: 'unreadable',
        status: 400,
        error: `The body is marked ${encoding} but does not decompress (${reason}).`,
      };
    }
  }
  return { kind: 'ok', bytes: current };
}
