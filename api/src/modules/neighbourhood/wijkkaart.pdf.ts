import { access, constants } from 'node:fs/promises';

/** Why no PDF could be made: Chromium is off (`CHROMIUM_PATH=off`) or not installed at its path. */
export class PdfUnavailable extends Error {}

/** One PDF at a time per process: a Chromium is heavy, and the wijkkaart is printed now and then. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * The wijkkaart's HTML as an A4 PDF, printed by Debian's Chromium (docs/dependencies.md: its
 * print CSS is the page's, so the PDF and the printed page are the same). playwright-core is
 * loaded only here, and only when a PDF is asked for; it never downloads a browser. The page
 * runs no script and loads nothing: JavaScript is off and every request is refused.
 */
export async function wijkkaartPdf(page: string, chromiumPath: string | null, timeoutMs = 30_000): Promise<Buffer> {
  if (chromiumPath === null) throw new PdfUnavailable('PDF-export staat uit (CHROMIUM_PATH=off).');
  try {
    await access(chromiumPath, constants.X_OK);
  } catch {
    throw new PdfUnavailable(`Chromium is niet geïnstalleerd op ${chromiumPath}.`);
  }
  const run = queue.then(() => print(page, chromiumPath, timeoutMs));
  queue = run.catch(() => undefined);
  return run;
}

async function print(page: string, chromiumPath: string, timeoutMs: number): Promise<Buffer> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    timeout: timeoutMs,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route('**/*', (route) => route.abort());
    const tab = await context.newPage();
    await tab.setContent(page, { waitUntil: 'load', timeout: timeoutMs });
    return await tab.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true, outline: true });
  } finally {
    await browser.close();
  }
}
