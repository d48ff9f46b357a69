// app_home_opened: publishes the viewer's Home tab from the store; to someone who may not read cases (not in the
// alerts channel nor an approver), only the sentence that says so.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { caseKey } from '../../../../db/repositories/cases.js';
import type { Approvers } from '../../../../graphs/triage/contracts.js';
import { buildHomeRefusal, buildHomeView } from '../../blocks/home-view.js';
import { statsLines } from '../../blocks/stats.js';
import type { SlackDeps } from '../../deps.js';

export function makeAppHomeOpened(deps: SlackDeps) {
  return async ({
    event,
    client,
    logger,
  }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    if (!(await deps.readers.mayRead(event.user))) {
      await client.views.publish({ user_id: event.user, view: buildHomeRefusal(deps.readers.refusal()) });
      return;
    }
    // One membership lookup per approver group (Slack's usergroups methods allow about 20 calls a minute), not one
    // per approval; a lookup that fails shows its approvals as waiting for others rather than no Home at all.
    const lookups = new Map<string, Promise<boolean>>();
    const isApprover = (approvers: Approvers): Promise<boolean> => {
      const key = JSON.stringify(approvers);
      let lookup = lookups.get(key);
      if (!lookup) {
        lookup = deps.directory.isApprover(event.user, approvers).catch((error: unknown) => {
          logger.warn(
            `App Home: could not look up approver group membership (${error instanceof Error ? error.message : String(error)})`,
          );
          return false;
        });
        lookups.set(key, lookup);
      }
      return lookup;
    };
    const approvals = await Promise.all(
      deps.approvals.listPending().map(async (a) => {
        const root = deps.cases.get(a.caseId);
        return {
          caseKey: caseKey(a.caseId),
          action: a.action,
          target: a.target,
          requestedAt: a.requestedAt,
          expiresAt: a.expiresAt,
          quorum: a.quorum,
          approvals: deps.approvals.approvers(a.id).length,
          // The click's own rules (requester, subject, own account, approver group), never audited here.
          canDecide: await deps.decisions.mayDecide(a, event.user, isApprover).catch((error: unknown) => {
            logger.warn(
              `App Home: could not tell whether the viewer may decide ${a.id} (${error instanceof Error ? error.message : String(error)})`,
            );
            return false;
          }),
          caseLink: deps.links(root?.channelId, root?.rootTs),
          cardLink: deps.links(a.channelId, a.cardTs, root?.rootTs),
        };
      }),
    );
    const cases = deps.cases.listOpen(20).map((c) => ({
      key: caseKey(c.id),
      title: c.title,
      severity: c.severity,
      status: c.status,
      link: deps.links(c.channelId, c.rootTs),
    }));
    const stats = statsLines(deps.metrics.current());
    await client.views.publish({
      user_id: event.user,
      view: buildHomeView({ approvals, cases, openCases: deps.cases.countOpen(), stats, now: deps.clock() }),
    });
  };
}
