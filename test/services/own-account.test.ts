// Matching a Slack e-mail to the account an alert names, for the separation-of-duties check.
import { expect, it } from 'vitest';
import { OwnAccountCheck, sameAccount } from '../../src/services/own-account.js';

it('matches an account by its user name, whatever the domain or form it is written in', () => {
  expect(sameAccount('Bob@Corp.example', 'bob@corp.example')).toBe(true);
  expect(sameAccount('bob@corp.example', 'bob@corp.onmicrosoft.com')).toBe(true);
  expect(sameAccount('bob@corp.example', 'BOB')).toBe(true);
  expect(sameAccount('bob@corp.example', 'CORP\\bob')).toBe(true);
  expect(sameAccount('bob@corp.example', ' bob@corp.example ')).toBe(true);
});

it('tells other accounts apart, and matches nothing when either side is empty', () => {
  expect(sameAccount('bob@corp.example', 'bobby@corp.example')).toBe(false);
  expect(sameAccount('bob@corp.example', 'bobby')).toBe(false);
  expect(sameAccount('bob@corp.example', 'CORP\\')).toBe(false);
  expect(sameAccount('', 'bob')).toBe(false);
});

it('looks the clicker up only for actions on an account, and treats a person without an e-mail as nobody’s owner', async () => {
  const asked: string[] = [];
  const people = {
    async bySlackId(id: string) {
      asked.push(id);
      const email = id === 'UBOB' ? 'bob@corp.example' : null;
      return { slackUserId: id, handle: id, email, realName: null };
    },
  };
  const check = new OwnAccountCheck(people);
  expect(await check.isOwn('UBOB', 'block_ip', 'bob@corp.example')).toBe(false);
  expect(asked).toEqual([]);
  expect(await check.isOwn('UBOB', 'disable_user', 'bob@corp.example')).toBe(true);
  expect(await check.isOwn('UBOT', 'disable_user', 'bob@corp.example')).toBe(false);
});
