// The sandbox page's renderers: mrkdwn and plain text to HTML, Block Kit blocks to HTML. Alert text is
// untrusted, so the central property is that no input, however hostile, yields markup beyond a fixed set
// of tags and attributes, or a link or image to anything but http(s)/mailto/tel.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultSeed } from '../../src/sandbox/seed.js';
import { renderAttachments, renderBlocks, type RenderContext } from '../../src/sandbox/web/blocks.js';
import { escapeHtml, html, safeUrl } from '../../src/sandbox/web/html.js';
import { mrkdwn, namesOf, plainText, type Names } from '../../src/sandbox/web/mrkdwn.js';
import { Workspace } from '../../src/sandbox/workspace.js';

const workspace = new Workspace(defaultSeed(), () => Date.parse('2026-03-02T09:30:00Z'));
const names: Names = namesOf(workspace, 'Europe/London');
const ctx: RenderContext = {
  names,
  people: [{ id: 'U0BOB00001', name: 'Bob Analyst' }],
  conversations: [{ id: 'C0ALERTS01', name: '#vigil-alerts' }],
  idPrefix: 'V1',
};

const TAG = /<\/?([a-z][a-z0-9]*)((?:\s+[a-z][a-z0-9-]*(?:="[^"<>]*")?)*)\s*\/?>/gy;
const ATTR = /([a-z][a-z0-9-]*)(?:="([^"<>]*)")?/g;
const SAFE_SCHEMES = /^(https?:|mailto:|tel:)/i;

/**
 * Every `<` that could start markup must open a tag from `tags`, whose attributes are all in `attrs` (or
 * `data-*` / `aria-*`), no event handlers or inline styles, and whose href/src use a safe scheme.
 * Returns the problems found (empty: safe).
 */
function markupProblems(out: string, tags: ReadonlySet<string>, attrs: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (let i = out.indexOf('<'); i >= 0; i = out.indexOf('<', i + 1)) {
    if (!/[a-zA-Z/!?]/.test(out[i + 1] ?? '')) continue;
    TAG.lastIndex = i;
    const match = TAG.exec(out);
    if (!match) {
      problems.push(`unparseable markup at ${i}: ${out.slice(i, i + 40)}`);
      continue;
    }
    const [, tag = '', attributes = ''] = match;
    if (!tags.has(tag)) problems.push(`tag <${tag}>`);
    for (const [, name = '', value] of attributes.matchAll(ATTR)) {
      if (!attrs.has(name) && !name.startsWith('data-') && !name.startsWith('aria-'))
        problems.push(`attribute ${name}`);
      if ((name === 'href' || name === 'src') && !SAFE_SCHEMES.test(decode(value ?? ''))) {
        problems.push(`${name}="${value}"`);
      }
    }
  }
  return problems;
}

/** What a browser reads in an attribute value, for the scheme check. */
const decode = (value: string): string =>
  value
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(
      /&(amp|quot|lt|gt|#39);/g,
      (e) => ({ '&amp;': '&', '&quot;': '"', '&lt;': '<', '&gt;': '>', '&#39;': "'" })[e] ?? e,
    )
    .replace(/\s/g, '')
    .split('')
    .filter((c) => c.charCodeAt(0) >= 0x20)
    .join('');

const TEXT_TAGS = new Set(['span', 'a', 'code', 'div', 'time', 'br', 'img']);
const TEXT_ATTRS = new Set(['class', 'href', 'target', 'rel', 'title', 'datetime', 'alt', 'src']);
const BLOCK_TAGS = new Set([
  ...TEXT_TAGS,
  'article',
  'button',
  'template',
  'h2',
  'hr',
  'figure',
  'figcaption',
  'select',
  'option',
  'fieldset',
  'label',
  'input',
  'textarea',
  'strong',
  'em',
  's',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
]);
const BLOCK_ATTRS = new Set([
  ...TEXT_ATTRS,
  'role',
  'type',
  'value',
  'placeholder',
  'id',
  'for',
  'name',
  'rows',
  'step',
  'min',
  'max',
  'minlength',
  'maxlength',
  'loading',
  'referrerpolicy',
  'selected',
  'disabled',
  'required',
  'multiple',
  'checked',
  'hidden',
]);

/** Strings made of the characters and words that matter to mrkdwn and HTML. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '<',
        '>',
        '&',
        '"',
        "'",
        '*',
        '_',
        '~',
        '`',
        '```',
        ':',
        '|',
        '!',
        '@',
        '#',
        '^',
        '\n',
        ' ',
        '>>>',
        '&lt;',
        '&gt;',
        '&amp;',
        '&#60;',
        '&quot;',
        'javascript:',
        'JaVaScRiPt:',
        'data:',
        'vbscript:',
        'https://x.test/',
        'mailto:',
        'onerror=',
        'onclick="',
        'script',
        'img',
        'src=',
        'style=',
        '<@U0BOB00001>',
        '<@U0BOB00001|x">',
        '<!subteam^S0RESPOND1>',
        '<#C0ALERTS01|',
        '<!date^1700000000^{date}^',
        '<!here>',
        ':shield:',
        ':+1:',
        '<http',
        '<javascript:alert(1)|',
        '</',
        '/>',
        '=',
      ),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('mrkdwn', () => {
  it('escapes markup in alert text', () => {
    expect(mrkdwn('<script>alert(1)</script> & <img src=x onerror=alert(1)>', names).toString()).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;',
    );
  });

  it('renders user, user group and channel mentions by name, as Slack does', () => {
    const out = mrkdwn('<@U0BOB00001> of <!subteam^S0RESPOND1> in <#C0ALERTS01>', names).toString();
    expect(out).toContain('@bob');
    expect(out).toContain('@soc-responders');
    expect(out).toContain('#vigil-alerts');
    expect(out).not.toContain('U0BOB00001');
  });

  it('renders dates in the reader’s time zone and keeps the fallback when the date is unreadable', () => {
    const out = mrkdwn(
      '<!date^1772443800^{date_short_pretty} {time}|2026-03-02T09:30:00Z>',
      names,
    ).toString();
    expect(out).toContain('<time datetime="2026-03-02T09:30:00.000Z"');
    expect(mrkdwn('<!date^nonsense^{date}|the fallback>', names).toString()).toContain('the fallback');
  });

  it('drops the link of a date, which could otherwise point anywhere (relative, protocol-relative)', () => {
    for (const link of ['/', '//evil.test/x', '/sandbox/state', 'https://ok.test']) {
      const out = mrkdwn(`<!date^1700000000^{date}^${link}|fallback>`, names).toString();
      expect(out).toContain('<time');
      expect(out).not.toContain('<a');
    }
  });

  it('links only http(s) and mailto URLs', () => {
    expect(mrkdwn('<https://example.com/a?b=1&c=2|docs>', names).toString()).toContain(
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">docs</a>',
    );
    for (const url of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', 'vbscript:x']) {
      const out = mrkdwn(`<${url}|click>`, names).toString();
      expect(out).not.toContain('<a');
      expect(out).toContain('&lt;');
    }
  });

  it('formats bold, italics, strike, code, quotes and line breaks', () => {
    const out = mrkdwn('*b* _i_ ~s~ `c`\n>q', names).toString();
    expect(out).toContain('<span class="slack_bold">b</span>');
    expect(out).toContain('<span class="slack_italics">i</span>');
    expect(out).toContain('<span class="slack_strikethrough">s</span>');
    expect(out).toContain('<code>c</code>');
    expect(out).toContain('<br><span class="slack_block">q</span>');
  });

  it('keeps line breaks and quotes out of a link whose URL spans a line (fast-check found `<http:\\n/>`)', () => {
    for (const text of ['<http:\n/>', '<http://a\n>b/|x>', '<https://x.example/\n&gt;q>']) {
      const out = mrkdwn(text, names).toString();
      expect(markupProblems(out, TEXT_TAGS, TEXT_ATTRS)).toEqual([]);
      expect(out).not.toMatch(/href="[^"]*<br>/);
    }
  });

  it('never yields markup beyond spans, links, code, dates, breaks and emoji, whatever the text', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(markupProblems(mrkdwn(text, names).toString(), TEXT_TAGS, TEXT_ATTRS)).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('plain_text', () => {
  it('escapes everything, keeps mentions literal and renders emoji', () => {
    const out = plainText('<@U0BOB00001> :shield: <b>').toString();
    expect(out).toContain('&lt;@U0BOB00001&gt;');
    expect(out).toContain('&lt;b&gt;');
    expect(out).toContain('title=":shield:"');
    expect(plainText(':shield:', false).toString()).toBe(':shield:');
  });

  it('is safe for any text', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(
          markupProblems(plainText(text).toString(), new Set(['span', 'br']), new Set(['title'])),
        ).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('html template and URLs', () => {
  it('escapes every interpolated value, quotes included, and joins arrays', () => {
    expect(html`<a title="${'"><script>'}">${['<i>', 1, null, false]}</a>`.toString()).toBe(
      '<a title="&quot;&gt;&lt;script&gt;">&lt;i&gt;1</a>',
    );
    expect(escapeHtml(`'`)).toBe('&#39;');
  });

  it('accepts only http(s) and mailto URLs for links', () => {
    expect(safeUrl('https://example.com/x')).toBe('https://example.com/x');
    expect(safeUrl('mailto:soc@example.com')).toBe('mailto:soc@example.com');
    expect(safeUrl(' javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:image/png;base64,AAAA')).toBeUndefined();
    expect(safeUrl('/relative')).toBeUndefined();
    expect(safeUrl(42)).toBeUndefined();
  });
});

describe('Block Kit', () => {
  const card = [
    { type: 'header', text: { type: 'plain_text', text: 'VIG-1 · HIGH · <b>x</b>' } },
    {
      type: 'section',
      block_id: 'summary',
      text: { type: 'mrkdwn', text: '*Approval needed*' },
      fields: [
        { type: 'mrkdwn', text: '*Target*\n`203.0.113.7`' },
        { type: 'plain_text', text: 'plain <field>' },
      ],
      accessory: { type: 'image', image_url: 'https://example.com/i.png', alt_text: 'logo' },
    },
    { type: 'divider' },
    {
      type: 'actions',
      block_id: 'approval.actions',
      elements: [
        {
          type: 'button',
          action_id: 'approval.approve',
          style: 'primary',
          value: 'apr_1',
          text: { type: 'plain_text', text: 'Approve' },
          confirm: {
            title: { type: 'plain_text', text: 'Approve this action?' },
            text: { type: 'mrkdwn', text: 'Vigil will *block* it.' },
            confirm: { type: 'plain_text', text: 'Approve' },
            deny: { type: 'plain_text', text: 'Cancel' },
          },
        },
        {
          type: 'button',
          action_id: 'approval.deny',
          style: 'danger',
          value: 'apr_1',
          text: { type: 'plain_text', text: 'Deny' },
        },
        {
          type: 'button',
          action_id: 'open',
          url: 'https://example.com/case/1',
          text: { type: 'plain_text', text: 'Open' },
        },
        {
          type: 'static_select',
          action_id: 'pick',
          options: [{ text: { type: 'plain_text', text: 'One' }, value: '1' }],
        },
      ],
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'policy `abc`' }] },
    {
      type: 'image',
      image_url: 'https://example.com/graph.png',
      alt_text: 'graph',
      title: { type: 'plain_text', text: 'Graph' },
    },
  ];

  it('draws a card: header, section text and fields, accessory, divider, actions, context, image', () => {
    const out = renderBlocks(card, ctx).toString();
    expect(out).toContain('role="heading"');
    expect(out).toContain('VIG-1 · HIGH · &lt;b&gt;x&lt;/b&gt;');
    expect(out).toContain('<span class="slack_bold">Approval needed</span>');
    expect(out).toContain('plain &lt;field&gt;');
    expect(out).toContain('class="accessory-image" src="https://example.com/i.png" alt="logo"');
    expect(out).toContain('<hr class="block divider" />');
    expect(out).toMatch(
      /<button type="button" class="btn primary" data-action-id="approval.approve" data-block-id="approval.actions"\s+data-value="apr_1"/,
    );
    expect(out).toMatch(/class="btn danger"[^>]*data-action-id="approval.deny"/);
    expect(out).toMatch(/<a class="btn " href="https:\/\/example.com\/case\/1"[^>]*data-action-id="open"/);
    expect(out).toMatch(/<select class="select" data-action-id="pick"/);
    expect(out).toContain('<figcaption>Graph</figcaption>');
  });

  it('keeps a confirm dialog beside its button, with its title, text and both labels', () => {
    const out = renderBlocks(card, ctx).toString();
    const template = /<template class="confirm-spec">([\s\S]*?)<\/template>/.exec(out)?.[1] ?? '';
    expect(template).toContain('Approve this action?');
    expect(template).toContain('<span class="slack_bold">block</span>');
    expect(template).toMatch(/data-confirm-choice="deny">\s*Cancel/);
    expect(template).toMatch(/data-confirm-choice="confirm">\s*Approve/);
  });

  it('refuses unsafe URLs for images and link buttons, and escapes ids in attributes', () => {
    const out = renderBlocks(
      [
        { type: 'image', image_url: 'javascript:alert(1)', alt_text: 'x"><script>' },
        {
          type: 'actions',
          block_id: '"><script>alert(1)</script>',
          elements: [
            {
              type: 'button',
              action_id: '" onclick="alert(1)',
              url: 'javascript:alert(1)',
              text: { type: 'plain_text', text: 'Go' },
            },
          ],
        },
      ],
      ctx,
    ).toString();
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<a ');
    expect(out).not.toContain('javascript:');
    expect(out).toContain('data-action-id="&quot; onclick=&quot;alert(1)"');
    expect(markupProblems(out, BLOCK_TAGS, BLOCK_ATTRS)).toEqual([]);
  });

  it('draws rich text: styles, links, mentions, lists, quotes and preformatted text', () => {
    const out = renderBlocks(
      [
        {
          type: 'rich_text',
          elements: [
            {
              type: 'rich_text_section',
              elements: [
                { type: 'text', text: 'bold <x>', style: { bold: true } },
                { type: 'link', url: 'https://example.com', text: 'site' },
                { type: 'link', url: 'javascript:alert(1)', text: 'bad' },
                { type: 'user', user_id: 'U0BOB00001' },
                { type: 'usergroup', usergroup_id: 'S0RESPOND1' },
                { type: 'emoji', name: 'thumbsup', unicode: '1f44d' },
              ],
            },
            {
              type: 'rich_text_list',
              style: 'ordered',
              elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'one' }] }],
            },
            { type: 'rich_text_quote', elements: [{ type: 'text', text: 'quoted' }] },
            { type: 'rich_text_preformatted', elements: [{ type: 'text', text: 'line 1\nline 2' }] },
          ],
        },
      ],
      ctx,
    ).toString();
    expect(out).toContain('<strong>bold &lt;x&gt;</strong>');
    expect(out).toContain('<a href="https://example.com/"');
    expect(out).toContain('bad');
    expect(out).not.toContain('javascript:');
    expect(out).toContain('@bob');
    expect(out).toContain('@soc-responders');
    expect(out).toContain('👍');
    expect(out).toMatch(/<ol class="rt-list indent-0">\s*<li>/);
    expect(out).toContain('<blockquote class="rt-quote">quoted</blockquote>');
    expect(out).toContain('line 1<br>line 2');
  });

  it('draws modal inputs with labels, limits and required flags, and names blocks it cannot draw', () => {
    const out = renderBlocks(
      [
        {
          type: 'input',
          block_id: 'reason.block',
          label: { type: 'plain_text', text: 'Reason' },
          hint: { type: 'plain_text', text: 'Be specific' },
          element: {
            type: 'plain_text_input',
            action_id: 'reason.input',
            multiline: true,
            min_length: 3,
            max_length: 1000,
            initial_value: '</textarea><script>',
            placeholder: { type: 'plain_text', text: 'Why?' },
          },
        },
        {
          type: 'input',
          block_id: 'who',
          optional: true,
          label: { type: 'plain_text', text: 'Who' },
          element: { type: 'users_select', action_id: 'user' },
        },
        { type: 'call', call_id: 'R1' },
      ],
      ctx,
    ).toString();
    expect(out).toContain('<label class="input-label" for="V1-reason_block"');
    expect(out).toMatch(/<textarea[^>]*id="V1-reason_block"[^>]*data-action-id="reason.input"[^>]*required/);
    expect(out).toMatch(/minlength="3"\s+maxlength="1000"/);
    expect(out).toContain('&lt;/textarea&gt;&lt;script&gt;</textarea>');
    expect(out).toContain('(optional)');
    expect(out).toContain('<option value="U0BOB00001" >Bob Analyst</option>');
    expect(out).toContain('(a call block, which the sandbox does not draw)');
    expect(markupProblems(out, BLOCK_TAGS, BLOCK_ATTRS)).toEqual([]);
  });

  it('draws legacy attachments with a colour only when it is a hex colour or a Slack colour name', () => {
    const out = renderAttachments(
      [
        {
          color: 'danger',
          title: 'T',
          title_link: 'https://example.com',
          text: '*x*',
          fields: [{ title: 'F', value: 'v' }],
        },
        { color: 'red;background:url(javascript:x)', text: 'y' },
      ],
      ctx,
    ).toString();
    expect(out).toContain('data-color="#e01e5a"');
    expect(out).toContain('data-color=""');
    expect(out).toContain('<a href="https://example.com/"');
  });

  it('never yields markup beyond its fixed set, whatever JSON the app sends as blocks', () => {
    const text = fc.record({ type: fc.constantFrom('mrkdwn', 'plain_text', 'other'), text: hostileText });
    const element = fc.record({
      type: fc.constantFrom(
        'button',
        'static_select',
        'overflow',
        'image',
        'radio_buttons',
        'plain_text_input',
        'x',
      ),
      action_id: hostileText,
      value: hostileText,
      url: fc.constantFrom('https://ok.test/', 'javascript:alert(1)', 'data:x', ' java\tscript:x'),
      image_url: fc.constantFrom('https://ok.test/i.png', 'javascript:alert(1)', '//evil.test/x'),
      alt_text: hostileText,
      text,
      placeholder: text,
      confirm: fc.record({ title: text, text, confirm: text, deny: text, style: hostileText }),
      options: fc.array(fc.record({ text, value: hostileText }), { maxLength: 3 }),
    });
    const block = fc.record({
      type: fc.constantFrom(
        'header',
        'section',
        'context',
        'actions',
        'divider',
        'image',
        'input',
        'rich_text',
        'markdown',
        'video',
        'zzz',
      ),
      block_id: hostileText,
      text: fc.oneof(text, hostileText),
      title: text,
      label: text,
      hint: text,
      image_url: fc.constantFrom('https://ok.test/i.png', 'javascript:alert(1)'),
      alt_text: hostileText,
      fields: fc.array(text, { maxLength: 3 }),
      accessory: element,
      element,
      elements: fc.array(
        fc.oneof(
          element,
          text,
          fc.record({
            type: fc.constant('rich_text_section'),
            elements: fc.array(
              fc.record({
                type: fc.constantFrom('text', 'link', 'user', 'emoji', 'date'),
                text: hostileText,
                url: hostileText,
                user_id: hostileText,
                name: hostileText,
                unicode: hostileText,
                fallback: hostileText,
              }),
              { maxLength: 3 },
            ),
          }),
        ),
        { maxLength: 4 },
      ),
    });
    fc.assert(
      fc.property(fc.array(block, { maxLength: 4 }), (blocks) => {
        expect(markupProblems(renderBlocks(blocks, ctx).toString(), BLOCK_TAGS, BLOCK_ATTRS)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});
