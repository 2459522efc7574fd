// Helpers for the browser tests: screenshots as artefacts, amounts read from the page.
import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = `${SCREENSHOTS}/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** "1,234.5 LIN" → plancks (12 decimals), parsed independently of the app's own code. */
export function plancks(text: string): bigint {
  const m = /(-?[0-9][0-9,]*)(?:\.([0-9]+))?\s*LIN/.exec(text);
  if (!m) throw new Error(`no LIN amount in "${text}"`);
  const whole = BigInt(m[1]!.replace(/,/g, ''));
  const fraction = BigInt((m[2] ?? '').padEnd(12, '0'));
  return whole * 10n ** 12n + fraction;
}

export const DOCS = fileURLToPath(new URL('../../docs', import.meta.url));

/**
 * With LINEAGE_WEB_DOCS=1, also writes the screenshot the README shows to web/docs/NAME.png: the
 * viewport (1280×900), scrolled to `focus`.
 */
export async function docShot(page: Page, name: string, focus?: Locator): Promise<void> {
  if (process.env.LINEAGE_WEB_DOCS !== '1') return;
  mkdirSync(DOCS, { recursive: true });
  if (focus) await focus.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  else await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${DOCS}/${name}.png` });
}

export async function amountIn(locator: Locator): Promise<bigint> {
  return plancks(await locator.innerText());
}

/** Chooses an account in the selector at the top. */
export async function useAccount(page: Page, name: string): Promise<void> {
  await page.getByLabel('Account', { exact: true }).selectOption({ label: `${name} (dev account)` });
  await pageReady(page);
}

/** Waits until the page shown is drawn (the app marks <main> busy while it draws one). */
export async function pageReady(page: Page): Promise<void> {
  await expect(page.locator('main')).not.toHaveAttribute('aria-busy', 'true');
}

/** Every form control on the page without an accessible name (should be none). */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.locator('input:not([type=hidden]), select, textarea').evaluateAll((els) =>
    els
      .filter((el) => {
        const e = el as HTMLInputElement;
        if (e.closest('[hidden]')) return false;
        return !(e.labels && e.labels.length > 0) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby');
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}
