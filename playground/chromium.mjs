// Headless Debian Chromium for the Playground's UI, offline: the browser context and the page.
import { chromium } from 'playwright-core';
import fs from 'fs';
import os from 'os';
import path from 'path';

export async function openPlayground({ height = 900 } = {}) {
  const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height },
    colorScheme: 'light',
  });
  // The UI asks a CDN for fonts and icons; offline that only costs time, so refuse at once.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
  const page = context.pages()[0] || (await context.newPage());
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { page, close };
}
