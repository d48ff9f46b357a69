// The AWS API Gateway access-log parser on synthetic REST, HTTP and WebSocket records: detection, that (like
// Elastic's apigateway_logs pipeline) it maps no address or user, and that no other parser claims the records.
import { describe, expect, it } from 'vitest';
import { awsApigatewayParser } from '../../../src/intake/parsers/aws-apigateway.js';
import { registryClaims } from './registry-claims.js';

const rest = {
  requestId: '0f0e0d0c-0000-4000-8000-000000000001',
  ip: '198.51.100.20',
  caller: '-',
  user: '-',
  requestTime: '05/Mar/2025:14:03:07 +0000',
  httpMethod: 'POST',
  resourcePath: '/orders/{orderId}',
  status: '403',
  protocol: 'HTTP/1.1',
  responseLength: '61',
  stage: 'prod',
  apiId: 'demo123abc',
  domainName: 'api.example.com',
};

const http = {
  requestId: 'AbCdEfGhIjKlMnO=',
  ip: '2001:db8::20',
  requestTime: '05/Mar/2025:15:00:00 +0100',
  httpMethod: 'GET',
  routeKey: 'GET /health',
  status: '200',
  protocol: 'HTTP/1.1',
  responseLength: '2',
};

const websocket = {
  requestId: 'PqRsTuVwXyZaBcD=',
  ip: '203.0.113.5',
  caller: '-',
  user: '-',
  requestTime: '05/Mar/2025:16:30:00 +0000',
  eventType: 'CONNECT',
  routeKey: '$connect',
  status: '500',
  connectionId: 'ConnId0000001=',
};

const samples = { rest, http, websocket };

describe('awsApigatewayParser', () => {
  it('detects REST, HTTP and WebSocket access-log records', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(awsApigatewayParser.detect(sample), name).toBe(true);
    }
  });

  it('reports a REST request with its title, time and route but no address, as Elastic maps none', () => {
    const a = awsApigatewayParser.parse(rest);
    expect(a.format).toBe('aws.apigateway_logs');
    expect(a.recognizedBy).toBe('parser:aws.apigateway_logs');
    expect(a.observables.srcIps).toEqual([]);
    expect(a.observables.ips).toEqual([]);
    expect(a.observables.users).toEqual([]);
    expect(a.observables.hosts).toEqual([]);
    expect(a.observables.domains).toEqual(['api.example.com']);
    expect(awsApigatewayParser.domainsInRelatedHosts).toBe(false);
    expect(a.title).toBe('API Gateway POST /orders/{orderId} on demo123abc/prod → 403');
    expect(a.severity).toBe('low');
    expect(a.observedAt).toBe('2025-03-05T14:03:07.000Z');
    expect(a.ruleId).toBe('/orders/{orderId}');
  });

  it('reads the request time with its own offset', () => {
    const a = awsApigatewayParser.parse(http);
    expect(a.observedAt).toBe('2025-03-05T14:00:00.000Z');
    expect(a.severity).toBe('info');
    expect(a.ruleId).toBe('GET /health');
    expect(a.observables.ips).toEqual([]);
  });

  it('titles a WebSocket record by its event type and route', () => {
    const a = awsApigatewayParser.parse(websocket);
    expect(a.title).toBe('API Gateway CONNECT $connect → 500');
    expect(a.ruleId).toBe('$connect');
    expect(a.observables.srcIps).toEqual([]);
  });

  it('claims no CloudTrail record, loose JSON or text', () => {
    const cloudtrail = {
      eventVersion: '1.08',
      eventSource: 'apigateway.amazonaws.com',
      eventName: 'GetRestApis',
      requestID: 'abc',
      sourceIPAddress: '192.0.2.1',
      eventTime: '2025-03-05T14:03:07Z',
    };
    const isoTime = { ...rest, requestTime: '2025-03-05T14:03:07Z' };
    const noLayout = { requestId: 'x', requestTime: '05/Mar/2025:14:03:07 +0000' };
    const line = '198.51.100.20 - - [05/Mar/2025:14:03:07 +0000] "GET / HTTP/1.1" 200 2';
    for (const raw of [cloudtrail, isoTime, noLayout, line, null, 42, []]) {
      expect(awsApigatewayParser.detect(raw)).toBe(false);
    }
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [name, sample] of Object.entries(samples)) {
      expect(registryClaims(sample, awsApigatewayParser.name).others, name).toEqual([]);
    }
  });
});
