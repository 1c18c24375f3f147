// Clerk's answer cards in the Agents Playground's UI, in headless Chromium: send each message
// given in MESSAGES (a JSON list of [name, message]), screenshot the card that answers it as
// OUT/<name>.png, and print one JSON line {name: card text}. Exit code 0 only if all answered.
//   PG_URL=http://127.0.0.1:56150/ OUT=test-output/playground MESSAGES='[["next","next meeting"]]'
//   node playground/browser-cards.mjs
import { chromium } from 'playwright-core';
import fs from 'fs';
import os from 'os';
import path from 'path';

const URL = process.env.PG_URL || 'http://127.0.0.1:56150/';
const OUT = process.env.OUT || 'test-output/playground';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const MESSAGES = JSON.parse(process.env.MESSAGES || '[]');
fs.mkdirSync(OUT, { recursive: true });
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-chromium-'));
const log = (m) => console.error(`[browser-cards] ${m}`);

const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 1400 },
  colorScheme: 'light',
});
await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
const page = context.pages()[0] || (await context.newPage());
const composer = page.locator('[role="textbox"][data-lexical-editor="true"]').first();
const cards = page.locator('.ac-adaptiveCard');
const seen = {};

try {
  await page.goto(URL, { waitUntil: 'load' });
  await composer.waitFor({ state: 'visible', timeout: 30000 });
  await page.getByText("I'm Clerk").first().waitFor({ timeout: 15000 })
    .catch(() => log('no welcome card'));
  for (const [name, message] of MESSAGES) {
    const already = await cards.count();
    await composer.click();
    await page.keyboard.type(message);
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('.ac-adaptiveCard').length > n,
      already, { timeout: 15000 });
    await page.waitForTimeout(500);
    const card = cards.last();
    await card.scrollIntoViewIfNeeded();
    seen[name] = await card.innerText();
    await card.screenshot({ path: path.join(OUT, `${name}.png`) });
  }
  console.log(JSON.stringify(seen));
} catch (error) {
  process.exitCode = 1;
  log('FAILED: ' + error.message.split('\n')[0]);
  await page.screenshot({ path: path.join(OUT, 'cards-failure.png') }).catch(() => {});
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
