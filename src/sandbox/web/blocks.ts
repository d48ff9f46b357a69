// Block Kit to HTML for the sandbox page: header, section (text, fields, accessory), context, divider,
// actions (buttons with confirm dialogs, selects), image, rich_text, input (modals) and legacy attachments.
// Blocks are app output and alert text is untrusted: every value goes through `html` or a text renderer.
import { isRecord } from '../block-kit-limits.js';
import { EMPTY, escapeHtml, html, join, SafeHtml, safeUrl } from './html.js';
import { mrkdwn, plainString, plainText, textObject, withBreaks, type Names } from './mrkdwn.js';

type Json = Record<string, unknown>;

/** What a renderer needs besides the blocks: names for mentions, and choices for user/channel pickers. */
export interface RenderContext {
  names: Names;
  /** People and conversations offered by users_select and conversations_select. */
  people: readonly { id: string; name: string }[];
  conversations: readonly { id: string; name: string }[];
  /** Makes element ids unique on the page (e.g. the view id). */
  idPrefix: string;
}

const records = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isRecord) : []);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function blockIdAttr(block: Json): string {
  return str(block.block_id) ?? '';
}

/** Renders a list of blocks; an unknown kind shows as a labelled placeholder, never as raw JSON. */
export function renderBlocks(blocks: unknown, ctx: RenderContext): SafeHtml {
  return join(records(blocks).map((block) => renderBlock(block, ctx)));
}

export function renderBlock(block: Json, ctx: RenderContext): SafeHtml {
  const blockId = blockIdAttr(block);
  switch (block.type) {
    case 'header':
      return html`<div class="block header" data-block-id="${blockId}" role="heading" aria-level="3">
        ${textObject(block.text, ctx.names)}
      </div>`;
    case 'section':
      return section(block, ctx);
    case 'context':
      return html`<div class="block context" data-block-id="${blockId}">
        ${records(block.elements).map((el) =>
          el.type === 'image' ? image(el, 'context-image') : html`<span>${textObject(el, ctx.names)}</span>`,
        )}
      </div>`;
    case 'divider':
      return html`<hr class="block divider" />`;
    case 'actions':
      return html`<div class="block actions" data-block-id="${blockId}" role="group" aria-label="Actions">
        ${records(block.elements).map((el) => element(el, blockId, ctx))}
      </div>`;
    case 'image':
      return html`<figure class="block image-block" data-block-id="${blockId}">
        ${block.title ? html`<figcaption>${textObject(block.title, ctx.names)}</figcaption>` : EMPTY}
        ${image(block, 'block-image')}
      </figure>`;
    case 'rich_text':
      return html`<div class="block rich-text" data-block-id="${blockId}">
        ${records(block.elements).map((el) => richTextPart(el, ctx.names))}
      </div>`;
    case 'markdown':
      return html`<div class="block markdown">
        ${SafeHtml.trusted(withBreaks(escapeHtml(str(block.text) ?? '')))}
      </div>`;
    case 'input':
      return input(block, ctx);
    case 'video':
      return html`<div class="block video">
        ${link(block.title_url ?? block.video_url, plainString(block.title) || 'Video')}
      </div>`;
    default:
      return html`<div class="block unsupported">
        (a ${str(block.type) ?? 'nameless'} block, which the sandbox does not draw)
      </div>`;
  }
}

function section(block: Json, ctx: RenderContext): SafeHtml {
  const fields = records(block.fields);
  const accessory = isRecord(block.accessory) ? block.accessory : undefined;
  return html`<div class="block section" data-block-id="${blockIdAttr(block)}">
    <div class="section-main">
      ${block.text ? html`<div class="text">${textObject(block.text, ctx.names)}</div>` : EMPTY}
      ${
        fields.length
          ? html`<div class="fields">
              ${fields.map((f) => html`<div class="field">${textObject(f, ctx.names)}</div>`)}
            </div>`
          : EMPTY
      }
    </div>
    ${
      accessory
        ? html`<div class="accessory">
            ${
              accessory.type === 'image'
                ? image(accessory, 'accessory-image')
                : element(accessory, blockIdAttr(block), ctx)
            }
          </div>`
        : EMPTY
    }
  </div>`;
}

function image(el: Json, className: string): SafeHtml {
  const src = safeUrl(el.image_url, ['http:', 'https:']);
  const alt = str(el.alt_text) ?? '';
  return src
    ? html`<img class="${className}" src="${src}" alt="${alt}" loading="lazy" referrerpolicy="no-referrer" />`
    : html`<span class="${className} missing-image">[image: ${alt}]</span>`;
}

function link(url: unknown, label: string): SafeHtml {
  const href = safeUrl(url);
  return href
    ? html`<a href="${href}" target="_blank" rel="noopener noreferrer">${label}</a>`
    : html`<span>${label}</span>`;
}

/** The attributes that say which element a click is for. */
function actionAttrs(el: Json, blockId: string): SafeHtml {
  return html`data-action-id="${str(el.action_id) ?? ''}" data-block-id="${blockId}"`;
}

/** A confirm dialog, kept in a template beside its element until the click that opens it. */
function confirmTemplate(confirm: unknown, names: Names): SafeHtml {
  if (!isRecord(confirm)) return EMPTY;
  const danger = confirm.style === 'danger';
  return html`<template class="confirm-spec">
    <h2 class="confirm-title">${plainText(plainString(confirm.title) || 'Are you sure?')}</h2>
    <div class="confirm-text">${textObject(confirm.text, names)}</div>
    <div class="confirm-actions">
      <button type="button" class="btn" data-confirm-choice="deny">
        ${plainString(confirm.deny) || 'Cancel'}
      </button>
      <button type="button" class="btn ${danger ? 'danger' : 'primary'}" data-confirm-choice="confirm">
        ${plainString(confirm.confirm) || 'Yes'}
      </button>
    </div>
  </template>`;
}

interface Choice {
  value: string;
  label: string;
}

function optionChoices(el: Json): Choice[] {
  const groups = records(el.option_groups).flatMap((g) => records(g.options));
  return [...records(el.options), ...groups].map((o) => ({
    value: str(o.value) ?? '',
    label: plainString(o.text),
  }));
}

function pickerChoices(el: Json, ctx: RenderContext): Choice[] {
  switch (el.type) {
    case 'users_select':
    case 'multi_users_select':
      return ctx.people.map((p) => ({ value: p.id, label: p.name }));
    case 'conversations_select':
    case 'multi_conversations_select':
    case 'channels_select':
    case 'multi_channels_select':
      return ctx.conversations.map((c) => ({ value: c.id, label: c.name }));
    default:
      return optionChoices(el);
  }
}

function initialValues(el: Json): string[] {
  const one = [el.initial_option, el.initial_user, el.initial_conversation, el.initial_channel]
    .map((v) => (isRecord(v) ? str(v.value) : str(v)))
    .filter((v): v is string => v !== undefined);
  const many = [el.initial_options, el.initial_users, el.initial_conversations, el.initial_channels].flatMap(
    (list) => (Array.isArray(list) ? list.map((v) => (isRecord(v) ? str(v.value) : str(v))) : []),
  );
  return [...one, ...many].filter((v): v is string => v !== undefined);
}

function selectOptions(choices: Choice[], selected: string[], placeholder: string): SafeHtml {
  return html`<option value="" ${selected.length ? '' : 'selected'} disabled>${placeholder}</option>
    ${choices.map(
      (c) =>
        html`<option value="${c.value}" ${selected.includes(c.value) ? 'selected' : ''}>${c.label}</option>`,
    )}`;
}

/** An interactive element of a message or Home tab: clicking it goes to POST /sandbox/click. */
function element(el: Json, blockId: string, ctx: RenderContext): SafeHtml {
  const confirm = confirmTemplate(el.confirm, ctx.names);
  const label = plainString(el.text);
  switch (el.type) {
    case 'button': {
      const style = el.style === 'primary' || el.style === 'danger' ? el.style : '';
      const url = safeUrl(el.url);
      const aria = str(el.accessibility_label);
      const value = str(el.value);
      const attrs = html`${actionAttrs(el, blockId)} ${value === undefined ? '' : html`data-value="${value}"`}
      ${aria ? html`aria-label="${aria}"` : ''}`;
      return html`<span class="el"
        >${
          url
            ? html`<a class="btn ${style}" href="${url}" target="_blank" rel="noopener noreferrer" ${attrs}
                >${plainText(label)}</a
              >`
            : html`<button type="button" class="btn ${style}" ${attrs}>${plainText(label)}</button>`
        }${confirm}</span
      >`;
    }
    case 'static_select':
    case 'external_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select':
    case 'overflow': {
      const placeholder = el.type === 'overflow' ? 'More actions' : plainString(el.placeholder) || 'Select';
      return html`<span class="el"
        ><select class="select" ${actionAttrs(el, blockId)} aria-label="${placeholder}">
          ${selectOptions(pickerChoices(el, ctx), initialValues(el), placeholder)}
        </select>
        ${confirm}</span
      >`;
    }
    case 'radio_buttons':
      return html`<span class="el"
        ><fieldset class="choices" ${actionAttrs(el, blockId)}>
          ${optionChoices(el).map(
            (c) =>
              html`<label
                ><input type="radio" name="${blockId}/${str(el.action_id) ?? ''}" value="${c.value}" />
                ${c.label}</label
              >`,
          )}
        </fieldset>
        ${confirm}</span
      >`;
    case 'image':
      return image(el, 'element-image');
    default:
      return html`<span class="el unsupported"
        >(${str(el.type) ?? 'an element'} is not clickable in the sandbox)</span
      >`;
  }
}

// ---- modal inputs ---------------------------------------------------------------------------------

function input(block: Json, ctx: RenderContext): SafeHtml {
  const blockId = blockIdAttr(block);
  const el = isRecord(block.element) ? block.element : {};
  const id = `${ctx.idPrefix}-${blockId}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const optional = block.optional === true;
  return html`<div class="block input" data-block-id="${blockId}">
    <label class="input-label" for="${id}"
      >${plainText(plainString(block.label))}${optional ? html` <span class="optional">(optional)</span>` : ''}</label
    >
    ${control(el, blockId, id, !optional, ctx)}
    ${block.hint ? html`<div class="hint">${textObject(block.hint, ctx.names)}</div>` : EMPTY}
    <div class="input-error" role="alert" hidden></div>
  </div>`;
}

function control(el: Json, blockId: string, id: string, required: boolean, ctx: RenderContext): SafeHtml {
  const attrs = html`id="${id}" ${actionAttrs(el, blockId)} data-input-type="${str(el.type) ?? ''}"
  ${required ? 'required' : ''}`;
  const placeholder = plainString(el.placeholder);
  const num = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '');
  switch (el.type) {
    case 'plain_text_input': {
      const limits = html`${num(el.min_length) ? html`minlength="${num(el.min_length)}"` : ''}
      ${num(el.max_length) ? html`maxlength="${num(el.max_length)}"` : ''}`;
      const initial = str(el.initial_value) ?? '';
      return el.multiline === true
        ? html`<textarea class="text-input" rows="4" ${attrs} ${limits} placeholder="${placeholder}">
${initial}</textarea>`
        : html`<input
            class="text-input"
            type="text"
            ${attrs}
            ${limits}
            placeholder="${placeholder}"
            value="${initial}"
          />`;
    }
    case 'number_input':
      return html`<input
        class="text-input"
        type="number"
        ${attrs}
        step="${el.is_decimal_allowed === true ? 'any' : '1'}"
        ${num(el.min_value) ? html`min="${num(el.min_value)}"` : ''}
        ${num(el.max_value) ? html`max="${num(el.max_value)}"` : ''}
        placeholder="${placeholder}"
        value="${str(el.initial_value) ?? ''}"
      />`;
    case 'email_text_input':
    case 'url_text_input':
      return html`<input
        class="text-input"
        type="${el.type === 'email_text_input' ? 'email' : 'url'}"
        ${attrs}
        placeholder="${placeholder}"
        value="${str(el.initial_value) ?? ''}"
      />`;
    case 'datepicker':
      return html`<input class="text-input" type="date" ${attrs} value="${str(el.initial_date) ?? ''}" />`;
    case 'timepicker':
      return html`<input class="text-input" type="time" ${attrs} value="${str(el.initial_time) ?? ''}" />`;
    case 'static_select':
    case 'external_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select':
      return html`<select class="select" ${attrs}>
        ${selectOptions(pickerChoices(el, ctx), initialValues(el), placeholder || 'Select')}
      </select>`;
    case 'multi_static_select':
    case 'multi_external_select':
    case 'multi_users_select':
    case 'multi_conversations_select':
    case 'multi_channels_select': {
      const selected = initialValues(el);
      return html`<select class="select" multiple ${attrs}>
        ${pickerChoices(el, ctx).map(
          (c) =>
            html`<option value="${c.value}" ${selected.includes(c.value) ? 'selected' : ''}>
              ${c.label}
            </option>`,
        )}
      </select>`;
    }
    case 'radio_buttons':
    case 'checkboxes': {
      const kind = el.type === 'radio_buttons' ? 'radio' : 'checkbox';
      const selected = initialValues(el);
      return html`<fieldset class="choices" ${attrs}>
        ${optionChoices(el).map(
          (c) =>
            html`<label
              ><input
                type="${kind}"
                name="${id}"
                value="${c.value}"
                ${selected.includes(c.value) ? 'checked' : ''}
              />
              ${c.label}</label
            >`,
        )}
      </fieldset>`;
    }
    default:
      return html`<div class="unsupported" ${attrs}>
        (${str(el.type) ?? 'an input'} is not supported in the sandbox)
      </div>`;
  }
}

// ---- rich text ------------------------------------------------------------------------------------

function richTextPart(part: Json, names: Names): SafeHtml {
  const inline = (): SafeHtml => join(records(part.elements).map((e) => richInline(e, names)));
  switch (part.type) {
    case 'rich_text_section':
      return html`<div class="rt-section">${inline()}</div>`;
    case 'rich_text_preformatted':
      return html`<pre class="rt-pre">${inline()}</pre>`;
    case 'rich_text_quote':
      return html`<blockquote class="rt-quote">${inline()}</blockquote>`;
    case 'rich_text_list': {
      const items = records(part.elements).map((item) => html`<li>${richTextPart(item, names)}</li>`);
      const indent = typeof part.indent === 'number' ? Math.min(Math.max(part.indent, 0), 8) : 0;
      return part.style === 'ordered'
        ? html`<ol class="rt-list indent-${indent}">
            ${items}
          </ol>`
        : html`<ul class="rt-list indent-${indent}">
            ${items}
          </ul>`;
    }
    default:
      return EMPTY;
  }
}

function styled(content: SafeHtml, style: unknown): SafeHtml {
  if (!isRecord(style)) return content;
  let out = content;
  if (style.code === true) out = html`<code>${out}</code>`;
  if (style.bold === true) out = html`<strong>${out}</strong>`;
  if (style.italic === true) out = html`<em>${out}</em>`;
  if (style.strike === true) out = html`<s>${out}</s>`;
  return out;
}

function richInline(el: Json, names: Names): SafeHtml {
  switch (el.type) {
    case 'text':
      return styled(SafeHtml.trusted(withBreaks(escapeHtml(str(el.text) ?? ''))), el.style);
    case 'link': {
      const url = safeUrl(el.url);
      const label = str(el.text) ?? str(el.url) ?? '';
      return styled(
        url ? html`<a href="${url}" target="_blank" rel="noopener noreferrer">${label}</a>` : html`${label}`,
        el.style,
      );
    }
    case 'user': {
      const id = str(el.user_id) ?? '';
      return html`<span class="user-mention">@${names.users[id] ?? id}</span>`;
    }
    case 'usergroup': {
      const id = str(el.usergroup_id) ?? '';
      return html`<span class="user-mention">${names.usergroups[id] ?? `@${id}`}</span>`;
    }
    case 'channel': {
      const id = str(el.channel_id) ?? '';
      return html`<span class="channel-mention">#${names.channels[id] ?? id}</span>`;
    }
    case 'broadcast':
      return html`<span class="user-mention">@${str(el.range) ?? 'here'}</span>`;
    case 'emoji': {
      const unicode = str(el.unicode);
      if (unicode && /^[0-9a-f]{2,6}(-[0-9a-f]{2,6})*$/i.test(unicode)) {
        const chars = String.fromCodePoint(...unicode.split('-').map((h) => parseInt(h, 16)));
        return html`<span title=":${str(el.name) ?? ''}:">${chars}</span>`;
      }
      return plainText(`:${str(el.name) ?? ''}:`);
    }
    case 'date': {
      const fallback = str(el.fallback);
      const ts = typeof el.timestamp === 'number' ? el.timestamp : undefined;
      return html`<span class="slack_date"
        >${fallback ?? (ts === undefined ? '' : new Date(ts * 1000).toISOString())}</span
      >`;
    }
    case 'color':
      return html`<code>${str(el.value) ?? ''}</code>`;
    default:
      return EMPTY;
  }
}

// ---- legacy attachments ---------------------------------------------------------------------------

const NAMED_COLORS: Record<string, string> = { good: '#2eb67d', warning: '#ecb22e', danger: '#e01e5a' };

/** The bar colour of an attachment, only as a #hex (applied by the page script, CSP forbids inline styles). */
function attachmentColor(value: unknown): string {
  const color = str(value);
  if (!color) return '';
  if (NAMED_COLORS[color]) return NAMED_COLORS[color];
  const hex = color.startsWith('#') ? color : `#${color}`;
  return /^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(hex) ? hex : '';
}

export function renderAttachments(attachments: unknown, ctx: RenderContext): SafeHtml {
  return join(
    records(attachments).map((a) => {
      const fields = records(a.fields);
      return html`<div class="attachment" data-color="${attachmentColor(a.color)}">
        ${str(a.pretext) ? html`<div class="pretext">${mrkdwn(str(a.pretext) ?? '', ctx.names)}</div>` : EMPTY}
        ${str(a.author_name) ? html`<div class="att-author">${str(a.author_name)}</div>` : EMPTY}
        ${str(a.title) ? html`<div class="att-title">${link(a.title_link, str(a.title) ?? '')}</div>` : EMPTY}
        ${str(a.text) ? html`<div class="att-text">${mrkdwn(str(a.text) ?? '', ctx.names)}</div>` : EMPTY}
        ${
          fields.length
            ? html`<div class="fields">
                ${fields.map(
                  (f) =>
                    html`<div class="field">
                      <strong>${str(f.title) ?? ''}</strong><br />${mrkdwn(str(f.value) ?? '', ctx.names)}
                    </div>`,
                )}
              </div>`
            : EMPTY
        }
        ${renderBlocks(a.blocks, ctx)}
        ${a.image_url ? image({ ...a, alt_text: str(a.fallback) }, 'block-image') : EMPTY}
        ${str(a.footer) ? html`<div class="att-footer">${mrkdwn(str(a.footer) ?? '', ctx.names)}</div>` : EMPTY}
      </div>`;
    }),
  );
}
