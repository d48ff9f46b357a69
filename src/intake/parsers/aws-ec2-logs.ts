// EC2 instance system logs shipped through CloudWatch Logs (`aws.ec2_logs`, `aws.cloudwatch_logs`): the
// CloudWatch ingestion time, then the instance's BSD syslog line. Elastic's pipelines keep the process and
// message and map no address, user or host (an address in a dhclient or metadata message is no indicator).
import { ObservablesBuilder } from '../observables-builder.js';
import { toIsoTime } from '../time.js';
import { detectorOf, parserAlert, textOf } from './common.js';
import type { Parser } from './parser.js';

const NAME = 'aws.ec2_logs';

const LINE =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z) [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} (\S+) ([^\s:[]+)(?:\[(\d+)\])?: (.*)$/s;

interface Ec2Line {
  time: string;
  instance: string;
  process: string;
  message: string;
}

const read = (raw: unknown): Ec2Line | null => {
  const text = textOf(raw, 65_536);
  const m = text ? LINE.exec(text) : null;
  if (!m) return null;
  const [, time = '', instance = '', process = '', , message = ''] = m;
  return { time, instance, process, message };
};

function parse(raw: unknown): ReturnType<Parser['parse']> {
  const l = read(raw);
  if (!l) throw new Error('not an EC2 system log line');
  const message = l.message.trim();
  return parserAlert(NAME, NAME, new ObservablesBuilder(), {
    title: `${l.process} on ${l.instance}: ${message.length > 160 ? `${message.slice(0, 157)}...` : message}`,
    severity: 'info',
    observedAt: toIsoTime(l.time),
    ruleId: l.process,
  });
}

export const awsEc2LogsParser: Parser = {
  name: NAME,
  claims: { keys: [], text: ['Z '] },
  detect: detectorOf(read),
  parse,
};
