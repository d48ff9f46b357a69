import { describe, expect, it } from 'vitest';
import { buildAlert } from '../../src/intake/alert-builder.js';
import { normalizeAlert } from '../../src/intake/normalize.js';
import { ObservablesBuilder } from '../../src/intake/observables-builder.js';
import { checkpointHarmonyEndpointParser } from '../../src/intake/parsers/checkpoint-harmony-endpoint.js';
import { falcoParser } from '../../src/intake/parsers/falco.js';

describe('building an alert from what a parser found', () => {
  it('falls back fact by fact when a fact is not valid, keeping the observables', () => {
    const obs = new ObservablesBuilder();
    obs.srcIp('203.0.113.5');
    const alert = buildAlert(
      {
        format: 'vendor.log',
        recognizedBy: 'parser:vendor.log',
        title: 'Login failed',
        // What `TABLE[value]` yields when the payload says "constructor" and TABLE is a plain object.
        severity: Reflect.get({}, 'constructor'),
        observedAt: Reflect.get({}, 'toString'),
        ruleId: Reflect.get({}, 'valueOf'),
      },
      obs.build(),
    );
    expect(alert).toMatchObject({
      format: 'vendor.log',
      recognizedBy: 'parser:vendor.log',
      title: 'Login failed',
      severity: 'medium',
      observedAt: null,
      ruleId: null,
    });
    expect(alert.observables.srcIps).toEqual(['203.0.113.5']);
  });

  it('keeps the observables of a payload whose values are Object.prototype names', () => {
    const slack = {
      id: 'e1',
      date_create: 1_763_800_000,
      action: 'toString',
      actor: { type: 'user', user: { id: 'U1', name: 'mallory', email: 'm@example.com' } },
      entity: { type: 'user', user: { id: 'U2', name: 'alice' } },
      context: { ip_address: '203.0.113.7', location: { type: 'workspace', id: 'T1' } },
    };
    const alert = normalizeAlert(slack);
    expect(alert.recognizedBy).toBe('parser:slack.audit');
    // The severity of any action the parser does not list, not an inherited function.
    expect(alert.severity).toBe('info');
    expect(alert.observables.srcIps).toEqual(['203.0.113.7']);
    // Lookup tables keyed by a payload value do not answer for inherited names.
    expect(
      falcoParser.detect({ rule: 'r', priority: 'constructor', output: 'o', time: '2026-11-22T10:00:00Z' }),
    ).toBe(false);
    expect(
      checkpointHarmonyEndpointParser.detect({ product_family: 'Endpoint', product: 'constructor' }),
    ).toBe(false);
  });
});
