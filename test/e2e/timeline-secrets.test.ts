// The timeline agent is shown the case record as JSON, so a quoted secret in an alert's text reaches redaction with
// its quotes escaped (\"…\"): the whole quoted value is blanked, not its first word.
import { expect, it } from 'vitest';
import { isNotesRequest, modelVigil } from '../fakes/model-vigil.js';

const withModel = modelVigil();

it('never sends the timeline model any word of a quoted password an alert line carries', async () => {
  const { t, model } = await withModel(() => ({ status: 500, message: 'not an extraction test' }));
  const line =
    'Nov 24 10:00:00 db01 backup[311]: mysql login for svc_backup failed, password="correct horse battery staple" from 203.0.113.9';
  expect((await t.postAlert(line, { 'content-type': 'text/plain' })).status).toBe(202);
  await t.vigil.drain();
  const closed = t.vigil.db.sqlite.prepare("SELECT data FROM audit_events WHERE type = 'case.closed'").all();
  expect(closed).toHaveLength(1);
  const notes = model.requests.filter(isNotesRequest);
  expect(notes).toHaveLength(1);
  const sent = JSON.stringify(notes[0]?.messages);
  // The alert reached the model (its title is the line), with redaction applied...
  expect(sent).toContain('mysql login for svc_backup failed');
  expect(sent).toContain('[redacted]');
  // ...but the words of the password after the first are sent as they are.
  expect(sent).not.toMatch(/horse|battery|staple/);
});
