// Thread notes intake owes cases: a row stays owed to each case it names until that case is told through it,
// and is forgotten once all of them were.
import { expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { CasesRepository } from '../../db/repositories/cases.js';
import { OwedNotesRepository } from '../../db/repositories/owed-notes.js';

it('keeps a batch’s notes owed to each case until that case is told through them, then forgets the row', () => {
  const db = openDatabase(':memory:');
  const cases = new CasesRepository(db.orm, db.sqlite);
  const owed = new OwedNotesRepository(db.sqlite);
  const at = '2026-11-24T00:00:00.000Z';
  const a = cases.create({ title: 'A', severity: 'high', requestedBy: 'webhook', at, fingerprint: 'fa' }).id;
  const b = cases.create({ title: 'B', severity: 'high', requestedBy: 'webhook', at, fingerprint: 'fb' }).id;
  expect(owed.lastId()).toBe(0);
  owed.add([], at); // a batch that owes nothing writes nothing
  expect(owed.lastId()).toBe(0);
  owed.add(
    [
      { caseId: a, title: 'Seen again after it was resolved', lines: ['came back · alr_1'], more: 0 },
      { caseId: b, title: null, lines: ['linked · alr_2'], more: 3 },
    ],
    at,
  );
  const first = owed.lastId();
  owed.add([{ caseId: a, title: null, lines: ['linked · alr_3'], more: 0 }], at);

  owed.toldThrough(a, first);
  expect(owed.listOwed()).toEqual([
    { caseId: b, title: null, lines: ['linked · alr_2'], more: 3 },
    { caseId: a, title: null, lines: ['linked · alr_3'], more: 0 },
  ]);
  owed.toldThrough(b, owed.lastId());
  owed.toldThrough(a, first); // never moves back
  expect(owed.forgetTold()).toBe(1);
  expect(owed.listOwed()).toEqual([{ caseId: a, title: null, lines: ['linked · alr_3'], more: 0 }]);
  owed.toldThrough(a, owed.lastId());
  expect(owed.listOwed()).toEqual([]);
  expect(owed.lastId()).toBe(0);
});
