// Clerk's answer cards in the Agents Playground's UI, in headless Chromium: send each message
// given in MESSAGES (a JSON list of [name, message]), screenshot the card that answers it as
// OUT/<name>.png, and print one JSON line {name: card text}. Exit code 0 only if all answered.
//   PG_URL=http://127.0.0.1:56150/ OUT=test-output/playground MESSAGES='[["next","next meeting"]]'
//   node playground/browser-cards.mjs
import fs from 'fs';
import path from 'path';
import { openPlayground } from './browser-session.mjs';

const URL = process.env.PG_URL || 'http://127.0.0.1:56150/';
const OUT = process.env.OUT || 'test-output/playground';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const MESSAGES = JSON.parse(process.env.MESSAGES || '[]');
fs.mkdirSync(OUT, { recursive: true });
const log = (m) => console.error(`[browser-cards] ${m}`);
const { page, start, ask, close } = await openPlayground(
  { url: URL, chromiumPath: CHROMIUM, height: 2400, log });
const seen = {};

try {
  await start();
  for (const [name, message] of MESSAGES) {
    const card = await ask(message);
    await page.waitForTimeout(500);
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
  await close();
}
