// Regenerates docs/sandbox.png, the README's picture of the sandbox page: a few sample cases, one of them
// with its thread open on the approval card. Run `npx tsx test/browser/docs-screenshot.ts` (needs
// /usr/bin/chromium; install fonts-noto-color-emoji first for colour emoji).
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startLocalVigil } from '../fakes/local-vigil.js';

const OUT = path.resolve('docs/sandbox.png');

async function main(): Promise<void> {
  const t = await startLocalVigil();
  t.emulator.setIntake({ url: `${t.vigil.url}/alerts`, token: t.vigil.intakeToken });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(`${t.vigil.url}/?as=bob`);
    await page.locator('body[data-ready="true"]').waitFor();
    for (const [label, caseKey] of [
      ['Endpoint malware (CrowdStrike)', 'VIG-1'],
      ['Network indicator (Suricata)', 'VIG-2'],
    ] as const) {
      await page.getByRole('button', { name: 'Send sample alert' }).click();
      await page.getByRole('menuitem', { name: label }).click();
      await page
        .getByRole('article')
        .filter({ hasText: `${caseKey} · ` })
        .waitFor();
    }
    const root = page.locator('#channel-messages').getByRole('article').filter({ hasText: 'VIG-2 · ' });
    await root.getByRole('button', { name: /\d+ repl(y|ies)/ }).click();
    const thread = page.getByRole('complementary', { name: 'Thread' });
    await thread
      .getByRole('article')
      .filter({ hasText: 'Approval needed' })
      .getByRole('button', { name: 'Approve' })
      .waitFor();
    await page.locator('.toast').evaluateAll((toasts) => toasts.forEach((el) => el.remove()));
    await page.mouse.move(1, 890);
    await page.screenshot({ path: OUT });
    process.stdout.write(`wrote ${OUT}\n`);
  } finally {
    await browser.close();
    await t.stop();
  }
}

await main();
