// The VPC flow parser on synthetic records of the longer default layouts (v5, v8) and Transit Gateway flow
// logs: endpoints by position, also on NODATA/SKIPDATA records that name them, never the packet-level addresses.
import { describe, expect, it } from 'vitest';
import { awsVpcflowParser } from '../../../src/intake/parsers/aws-vpcflow.js';
import { registryClaims } from './registry-claims.js';

const v5 =
  '5 11112222333 eni-0demo01 203.0.113.50 10.0.1.5 50041 443 6 52 4096 1714557600 1714557660 ACCEPT OK vpc-0demo subnet-0demo i-0demo 2 IPv4 203.0.113.50 10.0.1.99 eu-west-1 euw1-az1 - - AMAZON - ingress 1';
const v8NoData =
  '3 111122223333 - 2001:db8::50 198.51.100.60 42910 80 17 51 33615 1714557600 1714557660 REJECT NODATA - - - - - - - - - - - - - ingress - arn:aws:ecs:eu-west-1:111122223333:cluster/demo demo';
const tgw =
  '3 - 111122223333 tgw-0demo01 tgw-attach-0demo01 - - vpc-0a vpc-0b - - eni-0a eni-0b - - - 192.0.2.70 203.0.113.71 39464 22 6 49 8947 1714557600 1714557660 OK - - - - - - - ingress - -';
const tgwSkip =
  '3 TransitGateway 111122223333 tgw-0demo01 tgw-attach-0demo02 - - vpc-0a vpc-0b - - eni-0a eni-0b - - - 198.51.100.72 192.0.2.73 3147 3389 17 48 5970 1714557600 1714557660 SKIPDATA - - - - - - - ingress - -';
const emptyNoData = '2 111122223333 eni-0demo02 - - - - - - - 1714557600 1714557660 - NODATA';

describe('awsVpcflowParser longer layouts', () => {
  it('detects v5, v8 and Transit Gateway records, and an account id shorter than twelve digits', () => {
    for (const sample of [v5, v8NoData, tgw, tgwSkip, emptyNoData])
      expect(awsVpcflowParser.detect(sample)).toBe(true);
  });

  it('reports the flow endpoints, not the packet-level addresses', () => {
    const a = awsVpcflowParser.parse(v5);
    expect(a.observables.srcIps).toEqual(['203.0.113.50']);
    expect(a.observables.dstIps).toEqual(['10.0.1.5']);
    expect(a.observables.ips).toEqual(['203.0.113.50', '10.0.1.5']);
  });

  it('reports the addresses a NODATA or SKIPDATA record names, and none when it names none', () => {
    expect(awsVpcflowParser.parse(v8NoData).observables.ips).toEqual(['2001:db8::50', '198.51.100.60']);
    expect(awsVpcflowParser.parse(tgwSkip).observables.srcIps).toEqual(['198.51.100.72']);
    expect(awsVpcflowParser.parse(emptyNoData).observables.ips).toEqual([]);
    expect(awsVpcflowParser.parse(emptyNoData).title).toBe('VPC flow NODATA on eni-0demo02');
  });

  it('reads a Transit Gateway flow by position, with its ports and start time', () => {
    const a = awsVpcflowParser.parse(tgw);
    expect(a.observables.srcIps).toEqual(['192.0.2.70']);
    expect(a.observables.dstIps).toEqual(['203.0.113.71']);
    expect(a.title).toBe('VPC flow 192.0.2.70:39464 -> 203.0.113.71:22 proto 6');
    expect(a.observedAt).toBe('2024-05-01T10:00:00.000Z');
  });

  it('is read by its own parser first and claimed by no other specific parser', () => {
    for (const sample of [v5, v8NoData, tgw, tgwSkip]) {
      const claims = registryClaims(sample, awsVpcflowParser.name);
      expect(claims.first).toBe(awsVpcflowParser.name);
      expect(claims.others).toEqual([]);
    }
  });
});
