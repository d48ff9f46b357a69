// Code that reads untrusted text outside the parsers: recheck finds no pattern in these modules that backtracks
// super-linearly, and the helpers that replaced backtracking patterns give the answers those patterns gave. Each
// replaced pattern stalled Vigil on a long hostile value (12–25 s for an IPv6-looking run of dots in an alert,
// 11 s for a 60 KB word sent to a model for redaction).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from '../../graphs/agents/redaction.js';
import { normalizeAlert } from '../../src/intake/normalize.js';
import { isEmailAddress, trimLeading, trimRuns, trimTrailing } from '../../src/intake/text.js';
import { plainSlackText } from '../../src/slack/listeners/events/alert-channel-message.js';
import { provenSlowPatterns } from '../support/regex-safety.js';

const AUDITED = [
  'src/intake/text.ts',
  'src/intake/ip.ts',
  'src/intake/text-collector.ts',
  'src/intake/field-collector.ts',
  'src/intake/observables-builder.ts',
  'src/http/http-util.ts',
  'src/slack/listeners/events/alert-channel-message.ts',
  'src/services/offboarding-service.ts',
  'graphs/agents/redaction.ts',
];

describe('patterns outside the parsers run in linear time', () => {
  for (const file of AUDITED) {
    it(`no pattern in ${file} is proven super-linear`, { timeout: 120_000 }, async () => {
      expect(await provenSlowPatterns(file)).toEqual([]);
    });
  }
});

describe('helpers that replaced backtracking patterns', () => {
  const alphabet = (chars: string, maxLength = 24) =>
    fc.string({ unit: fc.constantFrom(...chars.split('')), maxLength });

  it('isEmailAddress answers as /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/ did', () => {
    fc.assert(
      fc.property(alphabet('a@. \t<>'), (s) => {
        expect(isEmailAddress(s)).toBe(/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s));
        expect(isEmailAddress(s, '<>')).toBe(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('trimLeading, trimTrailing and trimRuns answer as the anchored patterns did', () => {
    fc.assert(
      fc.property(alphabet(`a.:"'<> `), (s) => {
        expect(trimTrailing(s, '.:')).toBe(s.replace(/[.:]+$/, ''));
        expect(trimTrailing(trimLeading(s, `"'<`), `>"'`)).toBe(s.replace(/^["'<]+|[>"']+$/g, ''));
        expect(trimRuns(s, `"'`)).toBe(s.replace(/^["']+|["']+$/g, ''));
      }),
      { numRuns: 3000 },
    );
  });

  it('secret fields are redacted as the single pattern redacted them', () => {
    const oldSecretField =
      /("?(?:[\w.-]*?(?:pass(?:word|wd)?|pwd(?![a-z])|secret|token|api[_-]?key|authorization|cookie|session[_-]?id|private[_-]?key|credential)[\w.-]*)"?\s*[:=]\s*)(\\"(?:[^"\\]|\\[^"])*\\"|"(?:[^"\\]|\\.)*"|[^\s,;&}\]]+)/gi;
    const token = fc.constantFrom(
      'password',
      'pwd',
      'x',
      'api_key',
      'Token',
      '=',
      ':',
      '"',
      ' ',
      ',',
      '{',
      '}',
      '\\',
      '.',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 14 }), (parts) => {
        const s = parts.join('');
        // A string literal opening with `{` or `[` is read as JSON carried in a string first (its own tests): the
        // single pattern knew nothing of that step, so it is the answer only for texts without one.
        fc.pre(!/"[{[]/.test(s));
        const expected = s.replace(
          oldSecretField,
          (_m, key: string, value: string) =>
            `${key}${value.startsWith('\\"') ? '\\"[redacted]\\"' : value.startsWith('"') ? '"[redacted]"' : '[redacted]'}`,
        );
        expect(redact(s, ['secrets']).text).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('a private key is redacted from its BEGIN line to the next END line', () => {
    const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\n-----END RSA PRIVATE KEY-----';
    expect(redact(`a ${key} b ${key} c`, ['secrets']).text).toBe('a [redacted] b [redacted] c');
    expect(redact('-----BEGIN PRIVATE KEY-----\nno end', ['secrets']).text).toBe(
      '-----BEGIN PRIVATE KEY-----\nno end',
    );
    expect(redact(`-----BEGIN PRIVATE KEY-----\ncut ${key}`, ['secrets']).text).toBe('[redacted]');
  });

  it('Slack links are read back to their targets, and stray `<` are left alone', () => {
    expect(plainSlackText('see <https://a.example/x|the page> and <mailto:ann@example.com|ann>')).toBe(
      'see https://a.example/x and ann@example.com',
    );
    const hostile = '<http:o|'.repeat(5_000);
    expect(plainSlackText(hostile)).toBe(hostile);
  });

  it('an alert holding a long run of dots between colons still reads its addresses', () => {
    const alert = normalizeAlert(`connection from 203.0.113.9 ::${'.'.repeat(60_000)}:1 port 22`);
    expect(alert.observables.srcIps).toEqual(['203.0.113.9']);
  });
});
