// Correlation lookups: the open case most recently seen with any of an alert's entities, within the window,
// whether the alert names a few entities (one index seek each) or many (one set query).
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { CaseEntitiesRepository, type Entity } from '../../db/repositories/case-entities.js';
import { CasesRepository } from '../../db/repositories/cases.js';

function store() {
  const db = openDatabase(':memory:');
  const cases = new CasesRepository(db.orm, db.sqlite);
  const entities = new CaseEntitiesRepository(db.sqlite);
  const open = (title: string, seen: Entity[], at: string) => {
    const id = cases.create({ title, severity: 'high', requestedBy: 'webhook', at }).id;
    entities.touch(id, seen, at);
    return id;
  };
  return { cases, entities, open };
}

const ip = (value: string): Entity => ({ kind: 'ip', value });
const user = (value: string): Entity => ({ kind: 'user', value });

describe('CaseEntitiesRepository.openCaseSharing', () => {
  it('finds the most recently seen open case sharing any entity, and names the entity', () => {
    const { entities, open } = store();
    open('older', [user('jdoe')], '2026-11-22T01:00:00.000Z');
    const newer = open('newer', [ip('203.0.113.5')], '2026-11-22T01:30:00.000Z');
    expect(
      entities.openCaseSharing(
        [user('jdoe'), ip('203.0.113.5'), ip('198.51.100.1')],
        '2026-11-22T00:00:00.000Z',
      ),
    ).toEqual({ caseId: newer, kind: 'ip', value: '203.0.113.5' });
  });

  it('ignores cases outside the window and cases no longer open', () => {
    const { cases, entities, open } = store();
    open('stale', [user('jdoe')], '2026-11-21T20:00:00.000Z');
    const closed = open('closed', [user('jdoe')], '2026-11-22T01:00:00.000Z');
    cases.update(closed, { status: 'resolved' }, '2026-11-22T01:05:00.000Z');
    expect(entities.openCaseSharing([user('jdoe')], '2026-11-22T00:00:00.000Z')).toBeUndefined();
    const open2 = open('open', [user('jdoe')], '2026-11-22T00:30:00.000Z');
    expect(entities.openCaseSharing([user('jdoe')], '2026-11-22T00:00:00.000Z')?.caseId).toBe(open2);
  });

  it('answers the same for an alert naming many entities (more than it seeks one by one)', () => {
    const { entities, open } = store();
    const id = open('scan', [ip('192.0.2.77')], '2026-11-22T01:00:00.000Z');
    const many = [...Array.from({ length: 40 }, (_, i) => ip(`198.51.100.${i}`)), ip('192.0.2.77')];
    expect(entities.openCaseSharing(many, '2026-11-22T00:00:00.000Z')).toEqual({
      caseId: id,
      kind: 'ip',
      value: '192.0.2.77',
    });
    expect(entities.openCaseSharing(many.slice(0, 40), '2026-11-22T00:00:00.000Z')).toBeUndefined();
  });
});
