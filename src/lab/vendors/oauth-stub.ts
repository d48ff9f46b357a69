// The token side of the vendor stubs that use OAuth2 client credentials (Falcon, Microsoft, Salesforce):
// checks a grant, issues bearer tokens, and can revoke them to make a client fetch a new one.

export class TokenIssuer {
  private readonly live = new Set<string>();
  /** Tokens issued so far. */
  issued = 0;

  constructor(
    public clientId: string,
    public clientSecret: string,
    /** Every token starts with it, so a test can look for any token in logs. */
    readonly prefix: string,
  ) {}

  /**
   * Checks a client-credentials grant; returns a new token, or undefined when the client is refused. Falcon
   * does not ask for `grant_type`, hence `requireGrantType`.
   */
  grant(form: URLSearchParams, requireGrantType = true): string | undefined {
    const ok =
      (!requireGrantType || form.get('grant_type') === 'client_credentials') &&
      form.get('client_id') === this.clientId &&
      form.get('client_secret') === this.clientSecret;
    return ok ? this.issue() : undefined;
  }

  issue(): string {
    this.issued += 1;
    const token = `${this.prefix}-${this.issued}-${Math.random().toString(36).slice(2, 10)}`;
    this.live.add(token);
    return token;
  }

  /** Whether `Authorization: Bearer <token>` carries a live token. */
  accepts(authorization: string | undefined): boolean {
    const [scheme, token] = (authorization ?? '').split(' ');
    return scheme?.toLowerCase() === 'bearer' && token !== undefined && this.live.has(token);
  }

  /** Revokes every token (an expired or revoked session); the client must fetch a new one. */
  revokeAll(): void {
    this.live.clear();
  }
}
