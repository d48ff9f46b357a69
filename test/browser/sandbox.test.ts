// The sandbox page in a real browser (Debian's chromium driven by playwright-core) against a real Vigil in
// local mode: a sample alert becomes a case with an approval card; the viewer is refused, an analyst
// approves behind a confirm dialog, and every open page updates live. Screenshots go to test-results/.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLocalVigil, type LocalVigil } from '../fakes/local-vigil.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.resolve('test-results/screenshots');
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) {
  throw new Error(
    `${CHROMIUM} is missing: .ci/run must install Debian's chromium (apt-get install -y chromium).`,
  );
}

let browser: Browser | undefined;
let t: LocalVigil | undefined;

beforeAll(async () => {
  if (!haveChromium) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  await t?.stop();
  t = undefined;
});

/** A running Vigil in local mode whose emulator forwards the page's alerts to Vigil's intake. */
async function startVigil(): Promise<LocalVigil> {
  t = await startLocalVigil();
  t.emulator.setIntake({ url: `${t.vigil.url}/alerts`, token: t.vigil.intakeToken });
  return t;
}

/** Script errors and console errors (a CSP violation is one) each page logged. */
const pageProblems = new WeakMap<Page, string[]>();

async function openPage(vigil: LocalVigil, query: string): Promise<Page> {
  if (!browser) throw new Error('no browser');
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const problems: string[] = [];
  pageProblems.set(page, problems);
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(`${vigil.vigil.url}/?${query}`);
  await page.locator('body[data-ready="true"]').waitFor();
  return page;
}

async function closePage(page: Page): Promise<void> {
  await page.close();
  expect(pageProblems.get(page), 'errors the page logged').toEqual([]);
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

const channelPane = (page: Page) => page.locator('#channel-messages');
const threadPane = (page: Page) => page.getByRole('complementary', { name: 'Thread' });

async function sendSample(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: 'Send sample alert' }).click();
  await page.getByRole('menuitem', { name: label }).click();
}

/** Opens the thread of a case by its "N replies" link; answers the approval card's ts and its locator. */
async function openCaseThread(page: Page, caseKey: string): Promise<{ ts: string; card: Locator }> {
  const root = channelPane(page)
    .getByRole('article')
    .filter({ hasText: `${caseKey} · ` });
  await root.getByRole('button', { name: /\d+ repl(y|ies)/ }).click();
  const pending = threadPane(page).getByRole('article').filter({ hasText: 'Approval needed' });
  await pending.getByRole('button', { name: 'Approve' }).waitFor();
  const ts = await pending.getAttribute('data-ts');
  if (!ts) throw new Error('the approval card has no data-ts');
  return { ts, card: messageAt(threadPane(page), ts) };
}

/** A message by its ts: the same locator keeps matching as the page re-renders it after edits. */
const messageAt = (pane: Locator, ts: string): Locator => pane.locator(`article[data-ts="${ts}"]`);

async function actAs(page: Page, name: string): Promise<void> {
  await page.getByLabel('Act as').selectOption(name);
  await page
    .locator('#me')
    .filter({ hasText: new RegExp(`You are ${name}`, 'i') })
    .waitFor();
}

async function approveWithConfirm(page: Page, card: Locator): Promise<void> {
  await card.getByRole('button', { name: 'Approve' }).click();
  const dialog = page.getByRole('dialog', { name: 'Approve this action?' });
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('the sandbox page in a browser', () => {
  it('takes a sample alert to an approval card that refuses the viewer and locks when an analyst approves', async (ctx) => {
    ctx.skip(!haveChromium, `${CHROMIUM} is not installed (apt-get install -y chromium); CI must have it`);
    const vigil = await startVigil();
    const { workspace } = vigil.emulator;
    const page = await openPage(vigil, 'as=alice');

    await sendSample(page, 'Network indicator (Suricata)');
    const root = channelPane(page).getByRole('article').filter({ hasText: 'VIG-1 · ' });
    await expect.poll(() => root.textContent()).toContain('203.0.113.7');
    const { ts, card } = await openCaseThread(page, 'VIG-1');
    await expect(card.textContent()).resolves.toContain('Block IP 203.0.113.7');
    await shot(page, '01-case-and-approval-card');

    // Victor is in no approver group: the click is delivered and Vigil refuses it, to him alone.
    await actAs(page, 'victor');
    await approveWithConfirm(page, card);
    const refusal = threadPane(page)
      .getByRole('article')
      .filter({ hasText: 'Only visible to you' })
      .filter({ hasText: 'Only members of @soc-responders may decide this' });
    await refusal.waitFor();
    await expect(card.getByRole('button', { name: 'Approve' }).count()).resolves.toBe(1);
    await shot(page, '02-viewer-refused');

    // A second page, Alice's, stays open: it must see the decision without reloading.
    const sameThread = new URL(page.url()).searchParams;
    sameThread.set('as', 'alice');
    const watcher = await openPage(vigil, sameThread.toString());
    const watchedCard = messageAt(threadPane(watcher), ts);
    await watchedCard.getByRole('button', { name: 'Approve' }).waitFor();

    // Cancel in the confirm dialog delivers nothing; confirming delivers exactly one click.
    await actAs(page, 'bob');
    const clicksBefore = workspace.deliveries().filter((d) => d.kind === 'block_actions').length;
    await card.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve this action?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await approveWithConfirm(page, card);

    const locked = card.filter({ hasText: 'Approved by @bob' });
    await locked.waitFor();
    await expect(locked.getByRole('button', { name: 'Approve' }).count()).resolves.toBe(0);
    const notes = threadPane(page).getByRole('article');
    await notes
      .filter({ hasText: 'Action' })
      .filter({ hasText: 'Blocked 203.0.113.7 on edl:ip-blocklist' })
      .first()
      .waitFor();
    await notes.filter({ hasText: 'Summary' }).waitFor();
    await expect.poll(() => root.textContent()).toContain('Resolved');
    expect(workspace.deliveries().filter((d) => d.kind === 'block_actions').length).toBe(clicksBefore + 1);
    await shot(page, '03-approved-by-analyst');

    await watchedCard.filter({ hasText: 'Approved by @bob' }).waitFor();
    await shot(watcher, '04-live-update-on-another-page');

    // As in Slack, an app's slash command cannot be used in a thread: nothing is delivered.
    const commandsBefore = workspace.deliveries().filter((d) => d.kind === 'slash_command').length;
    const reply = page.getByRole('textbox', { name: 'Reply' });
    await reply.fill('/vigil help');
    await reply.press('Enter');
    await page
      .locator('#toasts .toast.error')
      .filter({ hasText: '/vigil is not supported in threads' })
      .waitFor();
    await expect(reply.inputValue()).resolves.toBe('/vigil help');
    expect(workspace.deliveries().filter((d) => d.kind === 'slash_command').length).toBe(commandsBefore);
    await vigil.vigil.drain();
    expect(await vigil.edl()).toBe('203.0.113.7\n');
    await closePage(watcher);
    await closePage(page);
  });

  it('stays readable in a narrow window: an open thread takes the channel’s place instead of squeezing it', async (ctx) => {
    ctx.skip(!haveChromium, `${CHROMIUM} is not installed (apt-get install -y chromium); CI must have it`);
    const vigil = await startVigil();
    const page = await openPage(vigil, 'as=alice');
    await page.setViewportSize({ width: 760, height: 800 });
    await sendSample(page, 'Network indicator (Suricata)');
    const { card } = await openCaseThread(page, 'VIG-1');
    const thread = await threadPane(page).boundingBox();
    expect(thread?.width).toBeGreaterThan(500);
    const approve = await card.getByRole('button', { name: 'Approve' }).boundingBox();
    expect((approve?.x ?? -1) >= 0 && (approve?.x ?? 0) + (approve?.width ?? 0) <= 760).toBe(true);
    await shot(page, '08-narrow-window-thread');

    await page.getByRole('button', { name: 'Close thread' }).click();
    const messages = await channelPane(page).boundingBox();
    expect(messages?.width).toBeGreaterThan(500);
    await closePage(page);
  });

  it("denies through the reason modal, showing the app's input error inline until a reason is given", async (ctx) => {
    ctx.skip(!haveChromium, `${CHROMIUM} is not installed (apt-get install -y chromium); CI must have it`);
    const vigil = await startVigil();
    const page = await openPage(vigil, 'as=carol');

    await sendSample(page, 'Suspicious login (Okta)');
    const { card } = await openCaseThread(page, 'VIG-1');
    await card.getByRole('button', { name: 'Deny' }).click();
    const modal = page.getByRole('dialog', { name: 'Deny action' });
    const reason = modal.getByLabel('Reason');
    // Blank after trimming: the browser lets it through, Vigil answers response_action: errors.
    await reason.fill('   ');
    await modal.getByRole('button', { name: 'Deny' }).click();
    await modal.getByRole('alert').filter({ hasText: 'Say why you deny it' }).waitFor();
    await shot(page, '05-deny-modal-error');

    await reason.fill('Known egress address of our penetration testers');
    await modal.getByRole('button', { name: 'Deny' }).click();
    await modal.waitFor({ state: 'hidden' });
    const denied = card.filter({ hasText: 'Denied by @carol' });
    await denied.waitFor();
    await expect(denied.textContent()).resolves.toContain('penetration testers');
    await shot(page, '06-denied-with-reason');
    await vigil.vigil.drain();
    expect(await vigil.edl()).toBe('');
    await closePage(page);
  });

  it('runs slash commands from the message box, shows App Home, and sends a pasted payload', async (ctx) => {
    ctx.skip(!haveChromium, `${CHROMIUM} is not installed (apt-get install -y chromium); CI must have it`);
    const vigil = await startVigil();
    const page = await openPage(vigil, 'as=alice');

    const box = page.getByRole('textbox', { name: 'Message #vigil-alerts' });
    await box.fill('/vigil help');
    await box.press('Enter');
    await channelPane(page)
      .getByRole('article')
      .filter({ hasText: 'Only visible to you' })
      .filter({ hasText: 'Vigil commands' })
      .waitFor();

    await page.getByRole('button', { name: 'Send sample alert' }).click();
    await page.getByRole('menuitem', { name: /Paste a payload/ }).click();
    const paste = page.getByRole('dialog', { name: 'Send any payload' });
    await paste
      .getByLabel('Payload')
      .fill(JSON.stringify({ title: 'Pasted <b>by hand</b>', severity: 'low', source_ip: '192.0.2.44' }));
    await paste.getByRole('button', { name: 'Send to Vigil' }).click();
    await paste.waitFor({ state: 'hidden' });
    const pasted = channelPane(page).getByRole('article').filter({ hasText: 'VIG-1 · ' });
    await expect.poll(() => pasted.textContent()).toContain('Pasted <b>by hand</b>');
    await expect(pasted.locator('b').count()).resolves.toBe(0);

    // NDJSON with a line Vigil cannot read: the good line opens a case, the bad one is named as stored unparsed.
    await page.getByRole('button', { name: 'Send sample alert' }).click();
    await page.getByRole('menuitem', { name: /Paste a payload/ }).click();
    await paste
      .getByLabel('Payload')
      .fill(`${JSON.stringify({ title: 'Good line', source_ip: '192.0.2.45' })}\nthis line is {{{ garbage`);
    await paste.getByLabel('Content type').selectOption('application/x-ndjson');
    await paste.getByRole('button', { name: 'Send to Vigil' }).click();
    await paste.waitFor({ state: 'hidden' });
    await page
      .locator('#toasts .toast.error')
      .filter({
        hasText:
          /VIG-2\. 1 could not be read and was stored as unparsed \(alr_\w+; \/vigil unparsed lists them\)/,
      })
      .waitFor();

    await page.getByRole('navigation').getByRole('button', { name: 'Vigil', exact: true }).click();
    await page.getByRole('tabpanel', { name: 'Home' }).getByText('Waiting for you').waitFor();
    await shot(page, '07-app-home');
    await closePage(page);
  });

  it('takes an approver from App Home to the approval card by its link, as Slack’s permalinks do', async (ctx) => {
    ctx.skip(!haveChromium, `${CHROMIUM} is not installed (apt-get install -y chromium); CI must have it`);
    const vigil = await startVigil();
    const page = await openPage(vigil, 'as=alice');
    await sendSample(page, 'Network indicator (Suricata)');
    const { ts } = await openCaseThread(page, 'VIG-1');
    await page.getByRole('button', { name: 'Close thread' }).click();

    await page.getByRole('navigation').getByRole('button', { name: 'Vigil', exact: true }).click();
    const home = page.getByRole('tabpanel', { name: 'Home' });
    await home.getByRole('link', { name: 'open the card' }).click();
    const card = messageAt(threadPane(page), ts);
    await card.getByRole('button', { name: 'Approve' }).waitFor();
    await expect(card.textContent()).resolves.toContain('Block IP 203.0.113.7');
    expect(new URL(page.url()).searchParams.get('tab')).toBeNull();

    // The case key goes to the case's message, whose thread holds the card.
    await page.getByRole('navigation').getByRole('button', { name: 'Vigil', exact: true }).click();
    await home.getByRole('link', { name: 'VIG-1' }).first().click();
    await messageAt(threadPane(page), ts).waitFor();
    await closePage(page);
  });
});
