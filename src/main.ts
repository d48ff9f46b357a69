// `npm start`: reads the configuration, starts Vigil and prints where everything is. A configuration
// mistake prints one line naming the variable and the fix, and exits 1.
import { startVigil, type Vigil } from './compose.js';
import { loadConfig } from './config.js';
import { VigilError } from './errors.js';

function banner(vigil: Vigil): string {
  const lines = [
    '',
    `Vigil is running in ${vigil.mode === 'local' ? 'LOCAL (sandbox) mode' : `Slack ${vigil.mode.toUpperCase()} mode`}.`,
    `  HTTP:          ${vigil.url}`,
    // The sandbox's generated token is for trying Vigil out; an operator's own token stays out of the logs.
    `  Alert intake:  POST ${vigil.url}/alerts   (Authorization: Bearer ${generated(vigil, vigil.config.intakeToken) ? vigil.intakeToken : '<VIGIL_INTAKE_TOKEN>'})`,
    `  Blocklist EDL: GET  ${vigil.url}/edl/ip-blocklist.txt   (same token unless VIGIL_EDL_TOKEN is set)`,
    identityLine(
      vigil,
      'IdP hook:',
      '/idp/user-created',
      vigil.idpToken,
      vigil.config.idpToken,
      'VIGIL_IDP_TOKEN',
    ),
    identityLine(
      vigil,
      'HR offboard:',
      '/hr/offboard',
      vigil.hrToken,
      vigil.config.hrToken,
      'VIGIL_HR_TOKEN',
    ),
    `  Data:          ${vigil.config.dataDir}`,
    `  Policy:        ${vigil.config.policyFile} (sha256 ${vigil.policy.current().hash.slice(0, 16)}…)`,
    `  Micro-agents:  ${
      vigil.config.model
        ? `model ${vigil.config.model.name} at ${vigil.config.model.baseUrl ?? 'OpenAI'} for payloads no parser knows`
        : 'offline heuristics (set OPENAI_API_KEY to add a model)'
    }`,
    `  Roles:         ${vigil.config.rolesFile} (${vigil.roles.names().join(', ')})`,
  ];
  if (vigil.mode === 'local') {
    lines.push(
      `  Sandbox page:  ${vigil.url}/   (open it in a browser)`,
      `  Sandbox Slack: Web API at ${vigil.url}/api/<method>, bot token ${vigil.sandboxBotToken}`,
      `                 control API at ${vigil.url}/sandbox/{command,click,submit,post}`,
      ...labLines(vigil),
      '',
      'Try it:',
      `  curl -s -X POST ${vigil.url}/alerts -H 'Authorization: Bearer ${generated(vigil, vigil.config.intakeToken) ? vigil.intakeToken : '$VIGIL_INTAKE_TOKEN'}' \\`,
      `       -H 'Content-Type: application/json' -d '{"title":"SSH brute force","severity":"high","source_ip":"203.0.113.7"}'`,
    );
  }
  return lines.join('\n');
}

/**
 * Whether a token is the sandbox's, generated for trying Vigil out (printed); an operator's own, set in the
 * environment, stays out of the output, which ends up in log collectors.
 */
const generated = (vigil: Vigil, configured: string | undefined): boolean =>
  vigil.mode === 'local' && configured === undefined;

/** An identity route: its generated token, the variable that holds the operator's, or how to turn it on. */
function identityLine(
  vigil: Vigil,
  label: string,
  path: string,
  token: string | undefined,
  configured: string | undefined,
  variable: string,
) {
  const head = `  ${label.padEnd(14)} POST ${vigil.url}${path}`;
  if (token === undefined) return `${head}   off (set ${variable} to turn it on)`;
  return `${head}   (Authorization: Bearer ${generated(vigil, configured) ? token : `<${variable}>`})`;
}

/** The lab's vendor stubs (local mode), each labelled: what the lab connectors talk to. */
function labLines(vigil: Vigil): string[] {
  if (!vigil.lab) return [];
  const width = Math.max(...vigil.lab.vendors.map((v) => v.connector.length));
  return [
    ...vigil.lab.vendors.map(
      (v, i) => `${i === 0 ? '  Lab vendors:   ' : '                 '}${v.connector.padEnd(width)} ${v.url}`,
    ),
    '                 (local stubs seeded with the sandbox people; messages from them say "(lab)")',
  ];
}

async function main(): Promise<void> {
  // The lockfile pins an AWS SDK release that supports Node 20; its notice about future releases needing
  // Node 22 would otherwise bury the banner on every start. (Operators can still set it to "false".)
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const config = loadConfig();
  const vigil = await startVigil(config);
  console.log(banner(vigil));
  const shutdown = (signal: string) => {
    console.log(`\n${signal}: finishing work in flight, then stopping.`);
    vigil.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('vigil: stopping failed:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof VigilError) console.error(`vigil: ${error.message}`);
  else console.error('vigil: failed to start:', error);
  process.exit(1);
});
