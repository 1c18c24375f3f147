// Clerk in the Agents Playground's UI, in headless Chromium (Debian chromium + playwright-core):
// type "my actions" as Jade Hodgson, screenshot the card, click its first "Mark complete" (and,
// for a shared action, "Close for everyone" with a note), screenshot the refreshed card.
// Exit code 0 only if every step passed.
//   PG_URL=http://127.0.0.1:56150/ OUT=test-output/playground node playground/browser-test.mjs
// Prints one JSON line {before, after, closed} (card texts and the closed action's number).
import fs from 'fs';
import path from 'path';
import { openPlayground } from './browser-session.mjs';

const URL = process.env.PG_URL || 'http://127.0.0.1:56150/';
const OUT = process.env.OUT || 'test-output/playground';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
fs.mkdirSync(OUT, { recursive: true });
const log = (m) => console.error(`[browser-test] ${m}`);
const { page, cards, start, ask, close } = await openPlayground(
  { url: URL, chromiumPath: CHROMIUM, log });

try {
  await start();
  const card = await ask('my actions');
  await card.getByText('Your open actions').waitFor({ timeout: 15000 });
  await card.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  const before = await card.innerText();
  await card.screenshot({ path: path.join(OUT, 'my-actions-before.png') });
  await page.screenshot({ path: path.join(OUT, 'my-actions-before-page.png') });
  const closed = Number((before.match(/(\d+)\.\s/) || [])[1]);
  await card.getByRole('button', { name: 'Mark complete' }).first().click();
  // A shared action asks first, with an optional note; one owner's closes at once.
  const confirm = card.getByRole('button', { name: 'Close for everyone' });
  if (await confirm.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false)) {
    await card.getByPlaceholder('Note (optional)').fill('closed from the playground');
    await page.screenshot({ path: path.join(OUT, 'my-actions-confirm-page.png') });
    await confirm.click();
  }
  await card.getByText('Closed action').waitFor({ timeout: 15000 }); // the card swapped in place
  await page.waitForTimeout(300);
  const after = await cards.last().innerText();
  await cards.last().screenshot({ path: path.join(OUT, 'my-actions-after.png') });
  await page.screenshot({ path: path.join(OUT, 'my-actions-after-page.png') });
  console.log(JSON.stringify({ before, after, closed }));
} catch (error) {
  process.exitCode = 1;
  log('FAILED: ' + error.message.split('\n')[0]);
  await page.screenshot({ path: path.join(OUT, 'failure.png') }).catch(() => {});
} finally {
  await close();
}
