// A note in the case's thread: the investigation (triage, evidence, validation), an action's result, the
// closing summary. Each section stays within Slack's 3000 characters, and a note with sections within a total
// Slack accepts: lines that do not fit are counted.
import type { KnownBlock } from '@slack/types';
import type { NoteSection, ThreadNote } from '../../../graphs/triage/ports.js';
import { ids } from '../ids.js';
import { escapeKeeping, fitLines, safe, truncate } from './mrkdwn.js';

/** Room for a section's lines: Slack's 3000 characters less its title. */
const SECTION_TEXT = 2800;
/** Sections a note may have besides its own text, its fields and its buttons (Slack allows 50 blocks). */
const MAX_SECTIONS = 40;
/**
 * Block text a note with sections may hold in all: Slack has refused messages of about 12,000 characters
 * (`msg_blocks_too_long`) that kept every per-block limit, so the sections share what is left of this.
 */
const NOTE_TEXT_BUDGET = 10_000;
/**
 * A sectioned note's own text and each field value there are cut shorter, to leave room for the sections: its text
 * to 1000 characters, or to what the budget leaves over once every section could have its full 3000 (a Summary
 * with its two sections of analyst notes keeps its whole text).
 */
const SECTIONED_TEXT = 1000;
const SECTIONED_FIELD = 400;
/** Each section keeps at least this much room, whatever came before it. */
const MIN_SECTION_TEXT = 300;

const icon: Record<ThreadNote['kind'], string> = {
  triage: ':mag:',
  result: ':gear:',
  summary: ':memo:',
};

export function buildThreadNoteBlocks(note: ThreadNote): { text: string; blocks: KnownBlock[] } {
  const sections = (note.sections ?? []).slice(0, MAX_SECTIONS);
  const sectioned = sections.length > 0;
  const kept = new Set(note.mentions);
  const heading = `${icon[note.kind]} *${safe(note.title, 200)}*\n`;
  const headRoom = sectioned
    ? Math.min(
        SECTION_TEXT - heading.length,
        Math.max(SECTIONED_TEXT, NOTE_TEXT_BUDGET - sections.length * 3000),
      )
    : SECTION_TEXT - heading.length;
  const head = `${heading}${mentionsKept(note.text, kept, headRoom)}`;
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: head } }];
  const fields = fieldsOf(note.fields, sectioned ? SECTIONED_FIELD : 1800);
  if (fields) blocks.push({ type: 'section', fields });
  const sectionFields = sections.map((section) => fieldsOf(section.fields, SECTIONED_FIELD));
  let left = NOTE_TEXT_BUDGET - head.length - [fields, ...sectionFields].reduce((n, f) => n + textOf(f), 0);
  for (const [i, section] of sections.entries()) {
    const title = `*${safe(section.title, 100)}*\n`;
    // What is left is shared by the sections still to come; one that needs less leaves it to the next.
    const room = Math.max(MIN_SECTION_TEXT, Math.min(SECTION_TEXT, Math.floor(left / (sections.length - i))));
    const text = `${title}${linesWithin(section.lines, room - title.length, section.untrusted ? NONE : kept)}`;
    left -= text.length;
    const own = sectionFields[i];
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text }, ...(own ? { fields: own } : {}) });
  }
  if (note.offer?.kind === 'revert') {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: ids.actions.revert,
          text: { type: 'plain_text', text: 'Revert' },
          value: note.offer.actionId,
          confirm: {
            title: { type: 'plain_text', text: 'Roll this action back?' },
            text: { type: 'mrkdwn', text: 'Vigil will undo it now (for a block: take the IP off the list).' },
            confirm: { type: 'plain_text', text: 'Revert' },
            deny: { type: 'plain_text', text: 'Cancel' },
          },
        },
      ],
    });
  }
  const text = [
    escapeKeeping(`${note.title}: ${note.text}`, kept),
    ...sections.map((s) => escapeKeeping(plainSection(s), s.untrusted ? NONE : kept)),
  ].join('\n');
  return { text: truncate(text, 3000), blocks };
}

/** No reference kept: for untrusted sections. */
const NONE: ReadonlySet<string> = new Set();

function plainSection(section: NoteSection): string {
  return `${section.title}: ${section.lines.join('\n')}`;
}

/** Up to 10 labelled fields (Slack's limit), each escaped and its value cut to `max`; undefined when none. */
function fieldsOf(fields: NoteSection['fields'], max: number) {
  const shown = (fields ?? []).slice(0, 10);
  if (!shown.length) return undefined;
  return shown.map((f) => ({
    type: 'mrkdwn' as const,
    text: `*${safe(f.label, 100)}*\n${safe(f.value, max)}`,
  }));
}

const textOf = (fields: Array<{ text: string }> | undefined): number =>
  (fields ?? []).reduce((n, f) => n + f.text.length, 0);

/** The lines, escaped (the mentions Vigil wrote kept), as many whole ones as fit in `max` characters. */
export function linesWithin(lines: string[], max: number, kept: ReadonlySet<string> = new Set()): string {
  return fitLines(
    lines.map((line) => mentionsKept(line, kept)),
    max,
  );
}

/** Escapes everything except the mentions Vigil itself wrote (`kept`), cut to `max`. */
function mentionsKept(text: string, kept: ReadonlySet<string>, max = 2800): string {
  return truncate(escapeKeeping(text, kept), max);
}
