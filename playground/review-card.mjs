// The review card of uploaded minutes in the Agents Playground's UI (headless Chromium):
// open the UI, print READY (the test then sends the file), wait for the card, screenshot it.
//   PG_URL=http://127.0.0.1:56150/ OUT=test-output/playground node playground/review-card.mjs
// Prints READY, then one JSON line {text} (the card's text). Exit code 0 only if it came.
import fs from 'fs';
import path from 'path';
import { openPlayground } from './browser-session.mjs';

const URL = process.env.PG_URL || 'http://127.0.0.1:56150/';
const OUT = process.env.OUT || 'test-output/playground';
fs.mkdirSync(OUT, { recursive: true });
const log = (m) => console.error(`[review-card] ${m}`);

const session = await openPlayground({
  url: URL, chromiumPath: process.env.CHROMIUM || '/usr/bin/chromium', height: 2400, log,
});
const { page } = session;

try {
  await page.goto(URL, { waitUntil: 'load' });
  await session.composer.waitFor({ state: 'visible', timeout: 30000 });
  console.log('READY');
  const card = page.locator('.ac-adaptiveCard', { hasText: 'Review the minutes' }).last();
  await card.waitFor({ timeout: 60000 });
  await card.scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  const text = await card.innerText();
  await card.screenshot({ path: path.join(OUT, 'review-card.png') });
  console.log(JSON.stringify({ text }));
} catch (error) {
  process.exitCode = 1;
  log('FAILED: ' + error.message.split('\n')[0]);
  await page.screenshot({ path: path.join(OUT, 'review-card-failure.png') }).catch(() => {});
} finally {
  await session.close();
}
