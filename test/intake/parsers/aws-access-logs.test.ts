// The AWS access-log parser on synthetic CloudFront, ELB (ALB, NLB, classic) and S3 server access lines:
// detection by shape, the role of every indicator as Elastic's aws pipelines map them, and that no other
// parser claims these lines.
import { describe, expect, it } from 'vitest';
import { awsAccessLogsParser } from '../../../src/intake/parsers/aws-access-logs.js';
import { registryClaims } from './registry-claims.js';

const NAME = 'aws.access_logs';
const OWNER = 'a'.repeat(8) + '0123456789abcdef'.repeat(3) + 'b'.repeat(8);

const cloudfrontFields = [
  '2024-03-05',
  '08:15:42',
  'FRA56-P3',
  '5120',
  '198.51.100.23',
  'GET',
  'dexample123abc.cloudfront.net',
  '/login',
  '403',
  'https://shop.example.com/cart',
  'Mozilla/5.0%20(X11;%20Linux%20x86_64)',
  'next=%2Fadmin',
  '-',
  'Error',
  'Xy1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789ab==',
  'shop.example.com',
  'https',
  '412',
  '0.004',
  '203.0.113.9, 2001:db8::77',
  'TLSv1.3',
  'TLS_AES_128_GCM_SHA256',
  'Error',
  'HTTP/2.0',
  '-',
  '-',
  '50432',
  '0.004',
  'Error',
  'text/html',
  '918',
  '-',
  '-',
];
const cloudfrontTab = cloudfrontFields.join('\t');
const cloudfrontSpaced = cloudfrontFields.join(' ').replace('203.0.113.9, 2001:db8::77', '-');

const alb =
  'https 2024-03-05T08:16:01.123456Z app/shop-alb/0123456789abcdef 192.0.2.50:51514 10.20.0.7:8080 0.001 0.020 0.000 502 502 310 1200 "POST https://shop.example.com:443/api/pay HTTP/1.1" "curl/8.5.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/shop/0123456789abcdef "Root=1-65e6d3f1-0123456789abcdef01234567" "shop.example.com" "arn:aws:acm:eu-west-1:111122223333:certificate/abc" 1 2024-03-05T08:16:01.100000Z "forward" "-" "-" "10.20.0.7:8080" "502" "-" "-"';
const nlb =
  'tls 2.0 2024-03-05T08:17:00 net/shop-nlb/0123456789abcdef 0a1b2c3d4e5f6a7b 2001:db8::5:40122 10.20.0.8:443 12 5 1024 2048 - arn:aws:acm:eu-west-1:111122223333:certificate/abc - ECDHE-RSA-AES128-SHA tlsv12 - shop.example.com - - - 2024-03-05T08:16:59';
const classicHttp =
  '2024-03-05T08:18:00.000000Z legacy-elb 203.0.113.77:40000 10.20.0.9:80 0.000073 0.001048 0.000057 404 404 0 29 "GET http://legacy.example.com:80/missing HTTP/1.1" "Wget/1.21" - -';
const classicTcp =
  '2024-03-05T08:19:00.000000Z legacy-elb 198.51.100.90:40001 - -1 -1 -1 - - 57 0 "- - - " "-" - -';
const s3 = `${OWNER} audit-bucket-01 [05/Mar/2024:08:20:31 +0000] 192.0.2.200 arn:aws:iam::111122223333:user/jo.analyst 3E57427F3EXAMPLE REST.GET.OBJECT reports/q1.pdf "GET /audit-bucket-01/reports/q1.pdf HTTP/1.1" 403 AccessDenied 243 - 12 - "-" "aws-cli/2.15.0" - HostIdExample123= SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader audit-bucket-01.s3.eu-west-1.amazonaws.com TLSv1.2 - -`;
const s3Service = `${OWNER} audit-bucket-01 [05/Mar/2024:08:21:00 +0000] - svc:logging.s3.amazonaws.com 7A1B2C3D4E5F6A7B REST.PUT.OBJECT logs/2024-03-05 "PUT /audit-bucket-01/logs/2024-03-05 HTTP/1.1" 200 - - 512 20 10 "-" "-" - HostIdExample456= SigV4 ECDHE-RSA-AES128-SHA AuthHeader audit-bucket-01.s3.eu-west-1.amazonaws.com TLSv1.2`;

const samples = { cloudfrontTab, cloudfrontSpaced, alb, nlb, classicHttp, classicTcp, s3, s3Service };

describe('awsAccessLogsParser', () => {
  it('detects every supported AWS access-log shape', () => {
    for (const [label, raw] of Object.entries(samples)) {
      expect(awsAccessLogsParser.detect(raw), label).toBe(true);
    }
  });

  it('names each shape’s format after the Elastic data stream', () => {
    expect(awsAccessLogsParser.parse(cloudfrontTab).format).toBe('aws.cloudfront_logs');
    expect(awsAccessLogsParser.parse(alb).format).toBe('aws.elb_logs');
    expect(awsAccessLogsParser.parse(nlb).format).toBe('aws.elb_logs');
    expect(awsAccessLogsParser.parse(classicTcp).format).toBe('aws.elb_logs');
    expect(awsAccessLogsParser.parse(s3).format).toBe('aws.s3access');
    expect(awsAccessLogsParser.parse(s3).recognizedBy).toBe(`parser:${NAME}`);
  });

  it('reads a CloudFront line: the viewer is the source, forwarded-for addresses are related, both host names are domains', () => {
    const alert = awsAccessLogsParser.parse(cloudfrontTab);
    expect(alert.observables.srcIps).toEqual(['198.51.100.23']);
    expect(alert.observables.dstIps).toEqual([]);
    expect(alert.observables.ips).toEqual(['198.51.100.23', '203.0.113.9', '2001:db8::77']);
    expect(alert.observables.users).toEqual([]);
    expect(alert.observables.domains).toEqual(['dexample123abc.cloudfront.net', 'shop.example.com']);
    expect(alert.observedAt).toBe('2024-03-05T08:15:42.000Z');
    expect(alert.title).toContain('403');
  });

  it('reads a space-separated copy of a CloudFront line the same way', () => {
    const alert = awsAccessLogsParser.parse(cloudfrontSpaced);
    expect(alert.observables.srcIps).toEqual(['198.51.100.23']);
    expect(alert.observables.ips).toEqual(['198.51.100.23']);
    expect(alert.observables.domains).toEqual(['dexample123abc.cloudfront.net', 'shop.example.com']);
  });

  it('reads an ALB line: the client is the only indicator address, the target is not a destination', () => {
    const alert = awsAccessLogsParser.parse(alb);
    expect(alert.observables.srcIps).toEqual(['192.0.2.50']);
    expect(alert.observables.dstIps).toEqual([]);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.observables.hosts).toEqual([]);
    expect(alert.observables.domains).toEqual([]);
    expect(alert.severity).toBe('low');
    expect(alert.observedAt).toBe('2024-03-05T08:16:01.123Z');
  });

  it('reads an NLB line with an IPv6 client', () => {
    const alert = awsAccessLogsParser.parse(nlb);
    expect(alert.observables.srcIps).toEqual(['2001:db8::5']);
    expect(alert.observables.ips).toEqual([]);
  });

  it('reads classic ELB HTTP and TCP lines', () => {
    expect(awsAccessLogsParser.parse(classicHttp).observables.srcIps).toEqual(['203.0.113.77']);
    const tcp = awsAccessLogsParser.parse(classicTcp);
    expect(tcp.observables.srcIps).toEqual(['198.51.100.90']);
    expect(tcp.observables.ips).toEqual([]);
  });

  it('reads an S3 access line: the remote address is related only, the bucket owner is the user, the requester is not', () => {
    const alert = awsAccessLogsParser.parse(s3);
    expect(alert.observables.srcIps).toEqual([]);
    expect(alert.observables.ips).toEqual(['192.0.2.200']);
    expect(alert.observables.users).toEqual([OWNER]);
    expect(alert.observables.hosts).toEqual([]);
    expect(alert.observables.domains).toEqual([]);
    expect(alert.severity).toBe('low');
    expect(alert.observedAt).toBe('2024-03-05T08:20:31.000Z');
  });

  it('reads an S3 line of an AWS service with no remote address', () => {
    const alert = awsAccessLogsParser.parse(s3Service);
    expect(alert.observables.ips).toEqual([]);
    expect(alert.observables.users).toEqual([OWNER]);
  });

  it('does not claim nginx, IIS, VPC flow or JSON payloads', () => {
    const others = [
      '198.51.100.4 - jo [05/Mar/2024:08:20:31 +0000] "GET / HTTP/1.1" 200 512 "-" "curl/8.5.0"',
      '2024-03-05 08:15:42 192.0.2.10 GET /default.htm - 80 - 198.51.100.4 Mozilla/5.0 - 200 0 0 15',
      '2 111122223333 eni-0123456789abcdef0 192.0.2.1 198.51.100.2 443 51514 6 10 840 1709626542 1709626602 ACCEPT OK',
      '2024-03-05T08:15:42Z web-01 sshd[42]: Accepted password for jo from 192.0.2.3 port 22 ssh2',
      { message: cloudfrontTab },
      '',
    ];
    for (const raw of others) expect(awsAccessLogsParser.detect(raw)).toBe(false);
  });

  it('is claimed by no other specific parser in the registry', () => {
    for (const [label, raw] of Object.entries(samples)) {
      expect(registryClaims(raw, NAME).others, label).toEqual([]);
    }
  });
});
