// The API Gateway access log parser (Elastic's aws.api_gateway_logs layout, with requestTimeEpoch) on synthetic
// REST, HTTP and WebSocket records: the client as the source, the API domain as a host, the IAM caller as the
// user; and that the older CLF-time layout and other records are left to other parsers.
import { describe, expect, it } from 'vitest';
import { awsApiGatewayLogsParser } from '../../../src/intake/parsers/aws-api-gateway-logs.js';
import { awsApigatewayParser } from '../../../src/intake/parsers/aws-apigateway.js';
import { registryClaims } from './registry-claims.js';

const rest = {
  accountId: '111122223333',
  apiId: 'demo123abc',
  domainName: 'demo123abc.execute-api.eu-west-1.amazonaws.com',
  extendedRequestId: 'AbCdEf=',
  requestId: '00000000-0000-4000-8000-000000000001',
  httpMethod: 'GET',
  ip: '203.0.113.30',
  user: '-',
  userAgent: 'demo-agent/1.0',
  userArn: '-',
  protocol: 'HTTP/1.1',
  requestTimeEpoch: '1714557600123',
  path: '/prod/items/1',
  status: '200',
  responseLength: '42',
  stage: 'prod',
};

const httpIam = {
  ...rest,
  requestId: undefined,
  ip: '2001:db8::30',
  user: 'AIDADEMO0000000000001',
  userArn: 'arn:aws:iam::111122223333:user/demo-caller',
  requestTimeEpoch: '1714557600',
  status: '403',
  stage: '$default',
};

const root = { ...rest, userArn: 'arn:aws:iam::111122223333:root' };

const websocket = {
  apiId: 'ws0demo000',
  eventType: 'CONNECT',
  domainName: 'ws0demo000.execute-api.eu-west-1.amazonaws.com',
  requestId: 'WsDemo=',
  ip: '198.51.100.31',
  user: '-',
  userArn: '-',
  requestTimeEpoch: '1714557600000',
  status: '500',
  stage: 'production',
};

describe('awsApiGatewayLogsParser', () => {
  it('detects REST, HTTP and WebSocket records that log requestTimeEpoch', () => {
    for (const sample of [rest, httpIam, root, websocket])
      expect(awsApiGatewayLogsParser.detect(sample)).toBe(true);
  });

  it('reports the client as the source and related address and the API domain as a host', () => {
    const a = awsApiGatewayLogsParser.parse(rest);
    expect(a.format).toBe('aws.api_gateway_logs');
    expect(a.observables.srcIps).toEqual(['203.0.113.30']);
    expect(a.observables.ips).toEqual(['203.0.113.30']);
    expect(a.observables.domains).toEqual(['demo123abc.execute-api.eu-west-1.amazonaws.com']);
    expect(a.observables.users).toEqual([]);
    expect(awsApiGatewayLogsParser.domainsInRelatedHosts).not.toBe(false);
  });

  it('names the IAM caller from userArn (a user, or root)', () => {
    expect(awsApiGatewayLogsParser.parse(httpIam).observables.users).toEqual(['demo-caller']);
    expect(awsApiGatewayLogsParser.parse(root).observables.users).toEqual(['root']);
  });

  it('titles the request, rates errors low, and reads the epoch in milliseconds or seconds', () => {
    const a = awsApiGatewayLogsParser.parse(rest);
    expect(a.title).toBe('API Gateway GET /prod/items/1 on demo123abc/prod → 200 from 203.0.113.30');
    expect(a.severity).toBe('info');
    expect(a.observedAt).toBe('2024-05-01T10:00:00.123Z');
    const h = awsApiGatewayLogsParser.parse(httpIam);
    expect(h.severity).toBe('low');
    expect(h.observedAt).toBe('2024-05-01T10:00:00.000Z');
    expect(awsApiGatewayLogsParser.parse(websocket).title).toContain(
      'CONNECT on ws0demo000/production → 500',
    );
  });

  it('leaves the CLF-time layout to the apigateway_logs parser and does not claim other records', () => {
    const clf = { ...rest, requestTime: '01/May/2024:10:00:00 +0000' };
    for (const x of [
      clf,
      { requestTimeEpoch: '1714557600' },
      { ...rest, requestTimeEpoch: 'soon' },
      'text',
      null,
    ])
      expect(awsApiGatewayLogsParser.detect(x)).toBe(false);
    expect(awsApigatewayParser.detect(rest)).toBe(false);
  });

  it('is claimed by no specific parser already in the registry', () => {
    for (const sample of [rest, httpIam, websocket])
      expect(registryClaims(sample, awsApiGatewayLogsParser.name).others).toEqual([]);
  });
});
