// A note in the case's thread: the investigation (triage, evidence, validation), an action's result, the
// closing summary. Each section stays within Slack's 3000 characters: lines that do not fit are counted.
import type { KnownBlock } from '@slack/types';
import type { NoteSection, ThreadNote } from '../../../graphs/triage/ports.js';
import { ids } from '../ids.js';
import { safe, truncate } from './mrkdwn.js';

/** Room for a section's lines: Slack's 3000 characters less its title. */
const SECTION_TEXT = 2800;
/** Sections a note may have besides its own text, its fields and its buttons (Slack allows 50 blocks). */
const MAX_SECTIONS = 40;

const icon: Record<ThreadNote['kind'], string> = {
  triage: ':mag:',
  result: ':gear:',
  summary: ':memo:',
};

export function buildThreadNoteBlocks(note: ThreadNote): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `${icon[note.kind]} *${safe(note.title, 200)}*\n${mentionsKept(note.text)}`,
      },
    },
  ];
  const fields = fieldsOf(note.fields);
  if (fields) blocks.push({ type: 'section', fields });
  const sections = (note.sections ?? []).slice(0, MAX_SECTIONS);
  for (const section of sections) {
    const sectionFields = fieldsOf(section.fields);
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${safe(section.title, 100)}*\n${linesWithin(section.lines, SECTION_TEXT)}`,
      },
      ...(sectionFields ? { fields: sectionFields } : {}),
    });
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
  const text = [`${note.title}: ${note.text}`, ...sections.map(plainSection)].join('\n');
  return { text: truncate(text, 3000), blocks };
}

function plainSection(section: NoteSection): string {
  return `${section.title}: ${section.lines.join('\n')}`;
}

/** Up to 10 labelled fields (Slack's limit), each escaped and cut; undefined when there are none. */
function fieldsOf(fields: NoteSection['fields']) {
  const shown = (fields ?? []).slice(0, 10);
  if (!shown.length) return undefined;
  return shown.map((f) => ({
    type: 'mrkdwn' as const,
    text: `*${safe(f.label, 100)}*\n${safe(f.value, 1800)}`,
  }));
}

/**
 * The lines, escaped, as many whole ones as fit in `max` characters; the rest are counted on a last line
 * ("…and 12 more") so nobody mistakes a cut list for the whole of it.
 */
export function linesWithin(lines: string[], max: number): string {
  const kept: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const left = lines.length - i - 1;
    // Room for this line, and for the count of those after it should the next one not fit.
    const reserve = left > 0 ? `\n…and ${left} more`.length : 0;
    const shown = mentionsKept(line);
    const cost = (kept.length ? 1 : 0) + shown.length;
    if (used + cost + reserve > max) {
      const rest = lines.length - i;
      if (!kept.length) {
        const more = moreOf(rest - 1);
        return truncate(shown, max - more.length) + more;
      }
      return `${kept.join('\n')}\n…and ${rest} more`;
    }
    kept.push(shown);
    used += cost;
  }
  return kept.join('\n');
}

const moreOf = (n: number): string => (n > 0 ? `\n…and ${n} more` : '');

/** Escapes everything except user mentions Vigil itself wrote (`<@U…>`). */
function mentionsKept(text: string): string {
  const parts = text.split(/(<@[UW][A-Z0-9]+>)/);
  return truncate(parts.map((part, i) => (i % 2 === 1 ? part : safe(part, 2800))).join(''), 2800);
}
