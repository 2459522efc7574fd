// The application: its context (chain, accounts, the selected account, the payout event log, the
// transaction panel), the page shell (header, navigation, main) and the router.
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { type Account, accountLabel, devAccounts, walletAccounts } from './chain/accounts';
import type { Chain } from './chain/connection';
import { EventLog } from './chain/events';
import { sendTx, type TxOutcome } from './chain/tx';
import { formatAmount, formatAmountShort, parseAmount, type Parsed } from './lib/amounts';
import { button, clear, field, h, notice, replace, type Child } from './ui/dom';
import { TxPanel } from './ui/txpanel';

export interface Ctx {
  chain: Chain;
  accounts: Account[];
  account: Account | null;
  /** Known names of addresses (dev accounts, wallet accounts). */
  names: Map<string, string>;
  events: EventLog;
  tx: TxPanel;
  /** Full precision, e.g. `12.5 LIN`. */
  fmt(plancks: bigint): string;
  /** At most 4 decimals. */
  fmtShort(plancks: bigint): string;
  parseAmount(text: string): Parsed<bigint>;
  /** Runs `fn` on every new best block while the page is shown (at most once per second). */
  onBlock(fn: (block: number) => void): void;
  /** Runs `fn` when the page is left. */
  onLeave(fn: () => void): void;
  /** Signs and sends `tx` as the selected account; shows the outcome in `out`. Null on failure. */
  submit(label: string, tx: SubmittableExtrinsic<'promise'>, out: HTMLElement): Promise<TxOutcome | null>;
  navigate(hash: string): void;
  /** Renders the current page again. */
  refresh(): void;
  /** The block the page was drawn at. */
  bestBlock: number;
}

export type Page = (ctx: Ctx, main: HTMLElement, params: string[]) => Promise<void>;

export interface Route {
  pattern: RegExp;
  title: string;
  nav?: string;
  page: () => Promise<Page>;
}

const ACCOUNT_KEY = 'lineage.account';

export class App {
  private readonly main: HTMLElement;
  private readonly accountSlot: HTMLElement;
  private readonly statusSlot: HTMLElement;
  private readonly banner: HTMLElement;
  private readonly nav: HTMLElement;
  private leave: (() => void)[] = [];
  private blockFns: ((n: number) => void)[] = [];
  private renderToken = 0;
  private balanceUnsub: (() => void) | null = null;
  readonly ctx: Ctx;

  constructor(
    readonly chain: Chain,
    private readonly routes: Route[],
    shell: { main: HTMLElement; account: HTMLElement; status: HTMLElement; banner: HTMLElement; nav: HTMLElement; txSlot: HTMLElement },
  ) {
    this.main = shell.main;
    this.accountSlot = shell.account;
    this.statusSlot = shell.status;
    this.banner = shell.banner;
    this.nav = shell.nav;
    const tx = new TxPanel();
    replace(shell.txSlot, tx.root);
    const { decimals, symbol } = chain;
    const app = this;
    this.ctx = {
      chain,
      accounts: [],
      account: null,
      names: new Map(),
      events: new EventLog(chain, 300),
      tx,
      bestBlock: 0,
      fmt: (p) => formatAmount(p, decimals, symbol),
      fmtShort: (p) => formatAmountShort(p, decimals, symbol),
      parseAmount: (t) => parseAmount(t, decimals, symbol),
      onBlock: (fn) => this.blockFns.push(fn),
      onLeave: (fn) => this.leave.push(fn),
      navigate: (hash) => {
        if (location.hash === hash) app.route();
        else location.hash = hash;
      },
      refresh: () => app.route(false),
      submit: (label, call, out) => app.submit(label, call, out),
    };
  }

  async start(): Promise<void> {
    const { chain } = this;
    if (chain.isDev) {
      const dev = await devAccounts(chain.ss58);
      this.ctx.accounts.push(...dev);
    }
    for (const a of this.ctx.accounts) this.ctx.names.set(a.address, a.name);
    const saved = localStorage.getItem(ACCOUNT_KEY);
    this.ctx.account = this.ctx.accounts.find((a) => a.address === saved) ?? null;
    this.renderAccounts();
    this.watchConnection();
    let last = 0;
    await chain.api.rpc.chain.subscribeNewHeads((header) => {
      const n = header.number.toNumber();
      this.ctx.bestBlock = n;
      this.renderStatus(n);
      const now = Date.now();
      if (now - last < 1000) return;
      last = now;
      for (const fn of this.blockFns) {
        try {
          fn(n);
        } catch (error) {
          console.error(error);
        }
      }
    });
    window.addEventListener('hashchange', () => this.route());
    // The first page keeps the browser's focus (at the start of the document); later ones move it to their heading.
    this.route(false);
  }

  private renderStatus(block: number): void {
    const { chain } = this;
    replace(
      this.statusSlot,
      h('span', { class: 'dot ok', 'aria-hidden': 'true' }),
      ` ${chain.name} (${chain.chainType}) · block `,
      h('span', { 'data-testid': 'best-block' }, `#${block}`),
      ` · ${chain.symbol}, ${chain.decimals} decimals`,
    );
  }

  private watchConnection(): void {
    const { provider, url } = this.chain;
    provider.on('disconnected', () => {
      replace(
        this.banner,
        notice('error', h('strong', null, 'Connection lost. '), `The node at ${url} stopped answering; reconnecting every few seconds. What is shown may be out of date.`),
      );
      replace(this.statusSlot, h('span', { class: 'dot bad', 'aria-hidden': 'true' }), ` Disconnected from ${url}`);
    });
    provider.on('connected', () => {
      if (this.banner.firstChild) {
        replace(this.banner, notice('success', `Reconnected to ${url}.`));
        setTimeout(() => clear(this.banner), 4000);
        this.route(false);
      }
    });
  }

  /** The account selector, the balance and the wallet button. */
  renderAccounts(): void {
    const { ctx } = this;
    const options = [h('option', { value: '' }, ctx.accounts.length ? 'Choose an account' : 'No accounts yet')];
    const groups = new Map<string, Account[]>();
    for (const a of ctx.accounts) {
      const key = a.kind === 'dev' ? 'Development accounts' : `Wallet: ${a.source}`;
      groups.set(key, [...(groups.get(key) ?? []), a]);
    }
    const sel = h('select', { id: 'account-select' }, options, [...groups].map(([label, list]) => h('optgroup', { label }, list.map((a) => h('option', { value: a.address }, accountLabel(a))))));
    sel.value = ctx.account?.address ?? '';
    sel.addEventListener('change', () => {
      ctx.account = ctx.accounts.find((a) => a.address === sel.value) ?? null;
      if (ctx.account) localStorage.setItem(ACCOUNT_KEY, ctx.account.address);
      this.subscribeBalance();
      this.route(false);
    });
    const walletMsg = h('span', { class: 'wallet-msg', role: 'status' });
    const connectWallet = button('Connect browser wallet', async () => {
      walletMsg.textContent = 'Asking the browser wallets…';
      try {
        const { accounts, wallets } = await walletAccounts(this.chain.ss58);
        if (wallets.length === 0) {
          walletMsg.textContent = 'No browser wallet found: install or unlock the polkadot.js extension, Talisman or SubWallet, and allow this site.';
          return;
        }
        const known = new Set(ctx.accounts.map((a) => a.address));
        for (const a of accounts) {
          if (known.has(a.address)) continue;
          ctx.accounts.push(a);
          ctx.names.set(a.address, a.name);
        }
        walletMsg.textContent = `${accounts.length} account${accounts.length === 1 ? '' : 's'} from ${wallets.join(', ')}.`;
        this.renderAccounts();
      } catch (error) {
        walletMsg.textContent = `The wallet did not answer: ${(error as Error).message}`;
      }
    });
    const balance = h('span', { class: 'balance', id: 'header-balance', 'aria-live': 'polite' });
    replace(this.accountSlot, h('div', { class: 'account-row' }, h('label', { for: 'account-select' }, 'Account'), sel, balance), h('div', { class: 'account-row' }, connectWallet, walletMsg));
    this.subscribeBalance();
  }

  private subscribeBalance(): void {
    this.balanceUnsub?.();
    this.balanceUnsub = null;
    const el = document.getElementById('header-balance');
    const account = this.ctx.account;
    if (!el) return;
    if (!account) {
      el.textContent = '';
      return;
    }
    const query = this.chain.api.query.system!.account!;
    query(account.address, (info: unknown) => {
      const data = (info as { data: { free: { toBigInt(): bigint }; reserved: { toBigInt(): bigint } } }).data;
      el.textContent = `Balance ${this.ctx.fmtShort(data.free.toBigInt())}`;
      el.title = `free ${this.ctx.fmt(data.free.toBigInt())}, held ${this.ctx.fmt(data.reserved.toBigInt())}`;
    })
      .then((unsub: unknown) => {
        this.balanceUnsub = unsub as () => void;
      })
      .catch(() => undefined);
  }

  private async submit(label: string, call: SubmittableExtrinsic<'promise'>, out: HTMLElement): Promise<TxOutcome | null> {
    const account = this.ctx.account;
    if (!account) {
      replace(out, notice('error', 'Choose an account first (at the top of the page).'));
      return null;
    }
    replace(out, notice('info', `${label}: signing…`));
    try {
      const outcome = await sendTx(this.chain, account, call, this.ctx.tx.add(label));
      replace(out, notice('success', `${label}: done in block #${outcome.blockNumber} (fee ${this.ctx.fmt(outcome.fee)}).`));
      return outcome;
    } catch (error) {
      replace(out, notice('error', `${label} failed: ${(error as Error).message}`));
      return null;
    }
  }

  /** Shows the page of the current location. */
  route(focus = true): void {
    for (const fn of this.leave) fn();
    this.leave = [];
    this.blockFns = [];
    const path = location.hash.replace(/^#/, '') || '/datasets';
    const token = ++this.renderToken;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      document.title = `${route.title} · Lineage`;
      for (const link of this.nav.querySelectorAll('a')) {
        if (link.getAttribute('href') === `#${route.nav ?? path}`) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
      const container = h('div', { class: 'page' }, h('p', { class: 'muted', role: 'status' }, 'Loading…'));
      replace(this.main, container);
      // Busy until the page is drawn (assistive technology, and tests, wait for it).
      this.main.setAttribute('aria-busy', 'true');
      route
        .page()
        .then(async (page) => {
          const fresh = h('div', { class: 'page' });
          await page(this.ctx, fresh, m.slice(1));
          if (token !== this.renderToken) return;
          replace(this.main, fresh);
          this.main.removeAttribute('aria-busy');
          if (focus) fresh.querySelector('h1')?.focus({ preventScroll: false });
        })
        .catch((error: unknown) => {
          if (token !== this.renderToken) return;
          replace(this.main, h('div', { class: 'page' }, h('h1', { tabindex: -1 }, route.title), pageError(error)));
          this.main.removeAttribute('aria-busy');
        });
      return;
    }
    this.main.removeAttribute('aria-busy');
    replace(this.main, h('div', { class: 'page' }, h('h1', { tabindex: -1 }, 'Not found'), h('p', null, 'There is no page here. ', h('a', { href: '#/datasets' }, 'Go to the datasets'), '.')));
  }
}

/** An error while drawing a page, as a message (never a blank page). */
export function pageError(error: unknown): HTMLElement {
  const message = error instanceof Error ? error.message : String(error);
  return notice('error', h('strong', null, 'Could not load this page. '), message.startsWith('-32') ? `The node refused the request: ${message}` : message);
}

/** A page heading that receives focus when the page opens. */
export function heading(text: Child): HTMLElement {
  return h('h1', { tabindex: -1 }, text);
}

/** Shown instead of a form when no account is chosen. */
export function needAccount(what: string): HTMLElement {
  return notice('info', `Choose an account at the top of the page to ${what}.`);
}

/** A field for an amount in the chain's unit, checked as it is typed. */
export function amountField(ctx: Ctx, label: string, attrs: Record<string, string> = {}, hint?: Child) {
  const f = field(label, h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', ...attrs }), hint ?? `In ${ctx.chain.symbol}, e.g. 1.5`);
  return {
    ...f,
    /** The amount, or null after showing what is wrong next to the field. */
    read(): bigint | null {
      const parsed = ctx.parseAmount(f.control.value);
      if (!parsed.ok) {
        f.setError(parsed.error);
        return null;
      }
      f.setError(null);
      return parsed.value;
    },
  };
}
