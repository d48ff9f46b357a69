// Slack's documented Block Kit limits, checked the way Slack checks them: every problem is reported with
// a JSON pointer, formatted as Slack's `response_metadata.messages` ("[ERROR] … [json-pointer:/blocks/0/text]").
// Only limits Slack documents (Block Kit reference, @slack/types) are enforced; block kinds with no
// documented limits are accepted as long as their type is known.

/** Where blocks are shown: the block count limit differs. */
export type Surface = 'message' | 'modal' | 'home';

export interface BlockKitIssue {
  message: string;
  /** JSON pointer into the request argument, e.g. `/blocks/0/text/text` or `/view/title/text`. */
  pointer: string;
}

export const BLOCK_KIT_LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  textObject: 3000,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  imageUrl: 3000,
  imageAltText: 2000,
  imageTitle: 2000,
  inputLabel: 2000,
  inputHint: 2000,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  buttonAccessibilityLabel: 75,
  placeholder: 150,
  optionText: 75,
  optionDescription: 75,
  optionUrl: 3000,
  selectOptions: 100,
  selectOptionGroups: 100,
  overflowOptions: 5,
  checkboxOptions: 10,
  radioOptions: 10,
  plainTextInputMinLength: 3000,
  actionId: 255,
  blockId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  privateMetadata: 3000,
  callbackId: 255,
  /** `chat.postMessage` and friends truncate longer text (they do not reject it). */
  messageText: 40_000,
} as const;

/** Block types Slack documents (the `KnownBlock` union of @slack/types 3.2). */
const KNOWN_BLOCKS = new Set([
  'actions',
  'alert',
  'card',
  'carousel',
  'container',
  'context',
  'context_actions',
  'data_table',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'table',
  'task_card',
  'plan',
  'video',
]);

/** Block element types Slack documents (@slack/types 3.2). */
const KNOWN_ELEMENTS = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'email_text_input',
  'feedback_buttons',
  'file_input',
  'icon_button',
  'image',
  'users_select',
  'multi_users_select',
  'static_select',
  'multi_static_select',
  'conversations_select',
  'multi_conversations_select',
  'channels_select',
  'multi_channels_select',
  'external_select',
  'multi_external_select',
  'number_input',
  'overflow',
  'plain_text_input',
  'radio_buttons',
  'rich_text_input',
  'timepicker',
  'url_text_input',
  'workflow_button',
]);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Formats issues as Slack's `response_metadata.messages`. */
export function slackErrorMessages(issues: readonly BlockKitIssue[]): string[] {
  return issues.map((i) => `[ERROR] ${i.message} [json-pointer:${i.pointer}]`);
}

/** Formats issues as the `errors` array of an `invalid_blocks` answer. */
export function slackErrors(issues: readonly BlockKitIssue[]): string[] {
  return issues.map((i) => `${i.message} [json-pointer:${i.pointer}]`);
}

/** Message text as Slack stores it: cut at 40,000 characters. */
export function truncateMessageText(text: string): string {
  return text.length > BLOCK_KIT_LIMITS.messageText ? text.slice(0, BLOCK_KIT_LIMITS.messageText) : text;
}

interface TextRule {
  max: number;
  plainOnly?: boolean;
  required?: boolean;
}

class Checker {
  readonly issues: BlockKitIssue[] = [];
  private readonly blockIds = new Set<string>();

  fail(pointer: string, message: string): void {
    this.issues.push({ pointer, message });
  }

  length(value: unknown, max: number, pointer: string): void {
    if (value === undefined) return;
    if (typeof value !== 'string') this.fail(pointer, 'must be a string');
    else if (value.length > max) this.fail(pointer, `must be less than ${max + 1} characters`);
  }

  items(value: unknown, max: number, pointer: string, required = false): unknown[] {
    if (value === undefined) {
      if (required) this.fail(pointer, `missing required field: ${pointer.split('/').pop() ?? ''}`);
      return [];
    }
    if (!Array.isArray(value)) {
      this.fail(pointer, 'must be an array');
      return [];
    }
    if (value.length > max) this.fail(pointer, `no more than ${max} items allowed`);
    return value;
  }

  text(value: unknown, pointer: string, rule: TextRule): void {
    if (value === undefined) {
      if (rule.required) this.fail(pointer, `missing required field: ${pointer.split('/').pop() ?? ''}`);
      return;
    }
    if (!isRecord(value)) return this.fail(pointer, 'must be a text object');
    const allowed = rule.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
    if (typeof value.type !== 'string' || !allowed.includes(value.type)) {
      this.fail(`${pointer}/type`, `must be one of: ${allowed.join(', ')}`);
    }
    if (typeof value.text !== 'string') return this.fail(`${pointer}/text`, 'missing required field: text');
    if (value.text.length === 0) this.fail(`${pointer}/text`, 'must be more than 0 characters');
    this.length(value.text, Math.min(rule.max, BLOCK_KIT_LIMITS.textObject), `${pointer}/text`);
  }

  blockId(value: unknown, pointer: string): void {
    if (value === undefined) return;
    this.length(value, BLOCK_KIT_LIMITS.blockId, pointer);
    if (typeof value !== 'string') return;
    if (this.blockIds.has(value)) this.fail(pointer, `duplicate block_id "${value}"`);
    this.blockIds.add(value);
  }

  confirm(value: unknown, pointer: string): void {
    if (value === undefined) return;
    if (!isRecord(value)) return this.fail(pointer, 'must be a confirmation dialog object');
    const L = BLOCK_KIT_LIMITS;
    this.text(value.title, `${pointer}/title`, { max: L.confirmTitle, plainOnly: true, required: true });
    this.text(value.text, `${pointer}/text`, { max: L.confirmText, required: true });
    this.text(value.confirm, `${pointer}/confirm`, { max: L.confirmButton, plainOnly: true, required: true });
    this.text(value.deny, `${pointer}/deny`, { max: L.confirmButton, plainOnly: true, required: true });
  }

  options(value: unknown, max: number, pointer: string): void {
    this.items(value, max, pointer).forEach((option, i) => {
      const at = `${pointer}/${i}`;
      if (!isRecord(option)) return this.fail(at, 'must be an option object');
      this.text(option.text, `${at}/text`, { max: BLOCK_KIT_LIMITS.optionText, required: true });
      this.text(option.description, `${at}/description`, { max: BLOCK_KIT_LIMITS.optionDescription });
      this.length(option.url, BLOCK_KIT_LIMITS.optionUrl, `${at}/url`);
    });
  }

  element(value: unknown, pointer: string, actionIds: Set<string>): void {
    if (!isRecord(value)) return this.fail(pointer, 'must be an element object');
    const type = value.type;
    if (typeof type !== 'string') return this.fail(`${pointer}/type`, 'missing required field: type');
    if (!KNOWN_ELEMENTS.has(type)) return this.fail(`${pointer}/type`, `unsupported element type: ${type}`);
    const L = BLOCK_KIT_LIMITS;
    if (value.action_id !== undefined) {
      this.length(value.action_id, L.actionId, `${pointer}/action_id`);
      if (typeof value.action_id === 'string') {
        // Slack documents action_id as unique among the action_ids of its containing block.
        if (actionIds.has(value.action_id))
          this.fail(`${pointer}/action_id`, `duplicate action_id "${value.action_id}"`);
        actionIds.add(value.action_id);
      }
    }
    this.confirm(value.confirm, `${pointer}/confirm`);
    this.text(value.placeholder, `${pointer}/placeholder`, { max: L.placeholder, plainOnly: true });
    switch (type) {
      case 'button':
        this.text(value.text, `${pointer}/text`, { max: L.buttonText, plainOnly: true, required: true });
        this.length(value.value, L.buttonValue, `${pointer}/value`);
        this.length(value.url, L.buttonUrl, `${pointer}/url`);
        this.length(value.accessibility_label, L.buttonAccessibilityLabel, `${pointer}/accessibility_label`);
        if (value.style !== undefined && value.style !== 'primary' && value.style !== 'danger') {
          this.fail(`${pointer}/style`, 'must be one of: primary, danger');
        }
        break;
      case 'static_select':
      case 'multi_static_select':
        this.options(value.options, L.selectOptions, `${pointer}/options`);
        this.items(value.option_groups, L.selectOptionGroups, `${pointer}/option_groups`);
        break;
      case 'overflow':
        this.options(value.options, L.overflowOptions, `${pointer}/options`);
        break;
      case 'checkboxes':
        this.options(value.options, L.checkboxOptions, `${pointer}/options`);
        break;
      case 'radio_buttons':
        this.options(value.options, L.radioOptions, `${pointer}/options`);
        break;
      case 'plain_text_input':
        if (typeof value.min_length === 'number' && value.min_length > L.plainTextInputMinLength) {
          this.fail(`${pointer}/min_length`, `must be less than or equal to ${L.plainTextInputMinLength}`);
        }
        break;
    }
  }

  block(value: unknown, pointer: string): void {
    if (!isRecord(value)) return this.fail(pointer, 'must be a block object');
    const type = value.type;
    if (typeof type !== 'string') return this.fail(`${pointer}/type`, 'missing required field: type');
    if (!KNOWN_BLOCKS.has(type)) return this.fail(`${pointer}/type`, `unsupported block type: ${type}`);
    this.blockId(value.block_id, `${pointer}/block_id`);
    const L = BLOCK_KIT_LIMITS;
    const actionIds = new Set<string>();
    switch (type) {
      case 'section':
        if (value.text === undefined && value.fields === undefined) {
          this.fail(pointer, 'must provide either text or fields');
        }
        this.text(value.text, `${pointer}/text`, { max: L.sectionText });
        this.items(value.fields, L.sectionFields, `${pointer}/fields`).forEach((field, i) =>
          this.text(field, `${pointer}/fields/${i}`, { max: L.sectionFieldText, required: true }),
        );
        if (value.accessory !== undefined) this.element(value.accessory, `${pointer}/accessory`, actionIds);
        break;
      case 'header':
        this.text(value.text, `${pointer}/text`, { max: L.headerText, plainOnly: true, required: true });
        break;
      case 'context':
        this.items(value.elements, L.contextElements, `${pointer}/elements`, true).forEach((el, i) => {
          const at = `${pointer}/elements/${i}`;
          if (isRecord(el) && el.type === 'image') this.length(el.alt_text, L.imageAltText, `${at}/alt_text`);
          else this.text(el, at, { max: L.textObject, required: true });
        });
        break;
      case 'actions':
        this.items(value.elements, L.actionsElements, `${pointer}/elements`, true).forEach((el, i) =>
          this.element(el, `${pointer}/elements/${i}`, actionIds),
        );
        break;
      case 'image':
        this.length(value.image_url, L.imageUrl, `${pointer}/image_url`);
        if (value.alt_text === undefined)
          this.fail(`${pointer}/alt_text`, 'missing required field: alt_text');
        this.length(value.alt_text, L.imageAltText, `${pointer}/alt_text`);
        this.text(value.title, `${pointer}/title`, { max: L.imageTitle, plainOnly: true });
        break;
      case 'input':
        this.text(value.label, `${pointer}/label`, { max: L.inputLabel, plainOnly: true, required: true });
        this.text(value.hint, `${pointer}/hint`, { max: L.inputHint, plainOnly: true });
        if (value.element === undefined) this.fail(`${pointer}/element`, 'missing required field: element');
        else this.element(value.element, `${pointer}/element`, actionIds);
        break;
    }
  }

  blocks(value: unknown, surface: Surface, pointer: string): void {
    const max = surface === 'message' ? BLOCK_KIT_LIMITS.blocksPerMessage : BLOCK_KIT_LIMITS.blocksPerView;
    this.items(value, max, pointer, true).forEach((block, i) => this.block(block, `${pointer}/${i}`));
  }
}

/** Problems with a message's or view's `blocks` array; empty when Slack would accept it. */
export function validateBlocks(blocks: unknown, surface: Surface, pointer = '/blocks'): BlockKitIssue[] {
  const checker = new Checker();
  checker.blocks(blocks, surface, pointer);
  return checker.issues;
}

/** Problems with a view object (modal or Home tab); empty when Slack would accept it. */
export function validateView(view: unknown, pointer = '/view'): BlockKitIssue[] {
  const checker = new Checker();
  if (!isRecord(view)) {
    checker.fail(pointer, 'must be a view object');
    return checker.issues;
  }
  const L = BLOCK_KIT_LIMITS;
  if (view.type !== 'modal' && view.type !== 'home')
    checker.fail(`${pointer}/type`, 'must be one of: modal, home');
  if (view.type === 'modal') {
    checker.text(view.title, `${pointer}/title`, { max: L.viewTitle, plainOnly: true, required: true });
    checker.text(view.submit, `${pointer}/submit`, { max: L.viewSubmit, plainOnly: true });
    checker.text(view.close, `${pointer}/close`, { max: L.viewClose, plainOnly: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isRecord(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) {
      checker.fail(
        `${pointer}/submit`,
        'missing required field: submit (a modal with input blocks needs one)',
      );
    }
  }
  checker.length(view.private_metadata, L.privateMetadata, `${pointer}/private_metadata`);
  checker.length(view.callback_id, L.callbackId, `${pointer}/callback_id`);
  checker.blocks(view.blocks, view.type === 'home' ? 'home' : 'modal', `${pointer}/blocks`);
  return checker.issues;
}
