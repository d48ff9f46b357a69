// AWS VPC Flow Logs in the default (version 2) space-separated layout: source and destination by
// position; NODATA/SKIPDATA records carry no addresses.
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const V2 =
  /^([2-9]) (\d{12}|unknown|-) (eni-\S+|-) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\d+|-) (\d+|-) (ACCEPT|REJECT|-) (OK|NODATA|SKIPDATA)\b/;

function detect(raw: unknown): boolean {
  const s = textOf(raw, 4_096);
  return s !== null && V2.test(s.trim());
}

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const m = V2.exec((textOf(raw, 4_096) ?? '').trim());
  const obs = new ObservablesBuilder();
  const status = m?.[14] ?? 'OK';
  if (status === 'OK') {
    obs.srcIp(m?.[4]);
    obs.dstIp(m?.[5]);
  }
  const action = m?.[13] ?? '-';
  return parserAlert('aws.vpcflow', 'aws.vpcflow', obs, {
    title:
      status === 'OK'
        ? `VPC flow ${action} ${m?.[4] ?? '?'}:${m?.[6] ?? ''} -> ${m?.[5] ?? '?'}:${m?.[7] ?? ''} proto ${m?.[8] ?? '?'}`
        : `VPC flow ${status} on ${m?.[3] ?? '?'}`,
    severity: action === 'REJECT' ? 'low' : 'info',
    observedAt: toIsoTime(Number(m?.[11] ?? NaN)),
    ruleId: `vpcflow:${action}`,
  });
}

export const awsVpcflowParser: Parser = { name: 'aws.vpcflow', detect, parse };
