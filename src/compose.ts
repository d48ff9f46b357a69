// The one composition root: builds the database, checkpointer, policy, connectors, services, the Bolt app
// and the HTTP server, and (in local mode) the sandbox Slack workspace. Tests pass overrides to swap a port.
import fs from 'node:fs';
import http, { type RequestListener } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import { App, HTTPReceiver, SocketModeReceiver, type Receiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { z } from 'zod';
import { activeConnectors, renamed, type ActiveConnectors } from '../connectors/active.js';
import { EdlBlocklist } from '../connectors/edl-blocklist.js';
import { ConnectorConfigError, type EnvValues } from '../connectors/env.js';
import { connectorsFromEnv, VENDORS, type Connectors } from '../connectors/registry.js';
import type { ConnectorDeps } from '../connectors/runtime.js';
import type { Firewall } from '../connectors/types.js';
import { openDatabase, type Database } from '../db/client.js';
import { ActionsRepository } from '../db/repositories/actions.js';
import { AlertsRepository } from '../db/repositories/alerts.js';
import { ApprovalsRepository } from '../db/repositories/approvals.js';
import { BlocklistRepository } from '../db/repositories/blocklist.js';
import { CaseEntitiesRepository } from '../db/repositories/case-entities.js';
import { CasesRepository } from '../db/repositories/cases.js';
import { IdpEventsRepository } from '../db/repositories/idp-events.js';
import { OwedNotesRepository } from '../db/repositories/owed-notes.js';
import { SlackEventsRepository } from '../db/repositories/slack-events.js';
import type { Alert } from '../graphs/agents/extraction/contract.js';
import { compileOffboardingGraph, OFFBOARDING_WORKFLOW_VERSION } from '../graphs/offboarding/graph.js';
import { compileOnboardingGraph } from '../graphs/onboarding/graph.js';
import { compileTriageGraph, TRIAGE_WORKFLOW_VERSION } from '../graphs/triage/graph.js';
import { installLightRunContext } from '../graphs/lib/light-run-context.js';
import type { Responders } from '../graphs/triage/responders.js';
import { ModelAnswerRequest, ModelExtractionAgent } from '../graphs/agents/extraction/model-agent.js';
import { ModelTimelineAgent, NotesRequest } from '../graphs/agents/timeline/model-agent.js';
import { guardedModel } from './models/model-guard.js';
import { openAiStructuredModel } from './models/openai-model.js';
import { TicketsRepository } from '../db/repositories/tickets.js';
import { startWalCheckpointer } from '../db/wal-checkpointer.js';
import { AuditLog } from './audit/audit-log.js';
import { AUDIT_HEAD_INTERVAL_MS, AuditHeadAnchors } from './audit/head-anchors.js';
import type { Config } from './config.js';
import { ConfigError } from './errors.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { makeAlertsRoute } from './http/alerts-route.js';
import { makeEdlRoute } from './http/edl-route.js';
import { makeHrOffboardRoute } from './http/hr-offboard-route.js';
import {
  makeIdpUserCreatedRoute,
  makeIdpVerificationRoute,
  REQUESTED_BY as IDP_WEBHOOK_ACTOR,
} from './http/idp-user-created-route.js';
import { makeMetricsRoute } from './http/metrics-route.js';
import { sendJson } from './http/http-util.js';
import { createRouter } from './http/router.js';
import { refusingFutureSlackRequests } from './http/slack-request-age.js';
import { CaseEntityCorrelation } from './intake/case-correlation.js';
import { normalizeAlert, readPayload } from './intake/normalize.js';
import { labName, startLab, type Lab, type LabVendor } from './lab/lab.js';
import { loadOrCreateLocalSecrets } from './local-secrets.js';
import { createLogger, type Logger } from './logger.js';
import { loadPolicy } from './policy/policy.js';
import { PolicyStore } from './policy/policy-store.js';
import { loadRoles, type RoleMapping } from './roles/roles.js';
import { createSlackEmulator, type SlackEmulator } from './sandbox/emulator.js';
import { ApprovalExpiry } from './services/approval-expiry.js';
import { routeApprovals } from './services/approval-router.js';
import { ApprovalService } from './services/approval-service.js';
import { CaseRunner } from './services/case-runner.js';
import { Containment } from './services/containment.js';
import { Enrichment } from './services/enrichment.js';
import { CaseUpdates } from './services/case-updates.js';
import { IntakeService } from './services/intake-service.js';
import { MetricsService } from './services/metrics.js';
import { OffboardingService } from './services/offboarding-service.js';
import { IdpEventQueue } from './services/idp-event-queue.js';
import { OnboardingService } from './services/onboarding-service.js';
import { Retention } from './services/retention.js';
import { TriageService } from './services/triage-service.js';
import { SlackApproverDirectory } from './slack/approver-directory.js';
import { boltLogger } from './slack/bolt-logger.js';
import { registerErrorHandler } from './slack/error-handler.js';
import { ReadAccess } from './slack/read-access.js';
import { ids } from './slack/ids.js';
import { dedupeEvents } from './slack/middleware/dedupe-events.js';
import { ListenerWork } from './slack/middleware/listener-work.js';
import { messageLinks } from './slack/permalink.js';
import { registerActions } from './slack/listeners/actions/index.js';
import { registerCommands } from './slack/listeners/commands/index.js';
import { registerEvents } from './slack/listeners/events/index.js';
import { registerViews } from './slack/listeners/views/index.js';
import { SlackNotifier } from './slack/notifier.js';
import { SlackOffboardingNotifier } from './slack/offboarding-notifier.js';
import { SlackOnboardingNotifier } from './slack/onboarding-notifier.js';
import { SlackWorkflowErrorNotifier } from './slack/workflow-error-notifier.js';
import { SlackPersonDirectory } from './slack/person-directory.js';
import { catchUpAlertChannel } from './slack/listeners/events/alert-channel-message.js';
import { slackErrorCode } from './slack/api-error.js';
import { OncePoster } from './slack/post-once.js';
import { OwnAccountCheck } from './services/own-account.js';
import { webApiFetch } from './slack/web-api-fetch.js';

/** Ports a test (or an embedding) may replace. */
export interface Overrides {
  clock?: () => Date;
  logger?: Logger;
  normalize?: (raw: unknown) => Alert;
  firewall?: Firewall;
  /** What vendor connectors are built with (tests: `maxAttempts: 1`, a sleep that does not wait). */
  connectorDeps?: ConnectorDeps;
  /** Web API retries (Slack's client default is 10 over ~30 minutes; Vigil uses 2). */
  slackRetries?: number;
  /** Least time between two re-renders of one case's root message (default 3 s). */
  caseUpdateIntervalMs?: number;
  /** How often approvals are checked for expiry (default 15 s). */
  approvalSweepMs?: number;
  /** How often reversible actions are checked for their TTL (default 30 s). */
  containmentSweepMs?: number;
  /** Wait before an identity provider event whose attempt failed is tried again (default 60 s). */
  idpEventRetryMs?: number;
  /** The triage workflow version bound into approvals (default TRIAGE_WORKFLOW_VERSION; tests play an older release). */
  triageWorkflowVersion?: string;
  /** The offboarding workflow version bound into approvals (default OFFBOARDING_WORKFLOW_VERSION; likewise). */
  offboardingWorkflowVersion?: string;
}

export interface Vigil {
  config: Config;
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:3000 */
  url: string;
  mode: Config['mode'];
  intakeToken: string;
  edlToken: string;
  /** Bearer tokens of `/idp/user-created` and `/hr/offboard`; undefined when that route is off. */
  idpToken: string | undefined;
  hrToken: string | undefined;
  /** The token the sandbox accepts (local mode only). */
  sandboxBotToken: string | undefined;
  emulator: SlackEmulator | undefined;
  /** Takes alerts in as every intake surface does (the HTTP route, the alerts channel, /triage). */
  intake: IntakeService;
  /** The connector in use for each capability. */
  connectors: ActiveConnectors;
  /** Local mode: the vendor stubs the lab connectors talk to. */
  lab: Lab | undefined;
  db: Database;
  audit: AuditLog;
  /** The policy in force (re-read when policy.yml changes). */
  policy: PolicyStore;
  /** The role mapping onboarding provisions by (roles.yml, read at start-up). */
  roles: RoleMapping;
  /** Escalates or expires approvals whose time ran out (also runs on a timer). */
  sweepApprovals(): Promise<number>;
  /** Rolls back reversible actions whose TTL ran out (also runs on a timer). */
  sweepContainment(): Promise<number>;
  alertsChannelId: string;
  /** Waits until every queued case job has finished. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export async function startVigil(config: Config, overrides: Overrides = {}): Promise<Vigil> {
  makeDataDir(config.dataDir);
  // Taken before anything reads or writes the directory; released when Vigil stops, or here if it fails to.
  const lock = lockDataDir(config.dataDir, (overrides.clock ?? (() => new Date()))());
  try {
    return await startLocked(config, overrides, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function startLocked(config: Config, overrides: Overrides, lock: DataDirLock): Promise<Vigil> {
  const clock = overrides.clock ?? (() => new Date());
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const policy = new PolicyStore(config.policyFile, loadPolicy(config.policyFile), logger);
  const roles = loadRoles(config.rolesFile);

  const local = config.mode === 'local' ? loadOrCreateLocalSecrets(config.dataDir) : undefined;
  const botToken = local?.botToken ?? required(config.slack.botToken, 'SLACK_BOT_TOKEN');
  const signingSecret = local?.signingSecret ?? required(config.slack.signingSecret, 'SLACK_SIGNING_SECRET');
  const intakeToken = config.intakeToken ?? local?.intakeToken ?? required(undefined, 'VIGIL_INTAKE_TOKEN');
  const edlToken = config.edlToken ?? intakeToken;
  // The identity routes create and remove accounts: each has a token of its own, and is off without one.
  const idpToken = config.idpToken ?? local?.idpToken;
  const hrToken = config.hrToken ?? local?.hrToken;

  // The server listens first: in local mode the Slack emulator lives on it and must answer auth.test.
  let listener: RequestListener = (_req, res) =>
    sendJson(res, 503, { ok: false, code: 'starting', message: 'Vigil is starting; try again in a moment.' });
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/sandbox/stream')) connections.streaming(req.socket);
    listener(req, res);
  });
  // Open connections, so a stop answers the requests on them (even one whose headers are still arriving) before it
  // closes them; counted per connection, not per request, since every request passes here.
  const connections = new OpenConnections(server);
  server.keepAliveTimeout = 65_000;
  // A request (headers and body) has a minute, headers alone 20 s: Node's defaults (300 s, 60 s) let a slow
  // sender hold a connection for five minutes. An intake body is at most a few MiB on a local network.
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error, config.port, config.host)));
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the HTTP server has no TCP address');
  const port = address.port;
  const loopback = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${loopback.includes(':') ? `[${loopback}]` : loopback}:${port}`;

  const db = openDatabase(path.join(config.dataDir, 'vigil.db'));
  const checkpointer = SqliteSaver.fromConnString(path.join(config.dataDir, 'checkpoints.db'));
  const walCheckpoints = startWalCheckpointer([db.sqlite, checkpointer.db], {
    onError: (err) =>
      logger.warn({ err }, 'background WAL checkpoints stopped; SQLite checkpoints after commits again'),
  });
  const closeStores = async () => {
    await walCheckpoints.close();
    checkpointer.db.close();
    db.close();
  };

  let lab: Lab | undefined;
  try {
    let emulator: SlackEmulator | undefined;
    let slackApiUrl = config.slack.apiUrl;
    if (local) {
      emulator = createSlackEmulator({
        botToken: local.botToken,
        signingSecret: local.signingSecret,
        requestUrl: `${url}/slack/events`,
        intake: { url: `${url}/alerts`, token: intakeToken },
        escapedCommands: ids.escapedCommands,
      });
      slackApiUrl = `${url}/api/`;
      listener = createRouter({ routes: [], prefixHandler: sandboxHandler(emulator), logger });
    }

    // Vendor connectors from their variables; in local mode the lab stands in for identity vendors left unset.
    lab = config.lab ? await startLab() : undefined;
    const connectors = buildConnectors(config.connectors, lab?.vendors ?? [], {
      logger,
      now: clock,
      ...overrides.connectorDeps,
    });

    const clientOptions = {
      slackApiUrl,
      retryConfig: { retries: overrides.slackRetries ?? 2 },
      timeout: 10_000,
      fetch: webApiFetch,
      logger: boltLogger(logger),
    };
    const probe = new WebClient(botToken, clientOptions);
    const identity = await probe.auth.test().catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      // Only an answer from Slack (invalid_auth, token_revoked, account_inactive…) says the token is wrong.
      throw new ConfigError(
        slackErrorCode(error)
          ? `SLACK_BOT_TOKEN was not accepted by ${slackApiUrl} (${reason}): check the token and that the app is installed.`
          : `Slack's Web API at ${slackApiUrl} could not be reached (${reason}): check the network or proxy to Slack, or SLACK_API_URL.`,
      );
    });
    const { id: alertsChannelId, name: alertsChannelName } = await resolveChannel(
      probe,
      config.alertsChannel,
      identity.user ?? 'Vigil',
    );

    const receiver: Receiver & { requestListener?: RequestListener } =
      config.mode === 'socket'
        ? new SocketModeReceiver({
            appToken: required(config.slack.appToken, 'SLACK_APP_TOKEN'),
            logger: boltLogger(logger),
            // The connection is opened (apps.connections.open) on the same Web API as everything else
            // (GovSlack, a test double), and a start that fails says so instead of retrying for half an hour.
            installerOptions: { clientOptions },
          })
        : new HTTPReceiver({
            signingSecret,
            endpoints: '/slack/events',
            processBeforeResponse: false,
            logger: boltLogger(logger),
          });
    const app = new App({
      token: botToken,
      receiver,
      botId: identity.bot_id,
      botUserId: identity.user_id,
      clientOptions,
      // Vigil keeps no conversation state in Bolt: skipping its store makes every acknowledgement cheaper.
      convoStore: false,
      extendedErrorHandler: true,
      logger: boltLogger(logger),
    });
    const listenerWork = new ListenerWork();

    const audit = new AuditLog(db.sqlite, clock);
    // The head as found, before this process appends anything: compared with the last shutdown's line, it
    // shows whether the log changed while Vigil was stopped.
    const auditHeads = new AuditHeadAnchors({ audit, logger });
    auditHeads.anchor();
    const alerts = new AlertsRepository(db.orm, db.sqlite);
    const cases = new CasesRepository(db.orm, db.sqlite);
    const approvals = new ApprovalsRepository(db.orm);
    const actions = new ActionsRepository(db.orm);
    const slackEvents = new SlackEventsRepository(db.sqlite);
    const owedNotes = new OwedNotesRepository(db.sqlite);
    const retention = new Retention({
      sqlite: db.sqlite,
      checkpoints: checkpointer.db,
      deleteThread: (threadId) => checkpointer.deleteThread(threadId),
      slackEvents,
      owedNotes,
      clock,
      logger,
    });
    await retention.sweep();
    const edl = new EdlBlocklist(new BlocklistRepository(db.orm), clock);
    const directory = new SlackApproverDirectory(app.client);
    const notifier = new SlackNotifier({
      client: app.client,
      poster: new OncePoster({
        client: new WebClient(botToken, {
          ...clientOptions,
          retryConfig: { retries: 0 },
          rejectRateLimitedCalls: true,
        }),
        attempts: clientOptions.retryConfig.retries + 1,
      }),
      alertsChannelId,
      cases,
      alerts,
      approvals,
      directory,
      clock,
      logger,
    });

    const normalize = overrides.normalize ?? normalizeAlert;
    // Response actions go to the configured firewall (PAN-OS; otherwise the built-in EDL that firewalls
    // pull), EDR and identity provider.
    const triageWorkflowVersion = overrides.triageWorkflowVersion ?? TRIAGE_WORKFLOW_VERSION;
    const offboardingWorkflowVersion = overrides.offboardingWorkflowVersion ?? OFFBOARDING_WORKFLOW_VERSION;
    const responders: Responders = {
      firewall: overrides.firewall ?? connectors.firewall ?? edl,
      edr: connectors.edr,
      identityProvider: connectors.identityProvider,
    };
    // Each micro-agent's calls to the configured model, under a guard of its own (timeout, circuit breaker), so
    // neither agent's failures rest the other. The calls wait outside the case slots (the runner is built below;
    // they start only once it is).
    const modelFor = (schema: z.ZodType<Record<string, unknown>>, name: string) =>
      config.model
        ? guardedModel(
            openAiStructuredModel(
              {
                apiKey: config.model.apiKey,
                baseUrl: config.model.baseUrl,
                model: config.model.name,
                timeoutMs: config.model.timeoutMs,
              },
              schema,
              name,
            ),
            { aside: (work) => runner.aside(work), clock },
          )
        : undefined;
    const extractionModel = modelFor(ModelAnswerRequest, 'alert_indicators');
    const extraction = extractionModel
      ? new ModelExtractionAgent({ model: extractionModel, rules: () => policy.agentRules('extraction') })
      : undefined;
    // The same model writes closing cases' analyst notes.
    const timelineModel = modelFor(NotesRequest, 'analyst_notes');
    const timeline = timelineModel
      ? new ModelTimelineAgent({ model: timelineModel, rules: () => policy.agentRules('timeline') })
      : undefined;
    // One immediate transaction (the write lock taken first), for work that must be all or nothing.
    const transaction = <T>(work: () => T): T => db.sqlite.transaction(work).immediate();
    // Intake records each case's entities; triage adds what the model-backed extractor found.
    const caseEntities = new CaseEntitiesRepository(db.sqlite);
    // Graph steps carry their config without a LangSmith RunTree unless something traces them.
    installLightRunContext();
    const graph = compileTriageGraph(
      {
        clock,
        normalize,
        readPayload,
        extraction,
        timeline,
        workflowVersion: triageWorkflowVersion,
        alerts,
        cases,
        approvals,
        actions,
        tickets: new TicketsRepository(db.orm),
        correlation: new CaseEntityCorrelation(caseEntities),
        policy,
        enricher: new Enrichment({
          geoIp: connectors.geoIp,
          threatIntel: connectors.threatIntel,
          edr: connectors.edr,
          identityProvider: connectors.identityProvider,
          audit,
          clock,
        }),
        responders,
        ticketing: connectors.ticketing,
        audit,
        notifier,
      },
      checkpointer,
    );
    // Approved decisions waiting for policy.yml to be fixed, in either workflow (see heldForPolicy).
    const heldDecisions = new Set<string>();
    // Decided approvals go back to the workflow that asked for them; the services are built below (closures).
    const approvalWorkflows = routeApprovals(
      { version: triageWorkflowVersion, resume: (approval) => triage.resume(approval) },
      [
        {
          owns: OffboardingService.owns,
          version: offboardingWorkflowVersion,
          resume: (approval) => offboarding.resume(approval),
        },
      ],
    );
    // The runner reports a crashed job to the triage service, which needs the runner: tied by a closure.
    const runner: CaseRunner = new CaseRunner(logger, (caseId, error): Promise<void> =>
      triage.failCase(caseId, error),
    );
    // Who may read cases (the read views, App Home) and, among them, who may retry a failed triage run.
    const readers = new ReadAccess({
      client: app.client,
      alertsChannelId,
      alertsChannelName,
      directory,
      policy,
      audit,
    });
    const triage: TriageService = new TriageService({
      graph,
      runner,
      cases,
      alerts,
      approvals,
      notifier,
      errors: new SlackWorkflowErrorNotifier({ base: notifier, client: app.client, cases, logger }),
      mayRetry: (userId) => readers.isApprover(userId),
      audit,
      clock,
      logger,
      workflowVersion: triageWorkflowVersion,
      policyHash: () => policy.current().hash,
      held: heldDecisions,
      // Containment needs the approvals this service resumes: tied by a closure, like the runner.
      settleCutOff: (caseId, accountedFor) => containment.settleCutOff(caseId, accountedFor),
      workflows: approvalWorkflows,
    });
    const updates = new CaseUpdates(
      notifier,
      runner,
      overrides.caseUpdateIntervalMs ?? 3000,
      Date.now,
      owedNotes,
    );
    const intake = new IntakeService({
      alerts,
      cases,
      entities: caseEntities,
      audit,
      triage,
      updates,
      owed: owedNotes,
      normalize,
      transaction,
      clock,
      dedupeWindowSeconds: config.dedupeWindowSeconds,
      ipInternal: () => {
        const rules = policy.validationRules();
        return (ip) => rules.ipInternal(ip);
      },
    });
    runner.yieldTo(intake);
    const offboardingNotifier = new SlackOffboardingNotifier({
      base: notifier,
      client: app.client,
      cases,
      logger,
    });
    const people = new SlackPersonDirectory(app.client);
    const ownAccount = new OwnAccountCheck(people);
    const offboarding: OffboardingService = new OffboardingService({
      workflowVersion: offboardingWorkflowVersion,
      policyHash: () => policy.current().hash,
      held: heldDecisions,
      graph: compileOffboardingGraph(
        {
          clock,
          workflowVersion: offboardingWorkflowVersion,
          cases,
          approvals,
          actions,
          policy,
          audit,
          notifier: offboardingNotifier,
          people,
          connectors,
        },
        checkpointer,
      ),
      runner,
      cases,
      approvals,
      actions,
      people,
      directory,
      policy,
      notifier: offboardingNotifier,
      audit,
      transaction,
      clock,
    });
    const onboardingNotifier = new SlackOnboardingNotifier({
      base: notifier,
      client: app.client,
      cases,
      logger,
    });
    const onboarding = new OnboardingService({
      graph: compileOnboardingGraph(
        { clock, cases, actions, roles, audit, notifier: onboardingNotifier, connectors },
        checkpointer,
      ),
      runner,
      cases,
      actions,
      roles,
      directory,
      notifier: onboardingNotifier,
      audit,
      identityProvider: connectors.identityProvider,
      transaction,
      clock,
    });
    // Okta Event Hook events: recorded when delivered, their people read and onboarded in the background.
    const idpEvents = new IdpEventQueue({
      events: new IdpEventsRepository(db.orm),
      onboarding,
      requestedBy: IDP_WEBHOOK_ACTOR,
      logger,
      clock,
      retryDelayMs: overrides.idpEventRetryMs,
    });
    const decisions = new ApprovalService({
      approvals,
      workflows: approvalWorkflows,
      directory,
      policy,
      audit,
      notifier,
      ownAccount,
      clock,
    });
    const containment = new Containment({
      actions,
      approvals,
      responders,
      directory,
      ownAccount,
      policy,
      audit,
      notifier,
      clock,
      logger,
    });
    const expiry = new ApprovalExpiry({
      approvals,
      directory,
      audit,
      notifier,
      workflows: approvalWorkflows,
      triage,
      resync: async () => {
        updates.resendOwed();
        await notifier.resync();
      },
      clock,
      logger,
    });

    const metrics = new MetricsService(db.sqlite, clock);
    const slackDeps = {
      metrics,
      containment,
      offboarding,
      onboarding,
      triage,
      intake,
      decisions,
      directory,
      alerts,
      cases,
      approvals,
      actions,
      audit,
      policy,
      slackEvents,
      alertsChannelId,
      readers,
      links: messageLinks(identity.url),
      clock,
    };
    app.use(listenerWork.middleware());
    app.use(dedupeEvents(slackEvents, clock));
    registerCommands(app, slackDeps);
    registerActions(app, slackDeps);
    registerViews(app, slackDeps);
    registerEvents(app, slackDeps);
    registerErrorHandler(app, logger);

    // Where the catch-up of the alerts channel starts, read before Slack can deliver anything: a live message taken
    // in while start-up is still under way would otherwise move it past the messages posted while Vigil was down.
    const catchUpFrom = slackEvents.lastMessageTs(alertsChannelId);
    listener = createRouter({
      routes: [
        {
          method: 'POST',
          path: '/alerts',
          handler: makeAlertsRoute({
            intake,
            intakeToken,
            hmacSecret: config.intakeHmacSecret,
            hmacTimestamp: config.intakeHmacTimestamp,
            now: () => clock().getTime(),
            bodyLimit: config.intakeMaxBytes,
            logger,
          }),
        },
        { method: 'GET', path: '/edl/ip-blocklist.txt', handler: makeEdlRoute({ edl, edlToken }) },
        {
          method: 'POST',
          path: '/hr/offboard',
          handler: makeHrOffboardRoute({ offboarding, hrToken, logger }),
        },
        {
          method: 'POST',
          path: '/idp/user-created',
          handler: makeIdpUserCreatedRoute({ onboarding, idpEvents, idpToken, logger }),
        },
        {
          method: 'GET',
          path: '/idp/user-created',
          handler: makeIdpVerificationRoute({ onboarding, idpEvents, idpToken, logger }),
        },
        {
          method: 'GET',
          path: '/metrics',
          handler: makeMetricsRoute({
            registry: metrics.registry(),
            token: config.metricsToken ?? intakeToken,
          }),
        },
        {
          method: 'GET',
          path: '/healthz',
          handler: (_req, res) => sendJson(res, 200, { ok: true, mode: config.mode }),
        },
      ],
      ...(emulator ? { prefixHandler: sandboxHandler(emulator) } : {}),
      ...(receiver instanceof HTTPReceiver
        ? {
            slack: {
              path: '/slack/events',
              listener: refusingFutureSlackRequests(receiver.requestListener, logger),
            },
          }
        : {}),
      logger,
    });
    if (config.mode === 'socket') {
      // Asked once first: the Socket Mode client retries a refused token (or an unreachable Slack) forever.
      const appToken = required(config.slack.appToken, 'SLACK_APP_TOKEN');
      await new WebClient(appToken, clientOptions).apps.connections.open().catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        throw new ConfigError(
          slackErrorCode(error)
            ? `SLACK_APP_TOKEN could not open a Socket Mode connection at ${slackApiUrl} (${reason}): check the app-level token (xapp-…, connections:write) and that Socket Mode is on for the app.`
            : `Slack's Web API at ${slackApiUrl} could not be reached to open a Socket Mode connection (${reason}): check the network or proxy to Slack, or SLACK_API_URL.`,
        );
      });
      await app.start();
    }

    await triage.reconcile();
    // Thread notes intake owed existing cases when Vigil stopped (a repeat after resolution, a raised severity,
    // linked alerts): told with each case's next update.
    const owedResent = updates.resendOwed();
    if (owedResent > 0) logger.info({ notes: owedResent }, 'thread notes owed before the restart queued');
    const offboardingsContinued = await offboarding.reconcile();
    if (offboardingsContinued > 0) {
      logger.info({ continued: offboardingsContinued }, 'offboarding runs continued after restart');
    }
    await onboarding.reconcile();
    idpEvents.kick(); // events recorded before a restart and not yet settled
    await expiry.reconcile();
    await expiry.sweep();
    expiry.start(overrides.approvalSweepMs ?? 15_000);
    await containment.sweep();
    containment.start(overrides.containmentSweepMs ?? 30_000);
    retention.start(3_600_000);
    auditHeads.start(AUDIT_HEAD_INTERVAL_MS);
    // Alerts posted in the channel while Vigil was down: read from its history, in the background. Started
    // last, so no later step of the start-up can fail (and close the stores) while it files.
    const caughtUp = catchUpAlertChannel(
      slackDeps,
      { client: app.client, botId: identity.bot_id, logger: boltLogger(logger) },
      catchUpFrom,
    )
      .then((taken) => {
        if (taken > 0) logger.info({ taken }, 'alerts-channel messages taken in from history after restart');
      })
      .catch((error: unknown) =>
        logger.warn({ err: error }, 'reading the alerts channel history after restart failed'),
      );

    let stopped = false;
    return {
      config,
      url,
      mode: config.mode,
      intakeToken,
      edlToken,
      idpToken,
      hrToken,
      sandboxBotToken: local?.botToken,
      intake,
      connectors,
      lab,
      emulator,
      db,
      audit,
      policy,
      roles,
      alertsChannelId,
      drain: async () => {
        await listenerWork.drain();
        await idpEvents.drain();
        await runner.drain();
        audit.flush();
      },
      sweepApprovals: () => expiry.sweep(),
      sweepContainment: () => containment.sweep(),
      async stop() {
        if (stopped) return;
        stopped = true;
        // Finish what is in flight first: in local mode Slack itself (the sandbox) lives on this server.
        await caughtUp;
        expiry.stop();
        containment.stop();
        retention.stop();
        auditHeads.stop();
        updates.flushAll();
        await listenerWork.drain();
        await idpEvents.stop();
        await runner.drain();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // A request still arriving or being worked on (an alert sent as the stop began) is answered first, for
          // at most STOP_GRACE_MS; the sandbox page's event streams are closed at once.
          void connections.drain(STOP_GRACE_MS).then(() => server.closeAllConnections());
        });
        if (config.mode === 'socket') await app.stop();
        await listenerWork.drain();
        await runner.drain();
        await emulator?.close();
        await lab?.close();
        audit.flush();
        auditHeads.anchor();
        try {
          await closeStores();
        } finally {
          lock.release();
        }
        logger.flush?.();
      },
    };
  } catch (error) {
    server.close();
    await lab?.close();
    await closeStores();
    throw error;
  }
}

/** How long a stop waits for requests that were arriving or being worked on when it began. */
const STOP_GRACE_MS = 10_000;

/** The server's open connections, and which carry the sandbox page's event streams (they never end). */
class OpenConnections {
  private readonly open = new Set<Socket>();
  private readonly streams = new WeakSet<Socket>();

  constructor(private readonly server: http.Server) {
    server.on('connection', (socket) => {
      this.open.add(socket);
      socket.once('close', () => this.open.delete(socket));
    });
  }

  streaming(socket: Socket): void {
    this.streams.add(socket);
  }

  /**
   * Closes connections as they fall idle (a request on them answered; one whose headers or body are still
   * arriving is not idle), until only event streams are left or `ms` have passed.
   */
  async drain(ms: number): Promise<void> {
    const until = Date.now() + ms;
    for (;;) {
      this.server.closeIdleConnections();
      if ([...this.open].every((socket) => this.streams.has(socket)) || Date.now() >= until) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

const sandboxHandler = (emulator: SlackEmulator) => (req: http.IncomingMessage, res: http.ServerResponse) =>
  emulator.handle(req, res);

/** Creates the data directory, or says in one line why it cannot be used (a file there, no permission). */
function makeDataDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(
      `VIGIL_DATA_DIR is ${dir}, which cannot be used as a directory (${code}): set it to a writable directory such as ./data.`,
    );
  }
}

/** A listen failure in one line: the port taken, or not allowed, names PORT (or VIGIL_HOST) and the fix. */
function listenError(error: Error, port: number, host: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return new ConfigError(
      `PORT ${port} is already in use on ${host}: stop what holds it, or set PORT to another port (0 picks a free one).`,
    );
  if (code === 'EACCES')
    return new ConfigError(
      `PORT ${port} needs privileges this process does not have on ${host}: set PORT to 1024 or above.`,
    );
  if (code === 'EADDRNOTAVAIL')
    return new ConfigError(`VIGIL_HOST ${host} is not an address of this machine: set it to one that is.`);
  return error;
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new ConfigError(`${name} is missing: see the configuration table in the README.`);
  return value;
}

/**
 * The alerts channel's id: an id as given, a name looked up among the channels the bot can see (public ones,
 * and private ones it is in). Either way the bot must be a member, since it posts and listens there: start-up
 * stops with what to do otherwise.
 */
async function resolveChannel(
  client: WebClient,
  nameOrId: string,
  botName: string,
): Promise<{ id: string; name: string }> {
  const invite = `create the channel (public or private), then /invite @${botName} in it`;
  const id = /^[CG][A-Z0-9]{6,}$/.test(nameOrId) ? nameOrId : await channelIdByName(client, nameOrId);
  if (!id)
    throw new ConfigError(
      `VIGIL_ALERTS_CHANNEL is "${nameOrId}", which the bot cannot see (a private channel is visible to it only once it is a member): ${invite}, or set the channel id (C…).`,
    );
  const info = await client.conversations.info({ channel: id }).catch((error: unknown) => {
    if (slackErrorCode(error) === 'channel_not_found') return undefined;
    throw error;
  });
  if (!info?.channel)
    throw new ConfigError(
      `VIGIL_ALERTS_CHANNEL is ${id}, which is no channel the bot can see (a private channel is visible to it only once it is a member): check the id, or ${invite}.`,
    );
  if (!info.channel.is_member)
    throw new ConfigError(
      `VIGIL_ALERTS_CHANNEL is #${info.channel.name ?? id}, which the app is not in: /invite @${botName} in it (Vigil posts case messages and takes alerts there).`,
    );
  return { id, name: info.channel.name ?? id };
}

async function channelIdByName(client: WebClient, name: string): Promise<string | undefined> {
  let cursor: string | undefined;
  do {
    const page = await client.conversations.list({
      limit: 200,
      exclude_archived: true,
      types: 'public_channel,private_channel',
      ...(cursor ? { cursor } : {}),
    });
    const match = (page.channels ?? []).find((c) => c.name === name);
    if (match?.id) return match.id;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return undefined;
}

/**
 * Builds the enabled vendor connectors and picks one per capability. Lab vendors fill in only for vendors
 * the variables leave unset, and are named `<vendor> (lab)` in everything they report.
 */
function buildConnectors(values: EnvValues, labVendors: LabVendor[], deps: ConnectorDeps): ActiveConnectors {
  const configured = (name: string) => VENDORS.find((v) => v.name === name)?.isEnabled(values) ?? false;
  const inLab = labVendors.filter((vendor) => !configured(vendor.connector));
  const merged: Record<string, string | undefined> = { ...values };
  for (const vendor of inLab) Object.assign(merged, vendor.env);
  let enabled: Connectors;
  try {
    enabled = connectorsFromEnv(merged, deps);
  } catch (error) {
    if (error instanceof ConnectorConfigError) {
      const named = error.message.startsWith(error.variable) ? '' : `${error.variable}: `;
      throw new ConfigError(`${named}${error.message}`);
    }
    throw error;
  }
  const labNames = new Set(inLab.map((vendor) => vendor.connector));
  return activeConnectors(
    enabled,
    new Set(VENDORS.filter((v) => v.embedded).map((v) => v.name)),
    (connector) => (labNames.has(connector.name) ? renamed(connector, labName(connector.name)) : connector),
  );
}
