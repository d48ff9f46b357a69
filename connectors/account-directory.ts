// What the identity providers share: finding an account (null when there is none) and suspending or
// restoring it only when it is not already so, so that a retried offboarding step succeeds without a
// second change. Each provider says how to read an account and how to flip its state.
import { nullIfNotFound } from './connector-error.js';
import type { IdentityUser, UserActionRequest, UserActionResult } from './types.js';

export abstract class AccountDirectory<Account> {
  abstract readonly name: string;

  /** The provider's account by id or login; rejects with a `not_found` ConnectorError when there is none. */
  protected abstract getAccount(idOrLogin: string): Promise<Account>;
  protected abstract toIdentityUser(account: Account): IdentityUser;
  protected abstract isSuspended(account: Account): boolean;
  protected abstract setSuspended(account: Account, suspended: boolean): Promise<void>;

  async findUser(login: string): Promise<IdentityUser | null> {
    const account = await nullIfNotFound(this.getAccount(login));
    return account && this.toIdentityUser(account);
  }

  async suspendUser(request: UserActionRequest): Promise<UserActionResult> {
    return this.ensureSuspended(request, true);
  }

  async unsuspendUser(request: UserActionRequest): Promise<UserActionResult> {
    return this.ensureSuspended(request, false);
  }

  /** Suspends, as a provider whose suspension works from every state does; Okta deactivates where it cannot. */
  async offboardUser(request: UserActionRequest): Promise<UserActionResult> {
    return { ...(await this.ensureSuspended(request, true)), state: 'suspended' };
  }

  private async ensureSuspended(request: UserActionRequest, suspended: boolean): Promise<UserActionResult> {
    const account = await this.getAccount(request.userId);
    if (this.isSuspended(account) === suspended) return { userId: request.userId, alreadyApplied: true };
    await this.setSuspended(account, suspended);
    return { userId: request.userId, alreadyApplied: false };
  }
}
