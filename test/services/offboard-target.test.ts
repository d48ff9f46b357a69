import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors.js';
import { parseOffboardTarget } from '../../src/services/offboarding-service.js';

describe('/vigil offboard arguments', () => {
  it('reads Slack mentions as Slack encodes them in command text, and e-mail addresses', () => {
    expect(parseOffboardTarget('<@U0VICTOR01|victor>')).toEqual({ slackUserId: 'U0VICTOR01' });
    expect(parseOffboardTarget(' <@W0ABC123> ')).toEqual({ slackUserId: 'W0ABC123' });
    expect(parseOffboardTarget('victor@example.com')).toEqual({ email: 'victor@example.com' });
    expect(parseOffboardTarget('<mailto:victor@example.com|victor@example.com>')).toEqual({
      email: 'victor@example.com',
    });
  });

  it('refuses anything else with the usage', () => {
    for (const text of ['', '@victor', 'victor', '<@U1> <@U2>']) {
      expect(() => parseOffboardTarget(text)).toThrow(InvalidInputError);
    }
  });
});
