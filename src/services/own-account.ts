// Separation of duties for actions on a person's account: nobody decides, or rolls back, an action on their
// own account (someone holding Alice's Slack session must not be able to deny or undo the disabling of Alice's
// account). The clicker's account is found by their Slack e-mail, asked at click time.
import type { PersonDirectory } from '../../graphs/offboarding/ports.js';

/** Action kinds whose target is a person's account in the identity provider. */
const ACCOUNT_KINDS: ReadonlySet<string> = new Set(['disable_user']);

/**
 * Whether `account` (as an alert names it: `alice@corp.example`, `alice@corp.onmicrosoft.com`, `alice`,
 * `CORP\alice`) may be the account of the person with this e-mail: the user names (the part before any `@`)
 * are compared, since one person's identity-provider address can be in another domain than their Slack one. A
 * near miss refuses a click (someone else decides) rather than letting an owner through.
 */
export function sameAccount(email: string, account: string): boolean {
  const userOf = (value: string) =>
    (value.trim().toLowerCase().split('\\').pop() ?? '').split('@')[0]?.trim();
  const mine = userOf(email);
  return Boolean(mine) && mine === userOf(account);
}

export class OwnAccountCheck {
  constructor(private readonly people: Pick<PersonDirectory, 'bySlackId'>) {}

  /** Whether an action of `kind` on `target` is on the Slack user's own account. */
  async isOwn(userId: string, kind: string, target: string): Promise<boolean> {
    if (!ACCOUNT_KINDS.has(kind)) return false;
    const person = await this.people.bySlackId(userId);
    return person?.email ? sameAccount(person.email, target) : false;
  }
}
