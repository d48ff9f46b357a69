// bench:intake: replays corpus-shaped alerts (mixed formats) through POST /alerts on loopback into Vigil's
// SQLite store, then a duplicate storm, and prints both beside a bare node:http + better-sqlite3 server
// measured in the same run, so the result reads as a ratio. Usage:
//   npm run bench:intake -- [--alerts 5000] [--storm 10000] [--concurrency 16] [--rounds 3]
// Each round measures the baseline and then Vigil; the targets are judged on the median ratio of the rounds,
// so one noisy moment on a shared machine does not decide the result either way. Both servers are warmed up
// first with the kind of traffic they are then measured on, so the figures are steady-state ones rather than
// the JIT compiling the parsers: Vigil with corpus-shaped alerts that share no address with the measured ones
// (so none of those is a repeat of a warm-up alert), the baseline (which files every request alike) with the
// measured alerts themselves.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { start, stop } from './bench/processes.js';

const { values } = parseArgs({
  options: {
    alerts: { type: 'string', default: '5000' },
    storm: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '3' },
    corpus: { type: 'string', default: path.resolve('../shared/corpus/alerts.jsonl') },
  },
});
const N = Number(values.alerts);
const STORM = Number(values.storm);
const CONCURRENCY = Number(values.concurrency);
const ROUNDS = Math.max(1, Number(values.rounds));
/** Requests sent before each measurement; Vigil's per-alert CPU is steady from about 1,000 corpus-shaped alerts. */
const WARMUP = 1000;

interface Payload {
  body: Buffer;
  contentType: string;
}

/**
 * Corpus-shaped alerts: each corpus line in turn, its first IPv4 replaced so every alert is new. Alerts made
 * from different `from` offsets never share that address.
 */
function corpusShaped(count: number, from = 0): Payload[] {
  const lines = fs.existsSync(values.corpus)
    ? fs.readFileSync(values.corpus, 'utf8').split('\n').filter(Boolean)
    : [];
  const raws: unknown[] = lines.map((line) => (JSON.parse(line) as { raw: unknown }).raw);
  if (!raws.length)
    raws.push(
      { title: 'Synthetic alert', src_ip: '203.0.113.1', user: 'jdoe' },
      'src=198.51.100.1 dst=10.0.0.1 msg=scan',
    );
  return Array.from({ length: count }, (_, index) => {
    const i = from + index;
    const raw = raws[i % raws.length];
    const unique = `100.${64 + ((i >> 16) & 63)}.${(i >> 8) & 255}.${i & 255}`;
    const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
    const varied = text.replace(/\b(?:\d{1,3}\.){3}\d{1,3}\b/, unique);
    return {
      body: Buffer.from(varied),
      contentType: typeof raw === 'string' ? 'text/plain' : 'application/json',
    };
  });
}

interface Run {
  rate: number;
  /** Vigil's (or the baseline's) CPU time per alert during the measurement, in ms. */
  cpuMs: number;
  p50: number;
  p99: number;
  statuses: Record<number, number>;
}

async function drive(
  port: number,
  token: string | undefined,
  payloads: Payload[],
  pid?: number,
): Promise<Run> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const one = (p: Payload) =>
    new Promise<void>((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/alerts',
          method: 'POST',
          agent,
          headers: {
            'content-type': p.contentType,
            'content-length': p.body.length,
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
            statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(p.body);
    });
  const worker = async () => {
    while (next < payloads.length) {
      const p = payloads[next++];
      if (p) await one(p);
    }
  };
  const t0 = process.hrtime.bigint();
  const cpu0 = cpuSeconds(pid);
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpuMs = ((cpuSeconds(pid) - cpu0) * 1000) / payloads.length;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { rate: payloads.length / seconds, cpuMs, p50: at(0.5), p99: at(0.99), statuses };
}

/** CPU time (user + system) a process has used so far, in seconds (Linux /proc; NaN elsewhere). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid || !fs.existsSync(`/proc/${pid}/stat`)) return Number.NaN;
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Peak resident set (VmHWM) of a process, in MiB. */
function peakRss(pid: number | undefined): number {
  if (!pid) return 0;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function baseline(payloads: Payload[]): Promise<Run & { rss: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-bare-'));
  const { child, match } = await start(
    ['--import', 'tsx', 'scripts/bench/bare-server.ts', path.join(dir, 'bare.db')],
    {},
    /listening (\d+)/,
  );
  const port = Number(match[1]);
  await drive(port, undefined, payloads.slice(0, WARMUP));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const run = await drive(port, undefined, payloads, child.pid);
  const rss = peakRss(child.pid);
  await stop(child);
  fs.rmSync(dir, { recursive: true, force: true });
  return { ...run, rss };
}

/**
 * Vigil in Slack mode (HTTP receiver), talking to the sandbox Slack workspace in its own process as it would
 * to Slack over the network, so the benchmark measures Vigil rather than the sandbox sharing its CPU.
 */
async function vigil(payloads: Payload[], warmup: Payload[]): Promise<Run & { rss: number; cases: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-'));
  const botToken = `xoxb-bench-${randomBytes(8).toString('hex')}`;
  const signingSecret = randomBytes(16).toString('hex');
  const token = randomBytes(24).toString('hex');
  const slack = await start(
    ['--import', 'tsx', 'scripts/bench/slack-emulator.ts', botToken, signingSecret],
    {},
    /slack (http:\S+)/,
  );
  const env = {
    PORT: '0',
    VIGIL_HOST: '127.0.0.1',
    VIGIL_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: `${slack.match[1]}/api/`,
    VIGIL_INTAKE_TOKEN: token,
  };
  const { child, match } = await start(
    [
      '--import',
      'tsx',
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/vprof'] : []),
      'src/main.ts',
    ],
    env,
    /HTTP:\s+http:\/\/127\.0\.0\.1:(\d+)/,
  );
  const port = Number(match[1]);
  await drive(port, token, warmup);
  await idle(dataDir);
  const before = countCases(dataDir);
  const run = await drive(port, token, payloads, child.pid);
  const rss = peakRss(child.pid);
  await stop(child);
  await stop(slack.child);
  const cases = countCases(dataDir) - before;
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { ...run, rss, cases };
}

/** Waits until no case is still in triage, so work left from the warm-up does not run during the measurement. */
async function idle(dataDir: string): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    const db = new BetterSqlite3(path.join(dataDir, 'vigil.db'), { readonly: true });
    const busy = (
      db.prepare("SELECT count(*) AS n FROM cases WHERE status = 'triage'").get() as { n: number }
    ).n;
    db.close();
    if (busy === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function countCases(dataDir: string): number {
  const db = new BetterSqlite3(path.join(dataDir, 'vigil.db'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const fmt = (r: Run & { rss: number }) =>
  `${r.rate.toFixed(0).padStart(7)} alerts/s   CPU ${r.cpuMs.toFixed(3)} ms/alert   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms   peak RSS ${r.rss.toFixed(0).padStart(4)} MiB`;

async function main(): Promise<void> {
  console.log(
    `bench:intake on ${os.cpus().length} cores, node ${process.version}, concurrency ${CONCURRENCY}`,
  );
  const fresh = corpusShaped(N);
  // New alerts are measured after corpus-shaped ones with other addresses (every parser path warm); the storm
  // after one other alert repeated (the repeat path warm, and the storm's alert still opens its case).
  const freshWarm = corpusShaped(WARMUP, N);
  const stormWarm = Array.from({ length: WARMUP }, () => ({
    body: Buffer.from(JSON.stringify({ title: 'Warm-up', rule_id: 'WARMUP', src_ip: '192.0.2.250' })),
    contentType: 'application/json',
  }));
  const storm = Array.from({ length: STORM }, () => ({
    body: Buffer.from(
      JSON.stringify({
        title: 'SMB brute force',
        rule_id: 'BENCH-445',
        src_ip: '203.0.113.66',
        dst_ip: '10.0.0.8',
      }),
    ),
    contentType: 'application/json',
  }));

  const mixed: Array<{ bare: Run & { rss: number }; vigil: Run & { rss: number; cases: number } }> = [];
  const storms: typeof mixed = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    mixed.push({ bare: await baseline(fresh), vigil: await vigil(fresh, freshWarm) });
    storms.push({ bare: await baseline(storm), vigil: await vigil(storm, stormWarm) });
  }

  const newRatio = report(`new alerts (${N}, corpus-shaped, mixed formats)`, mixed, 0.4);
  const stormRatio = report(`duplicate storm (${STORM} × one alert)`, storms, 0.8);
  const stormCases = Math.max(...storms.map((r) => r.vigil.cases));
  console.log(`  cases opened by the storm ${stormCases} (target 1) ${stormCases === 1 ? 'met' : 'MISSED'}`);
  const ok = newRatio >= 0.4 && stormRatio >= 0.8 && stormCases === 1;
  process.exitCode = ok ? 0 : 1;
}

/** Prints each round and the median ratio, and returns that median. */
function report(
  title: string,
  rounds: Array<{ bare: Run & { rss: number }; vigil: Run & { rss: number; cases: number } }>,
  target: number,
): number {
  console.log(`\n${title}`);
  const ratios = rounds.map(({ bare, vigil }, i) => {
    const ratio = vigil.rate / bare.rate;
    console.log(`  round ${i + 1}`);
    console.log(`    bare node:http + 1 insert  ${fmt(bare)}`);
    console.log(
      `    vigil POST /alerts         ${fmt(vigil)}   cases opened ${vigil.cases}   statuses ${JSON.stringify(vigil.statuses)}`,
    );
    console.log(`    ratio ${ratio.toFixed(2)}`);
    return ratio;
  });
  const sorted = [...ratios].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.log(
    `  median ratio ${median.toFixed(2)} of ${rounds.length} (target ≥ ${target.toFixed(2)}) ${median >= target ? 'met' : 'MISSED'}`,
  );
  return median;
}

void main();
