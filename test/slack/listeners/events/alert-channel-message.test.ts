// Reading a message posted in the alerts channel as the text its sender wrote, before Slack formatted it.
import { describe, expect, it } from 'vitest';
import { normalizeAlert } from '../../../../src/intake/normalize.js';
import { messageText, plainSlackText } from '../../../../src/slack/listeners/events/alert-channel-message.js';

describe('plainSlackText', () => {
  it('gives back a host name Slack auto-linked as typed, and the target of a link written with its own label', () => {
    expect(
      plainSlackText('on <http://db01.corp.example|db01.corp.example> and <https://x.example|x.example>'),
    ).toBe('on db01.corp.example and x.example');
    expect(plainSlackText('see <https://a.example/x|the page>, <http://db01.corp.example|db01>')).toBe(
      'see https://a.example/x, http://db01.corp.example',
    );
    expect(plainSlackText('<https://a.example/x> <mailto:ann@example.com|ann@example.com>')).toBe(
      'https://a.example/x ann@example.com',
    );
  });

  it('reads a host name Slack auto-linked (<http://host|host>) as the host the sender wrote, not as a URL', () => {
    // What the analyst pasted, and what the message event carries after Slack linkified the FQDN.
    const typed = 'host=web01.corp.example.com user=bob src=198.51.100.7 msg=login failure burst';
    const delivered =
      'host=<http://web01.corp.example.com|web01.corp.example.com> user=bob src=198.51.100.7 msg=login failure burst';
    const expected = normalizeAlert(typed).observables;
    expect(expected.hosts).toEqual(['web01.corp.example.com']);
    const read = normalizeAlert(plainSlackText(delivered)).observables;
    expect(read.hosts).toEqual(expected.hosts);
    expect(read.urls).toEqual(expected.urls);
  });
});

describe('messageText', () => {
  it('keeps a text-only message as it is, a line per alert', () => {
    expect(messageText({ text: 'src=203.0.113.1 msg=a\nsrc=203.0.113.2 msg=b' })).toBe(
      'src=203.0.113.1 msg=a\nsrc=203.0.113.2 msg=b',
    );
  });

  it('keeps a person’s typed lines a line per alert, though Slack adds a rich_text block of them', () => {
    const text = 'Failed password for root from 203.0.113.7\nFailed password for admin from 198.51.100.9';
    const blocks = [
      { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }] },
    ];
    expect(messageText({ text, blocks })).toBe(text);
  });

  it('reads attachments (their fallback only when they say nothing else) and rich text, as one line', () => {
    expect(
      messageText({
        text: 'Alert fired',
        attachments: [
          {
            fallback: 'ignored when the attachment has a title',
            title: 'Beacon',
            fields: [{ title: 'ip', value: '203.0.113.5' }],
          },
          { fallback: 'only a fallback here' },
          'not an attachment',
        ],
      }),
    ).toBe('Alert fired | Beacon | ip: 203.0.113.5 | only a fallback here');
    expect(
      messageText({
        text: '',
        blocks: [
          {
            type: 'rich_text',
            elements: [
              {
                type: 'rich_text_section',
                elements: [
                  { type: 'text', text: 'Login from ' },
                  { type: 'link', url: 'https://evil.example/x' },
                  { type: 'text', text: ' by bob' },
                ],
              },
            ],
          },
          { type: 'image', image_url: 'https://img.example/a.png', alt_text: 'chart' },
        ],
      }),
    ).toBe('Login from https://evil.example/x by bob');
  });
});
