// Slack's documented Block Kit limits: each one accepted at the limit and refused one past it, with the
// JSON pointer Slack would name.
import { describe, expect, it } from 'vitest';
import {
  BLOCK_KIT_LIMITS,
  slackErrorMessages,
  truncateMessageText,
  validateBlocks,
  validateView,
} from '../../src/sandbox/block-kit-limits.js';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const button = (extra: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: 'b',
  text: plain('Go'),
  ...extra,
});
const actions = (elements: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'actions',
  elements,
  ...extra,
});
const pointers = (blocks: unknown, surface: 'message' | 'modal' | 'home' = 'message') =>
  validateBlocks(blocks, surface).map((i) => i.pointer);

describe('validateBlocks', () => {
  it('accepts a message using every commonly used block within the limits', () => {
    const blocks = [
      { type: 'header', text: plain('h'.repeat(150)) },
      {
        type: 'section',
        text: mrkdwn('s'.repeat(3000)),
        fields: Array.from({ length: 10 }, () => mrkdwn('f'.repeat(2000))),
      },
      { type: 'context', elements: Array.from({ length: 10 }, () => mrkdwn('c')) },
      { type: 'divider' },
      { type: 'image', image_url: 'https://example.test/x.png', alt_text: 'x' },
      actions([
        button({
          text: plain('b'.repeat(75)),
          value: 'v'.repeat(2000),
          url: `https://example.test/${'u'.repeat(2970)}`,
          style: 'danger',
          confirm: {
            title: plain('t'.repeat(100)),
            text: plain('x'.repeat(300)),
            confirm: plain('y'.repeat(30)),
            deny: plain('n'.repeat(30)),
          },
        }),
      ]),
      { type: 'rich_text', elements: [] },
    ];
    expect(validateBlocks(blocks, 'message')).toEqual([]);
  });

  it('allows 50 blocks in a message and 100 in a modal or Home tab, and no more', () => {
    const divider = { type: 'divider' };
    expect(pointers(Array(50).fill(divider))).toEqual([]);
    expect(pointers(Array(51).fill(divider))).toEqual(['/blocks']);
    expect(pointers(Array(100).fill(divider), 'modal')).toEqual([]);
    expect(pointers(Array(101).fill(divider), 'home')).toEqual(['/blocks']);
  });

  it('limits section text to 3000 characters and fields to 10 of 2000', () => {
    expect(pointers([{ type: 'section', text: mrkdwn('s'.repeat(3001)) }])).toEqual(['/blocks/0/text/text']);
    expect(pointers([{ type: 'section', fields: Array(11).fill(mrkdwn('f')) }])).toEqual([
      '/blocks/0/fields',
    ]);
    expect(pointers([{ type: 'section', fields: [mrkdwn('f'.repeat(2001))] }])).toEqual([
      '/blocks/0/fields/0/text',
    ]);
    expect(pointers([{ type: 'section' }])).toEqual(['/blocks/0']);
  });

  it('requires header text to be plain_text of at most 150 characters', () => {
    expect(pointers([{ type: 'header', text: mrkdwn('h') }])).toEqual(['/blocks/0/text/type']);
    expect(pointers([{ type: 'header', text: plain('h'.repeat(151)) }])).toEqual(['/blocks/0/text/text']);
  });

  it('limits context blocks to 10 elements and actions blocks to 25', () => {
    expect(pointers([{ type: 'context', elements: Array(11).fill(mrkdwn('c')) }])).toEqual([
      '/blocks/0/elements',
    ]);
    const buttons = (n: number) => Array.from({ length: n }, (_, i) => button({ action_id: `b${i}` }));
    expect(pointers([actions(buttons(25))])).toEqual([]);
    expect(pointers([actions(buttons(26))])).toEqual(['/blocks/0/elements']);
  });

  it('limits button text (plain_text, 75), value (2000) and url (3000)', () => {
    const issues = validateBlocks(
      [actions([button({ text: plain('b'.repeat(76)), value: 'v'.repeat(2001), url: 'u'.repeat(3001) })])],
      'message',
    );
    expect(issues).toEqual([
      { pointer: '/blocks/0/elements/0/text/text', message: 'must be less than 76 characters' },
      { pointer: '/blocks/0/elements/0/value', message: 'must be less than 2001 characters' },
      { pointer: '/blocks/0/elements/0/url', message: 'must be less than 3001 characters' },
    ]);
    expect(pointers([actions([button({ text: mrkdwn('Go') })])])).toEqual(['/blocks/0/elements/0/text/type']);
  });

  it('limits confirm dialogs: title 100, text 300, confirm and deny 30', () => {
    const confirm = {
      title: plain('t'.repeat(101)),
      text: plain('x'.repeat(301)),
      confirm: plain('y'.repeat(31)),
      deny: plain('n'.repeat(31)),
    };
    expect(pointers([actions([button({ confirm })])])).toEqual([
      '/blocks/0/elements/0/confirm/title/text',
      '/blocks/0/elements/0/confirm/text/text',
      '/blocks/0/elements/0/confirm/confirm/text',
      '/blocks/0/elements/0/confirm/deny/text',
    ]);
  });

  it('limits action_id and block_id to 255 characters; block_ids are unique per message, action_ids per block', () => {
    expect(
      pointers([actions([button({ action_id: 'a'.repeat(256) })], { block_id: 'b'.repeat(256) })]),
    ).toEqual(['/blocks/0/block_id', '/blocks/0/elements/0/action_id']);
    expect(
      pointers([
        { type: 'divider', block_id: 'x' },
        { type: 'divider', block_id: 'x' },
      ]),
    ).toEqual(['/blocks/1/block_id']);
    expect(pointers([actions([button(), button()])])).toEqual(['/blocks/0/elements/1/action_id']);
    expect(pointers([actions([button()]), actions([button()])])).toEqual([]);
  });

  it('refuses block and element types Slack does not document', () => {
    expect(pointers([{ type: 'carousel_of_doom' }])).toEqual(['/blocks/0/type']);
    expect(pointers([actions([{ type: 'slider', action_id: 's' }])])).toEqual(['/blocks/0/elements/0/type']);
    expect(pointers([{ text: 'no type' }])).toEqual(['/blocks/0/type']);
  });

  it('formats problems as Slack’s response_metadata messages', () => {
    expect(
      slackErrorMessages(validateBlocks([{ type: 'header', text: plain('h'.repeat(151)) }], 'message')),
    ).toEqual(['[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]']);
  });
});

describe('validateView', () => {
  const modal = (extra: Record<string, unknown> = {}) => ({
    type: 'modal',
    title: plain('Reject'),
    blocks: [],
    ...extra,
  });

  it('accepts a modal at the limits: title, submit and close of 24, metadata 3000, callback_id 255', () => {
    const view = modal({
      title: plain('t'.repeat(24)),
      submit: plain('s'.repeat(24)),
      close: plain('c'.repeat(24)),
      private_metadata: 'm'.repeat(3000),
      callback_id: 'c'.repeat(255),
    });
    expect(validateView(view)).toEqual([]);
  });

  it('refuses one past each modal limit, naming the field', () => {
    const view = modal({
      title: plain('t'.repeat(25)),
      submit: plain('s'.repeat(25)),
      close: plain('c'.repeat(25)),
      private_metadata: 'm'.repeat(3001),
      callback_id: 'c'.repeat(256),
    });
    expect(validateView(view).map((i) => i.pointer)).toEqual([
      '/view/title/text',
      '/view/submit/text',
      '/view/close/text',
      '/view/private_metadata',
      '/view/callback_id',
    ]);
  });

  it('requires a plain_text title, and a submit button when the modal has inputs', () => {
    expect(validateView(modal({ title: mrkdwn('T') })).map((i) => i.pointer)).toEqual(['/view/title/type']);
    const input = {
      type: 'input',
      label: plain('Why?'),
      element: { type: 'plain_text_input', action_id: 'why' },
    };
    expect(validateView(modal({ blocks: [input] })).map((i) => i.pointer)).toEqual(['/view/submit']);
  });

  it('allows 100 blocks in a Home tab and refuses unknown view types', () => {
    expect(validateView({ type: 'home', blocks: Array(100).fill({ type: 'divider' }) })).toEqual([]);
    expect(validateView({ type: 'page', blocks: [] }).map((i) => i.pointer)).toEqual(['/view/type']);
  });
});

describe('truncateMessageText', () => {
  it('cuts message text at 40,000 characters and leaves shorter text alone', () => {
    expect(truncateMessageText('x'.repeat(40_001))).toHaveLength(BLOCK_KIT_LIMITS.messageText);
    expect(truncateMessageText('short')).toBe('short');
  });
});
