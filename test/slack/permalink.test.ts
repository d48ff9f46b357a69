import { describe, expect, it } from 'vitest';
import { linked, messageLinks } from '../../src/slack/permalink.js';

describe('messageLinks', () => {
  const link = messageLinks('https://acme.slack.com/');

  it('links a message as Slack’s permalinks do: the channel and the ts without its dot', () => {
    expect(link('C0123ABC', '1700000000.000100')).toBe(
      'https://acme.slack.com/archives/C0123ABC/p1700000000000100',
    );
  });

  it('links a reply with its parent’s ts and the channel', () => {
    expect(link('C0123ABC', '1700000050.000200', '1700000000.000100')).toBe(
      'https://acme.slack.com/archives/C0123ABC/p1700000050000200?thread_ts=1700000000.000100&cid=C0123ABC',
    );
    expect(link('C0123ABC', '1700000000.000100', '1700000000.000100')).toBe(
      'https://acme.slack.com/archives/C0123ABC/p1700000000000100',
    );
  });

  it('links nothing that was never posted, and nothing that is not a channel id and a ts', () => {
    expect(link(null, '1700000000.000100')).toBeUndefined();
    expect(link('C0123ABC', null)).toBeUndefined();
    expect(link('C0123ABC|x', '1700000000.000100')).toBeUndefined();
    expect(link('C0123ABC', '1700000000.000100>')).toBeUndefined();
  });

  it('links nothing without a usable workspace URL', () => {
    expect(messageLinks(undefined)('C0123ABC', '1700000000.000100')).toBeUndefined();
    expect(messageLinks('javascript:alert(1)')('C0123ABC', '1700000000.000100')).toBeUndefined();
    expect(messageLinks('https://acme.slack.com')('C1', '1.2')).toBe(
      'https://acme.slack.com/archives/C1/p12',
    );
  });
});

describe('linked', () => {
  it('writes a mrkdwn link with & escaped, or the text alone without a URL', () => {
    expect(linked('https://a.example/x?y=1&z=2', 'VIG-1')).toBe('<https://a.example/x?y=1&amp;z=2|VIG-1>');
    expect(linked(undefined, 'VIG-1')).toBe('VIG-1');
  });
});
