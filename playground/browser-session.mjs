// The Agents Playground's UI in headless Debian Chromium (playwright-core), shared by the
// browser tests: open the page, wait for the composer and Clerk's welcome, and close cleanly.
import { chromium } from 'playwright-core';
import fs from 'fs';
import os from 'os';
import path from 'path';

export async function openPlayground({ url, chromiumPath, height = 900, log }) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height },
    colorScheme: 'light',
  });
  // The UI asks a CDN for fonts and icons; offline that only costs time, so refuse at once.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
  const page = context.pages()[0] || (await context.newPage());
  const session = {
    page,
    composer: page.locator('[role="textbox"][data-lexical-editor="true"]').first(),
    cards: page.locator('.ac-adaptiveCard'),
    async start() {
      await page.goto(url, { waitUntil: 'load' });
      await session.composer.waitFor({ state: 'visible', timeout: 30000 });
      await page.getByText("I'm Clerk").first().waitFor({ timeout: 15000 })
        .catch(() => log('no welcome card'));
    },
    // Type a message and wait for the card that answers it.
    async ask(message) {
      const already = await session.cards.count();
      await session.composer.click();
      await page.keyboard.type(message);
      await page.keyboard.press('Enter');
      await page.waitForFunction((n) => document.querySelectorAll('.ac-adaptiveCard').length > n,
        already, { timeout: 15000 });
      return session.cards.last();
    },
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
  return session;
}
