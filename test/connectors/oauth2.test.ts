// Access-token caching and the service-account JWT, on their own.
import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeOAuthError, signServiceAccountJwt, TokenCache } from '../../connectors/http/oauth2.js';
import { NOW } from './support.js';

describe('TokenCache', () => {
  it('reuses a token until shortly before it expires, then fetches a new one', async () => {
    let now = NOW.getTime();
    let fetched = 0;
    const cache = new TokenCache(async () => ({ value: `t${++fetched}`, expiresInSec: 600 }), {
      now: () => new Date(now),
    });
    expect(await cache.token()).toBe('t1');
    now += 539_000;
    expect(await cache.token()).toBe('t1');
    now += 2_000; // within the 60-second refresh margin
    expect(await cache.token()).toBe('t2');
  });

  it('shares one token request among concurrent callers', async () => {
    let fetched = 0;
    const cache = new TokenCache(
      async () => {
        fetched += 1;
        await Promise.resolve();
        return { value: 'shared', expiresInSec: 3600 };
      },
      { now: () => NOW },
    );
    expect(await Promise.all([cache.token(), cache.token(), cache.token()])).toEqual([
      'shared',
      'shared',
      'shared',
    ]);
    expect(fetched).toBe(1);
  });

  it('uses the default lifetime when the endpoint gives none, and forgets the token when invalidated', async () => {
    let now = NOW.getTime();
    let fetched = 0;
    const cache = new TokenCache(async () => ({ value: `t${++fetched}`, expiresInSec: undefined }), {
      now: () => new Date(now),
      defaultTtlSec: 900,
    });
    await cache.token();
    now += 800_000;
    expect(await cache.token()).toBe('t1');
    cache.invalidate();
    expect(await cache.headers()).toEqual({ authorization: 'Bearer t2' });
  });

  it('tries again after a failed token request instead of caching the failure', async () => {
    let calls = 0;
    const cache = new TokenCache(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('token endpoint down');
        return { value: 'ok', expiresInSec: 60 };
      },
      { now: () => NOW },
    );
    await expect(cache.token()).rejects.toThrow('token endpoint down');
    expect(await cache.token()).toBe('ok');
  });
});

describe('OAuth errors', () => {
  it('calls a refused client or grant unauthorized, whatever the status', () => {
    expect(
      describeOAuthError({
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret',
      }),
    ).toEqual({
      vendorCode: 'invalid_client',
      detail: 'AADSTS7000215: Invalid client secret',
      code: 'unauthorized',
    });
    expect(describeOAuthError({ error: 'temporarily_unavailable' })?.code).toBeUndefined();
    expect(describeOAuthError('not oauth')).toBeUndefined();
  });
});

describe('signServiceAccountJwt', () => {
  it('produces an RS256 JWT whose signature verifies with the service account’s public key', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwt = signServiceAccountJwt({
      issuer: 'svc@p.iam.gserviceaccount.com',
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      scopes: ['scope-a', 'scope-b'],
      audience: 'https://oauth2.googleapis.com/token',
      subject: 'admin@example.com',
      now: () => NOW,
    });
    const [header = '', claims = '', signature = ''] = jwt.split('.');
    const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString()) as unknown;
    expect(decode(header)).toEqual({ alg: 'RS256', typ: 'JWT' });
    const iat = NOW.getTime() / 1000;
    expect(decode(claims)).toEqual({
      iss: 'svc@p.iam.gserviceaccount.com',
      scope: 'scope-a scope-b',
      aud: 'https://oauth2.googleapis.com/token',
      iat,
      exp: iat + 3600,
      sub: 'admin@example.com',
    });
    expect(
      verify('sha256', Buffer.from(`${header}.${claims}`), publicKey, Buffer.from(signature, 'base64url')),
    ).toBe(true);
  });
});
