// A few DOM helpers: elements from tag, attributes and children; labelled form fields with an
// error message next to them.

export type Child = Node | string | number | bigint | null | undefined | false | Child[];
type Handler = (event: Event) => void;
export type Attrs = Record<string, string | number | boolean | null | undefined | Handler>;

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child) append(parent, c);
  } else if (child instanceof Node) {
    parent.appendChild(child);
  } else {
    parent.appendChild(document.createTextNode(String(child)));
  }
}

function setAttrs(el: Element, attrs: Attrs | null | undefined): void {
  if (!attrs) return;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      el.addEventListener(key.replace(/^on/, '').toLowerCase(), value);
    } else if (key === 'value' && 'value' in el) {
      (el as HTMLInputElement).value = String(value);
    } else if (key === 'checked' && 'checked' in el) {
      (el as HTMLInputElement).checked = Boolean(value);
    } else {
      el.setAttribute(key === 'className' ? 'class' : key, value === true ? '' : String(value));
    }
  }
}

/** An HTML element. Attributes `onclick` etc. take functions. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element. */
export function s(tag: string, attrs?: Attrs | null, ...children: Child[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag) as SVGElement;
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export function replace(el: Element, ...children: Child[]): void {
  clear(el);
  append(el, children);
}

let nextId = 0;
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface Field<C extends Control> {
  root: HTMLElement;
  control: C;
  setError(message: string | null): void;
}

/** A labelled control with an optional hint and a place for its error message, tied by aria attributes. */
export function field<C extends Control>(label: string, control: C, hint?: Child): Field<C> {
  if (!control.id) control.id = uid('f');
  const errorId = `${control.id}-error`;
  const hintId = `${control.id}-hint`;
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const describedBy = [hint ? hintId : null, errorId].filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', describedBy);
  const root = h(
    'div',
    { class: 'field' },
    h('label', { for: control.id }, label),
    control,
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    error,
  );
  return {
    root,
    control,
    setError(message) {
      if (message) {
        error.textContent = message;
        error.hidden = false;
        control.setAttribute('aria-invalid', 'true');
      } else {
        error.textContent = '';
        error.hidden = true;
        control.removeAttribute('aria-invalid');
      }
    },
  };
}

export function input(attrs: Attrs = {}): HTMLInputElement {
  return h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs });
}

export function select(options: { value: string; label: string }[], attrs: Attrs = {}): HTMLSelectElement {
  return h('select', attrs, options.map((o) => h('option', { value: o.value }, o.label)));
}

/** A message box: `error`s are announced at once, `info` politely. */
export function notice(kind: 'error' | 'info' | 'success' | 'warning', ...children: Child[]): HTMLElement {
  return h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, children);
}

/** A table that scrolls sideways on narrow screens, reachable with the keyboard. */
export function table(caption: string, headers: string[], rows: Child[][], attrs: Attrs = {}): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: 0 },
    h(
      'table',
      attrs,
      h('caption', null, caption),
      h('thead', null, h('tr', null, headers.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, rows.map((cells) => h('tr', null, cells.map((c) => h('td', null, c))))),
    ),
  );
}

/** A button that runs `action`, disabled while it runs. */
export function button(label: Child, action: () => unknown | Promise<unknown>, attrs: Attrs = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', () => {
    if (b.disabled) return;
    b.disabled = true;
    b.setAttribute('aria-busy', 'true');
    Promise.resolve()
      .then(action)
      .catch(() => undefined)
      .finally(() => {
        b.disabled = false;
        b.removeAttribute('aria-busy');
      });
  });
  return b;
}

/** A definition list of label → value pairs. */
export function facts(pairs: [string, Child][]): HTMLElement {
  return h('dl', { class: 'facts' }, pairs.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}
