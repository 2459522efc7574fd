// Entry point: the page shell, the node URL (?rpc=ws://…, or the field at the top), the connection
// and the pages. A failed connection shows why, never a blank page.
import './style.css';
import { App, type Route } from './app';
import { checkNodeUrl, connect, ConnectionError } from './chain/connection';
import { field, h, notice, replace } from './ui/dom';

const DEFAULT_URL = 'ws://127.0.0.1:9944';
const URL_KEY = 'lineage.rpc';

const routes: Route[] = [
  { pattern: /^\/datasets$/, title: 'Datasets', nav: '/datasets', page: async () => (await import('./pages/datasets')).datasetsPage },
  { pattern: /^\/datasets\/(\d+)$/, title: 'Dataset', nav: '/datasets', page: async () => (await import('./pages/dataset')).datasetPage },
  { pattern: /^\/contribute(?:\/(\d+))?$/, title: 'Contribute', nav: '/contribute', page: async () => (await import('./pages/contribute')).contributePage },
  { pattern: /^\/my-data$/, title: 'My data', nav: '/my-data', page: async () => (await import('./pages/mydata')).myDataPage },
  { pattern: /^\/models$/, title: 'Models', nav: '/models', page: async () => (await import('./pages/models')).modelsPage },
  { pattern: /^\/models\/(\d+)$/, title: 'Model', nav: '/models', page: async () => (await import('./pages/model')).modelPage },
  { pattern: /^\/earnings$/, title: 'Earnings', nav: '/earnings', page: async () => (await import('./pages/earnings')).earningsPage },
  { pattern: /^\/consumers$/, title: 'Consumers', nav: '/consumers', page: async () => (await import('./pages/consumers')).consumersPage },
];

const NAV: [string, string][] = [
  ['/datasets', 'Datasets'],
  ['/contribute', 'Contribute'],
  ['/my-data', 'My data'],
  ['/models', 'Models'],
  ['/earnings', 'Earnings'],
  ['/consumers', 'Consumers'],
];

/** The node URL: ?rpc=…, else the last one used, else the local default. */
function nodeUrl(): string {
  const fromQuery = new URLSearchParams(location.search).get('rpc');
  if (fromQuery) return fromQuery;
  return localStorage.getItem(URL_KEY) ?? DEFAULT_URL;
}

/** Opens the app on another node: the URL goes into ?rpc= (so it can be bookmarked or shared). */
function useNode(url: string): void {
  const search = new URLSearchParams(location.search);
  search.set('rpc', url.trim());
  location.search = search.toString();
}

function urlForm(current: string): HTMLElement {
  const f = field('Node URL', h('input', { type: 'url', id: 'node-url', value: current, autocomplete: 'url', spellcheck: 'false', placeholder: DEFAULT_URL }));
  const form = h('form', { class: 'url-form', novalidate: true }, f.root, h('button', { type: 'submit' }, 'Connect'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const problem = checkNodeUrl(f.control.value);
    f.setError(problem);
    if (problem) {
      f.control.focus();
      return;
    }
    useNode(f.control.value);
  });
  return form;
}

async function boot(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const url = nodeUrl();
  const status = h('p', { class: 'chain-status', role: 'status' }, `Connecting to ${url}…`);
  const account = h('div', { class: 'account-slot' });
  const nav = h('nav', { 'aria-label': 'Main' }, h('ul', null, NAV.map(([path, label]) => h('li', null, h('a', { href: `#${path}` }, label)))));
  const banner = h('div', { class: 'banner' });
  const main = h('main', { id: 'main', tabindex: -1, 'aria-busy': 'true' });
  const txSlot = h('div', { class: 'tx-slot' });
  replace(
    root,
    h('a', { class: 'skip', href: '#main', onclick: (e: Event) => { e.preventDefault(); main.focus(); } }, 'Skip to content'),
    h('header', null, h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '◆'), ' Lineage'), urlForm(url), status, account),
    nav,
    banner,
    h('div', { class: 'layout' }, main, txSlot),
  );

  try {
    const chain = await connect(url);
    localStorage.setItem(URL_KEY, chain.url);
    const app = new App(chain, routes, { main, account, status, banner, nav, txSlot });
    await app.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const title = error instanceof ConnectionError && error.kind === 'not-lineage' ? 'Not a Lineage node' : 'Cannot connect to the node';
    replace(status, h('span', { class: 'dot bad', 'aria-hidden': 'true' }), ` Not connected`);
    nav.hidden = true;
    main.removeAttribute('aria-busy');
    replace(
      main,
      h(
        'div',
        { class: 'page' },
        h('h1', { tabindex: -1 }, title),
        notice('error', message),
        h('p', null, 'Check the URL in the field at the top and connect again, or start a development node with ', h('code', null, './scripts/run-dev.sh'), ' and open the URL it prints.'),
      ),
    );
    main.querySelector('h1')?.focus();
  }
}

window.addEventListener('unhandledrejection', (event) => {
  console.error('unhandled', event.reason);
});

boot().catch((error: unknown) => {
  const root = document.getElementById('app');
  if (root) replace(root, notice('error', `The app failed to start: ${(error as Error).message}`));
});
