// The list of transactions of this session with the progress of each: signing, in the pool, in a
// block, finalised, or the error. Announced politely to screen readers.
import type { TxReporter, TxStage } from '../chain/tx';
import { h } from './dom';

const STAGE_LABEL: Record<TxStage, string> = {
  signing: 'Signing',
  pool: 'Sent',
  inBlock: 'In block',
  finalized: 'Finalised',
  failed: 'Failed',
};

const STEPS: TxStage[] = ['signing', 'pool', 'inBlock', 'finalized'];

export class TxPanel {
  readonly root: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly empty: HTMLElement;

  constructor() {
    this.list = h('ol', { class: 'tx-list', 'aria-live': 'polite' });
    this.empty = h('p', { class: 'muted' }, 'No transactions yet.');
    this.root = h('section', { class: 'tx-panel', 'aria-labelledby': 'tx-title' }, h('h2', { id: 'tx-title' }, 'Transactions'), this.empty, this.list);
  }

  /** A new line for a transaction; its reporter updates it. */
  add(label: string): TxReporter {
    this.empty.hidden = true;
    const stage = h('span', { class: 'tx-stage' }, 'Waiting');
    const detail = h('span', { class: 'tx-detail' });
    const progress = h('progress', { max: STEPS.length - 1, value: 0, 'aria-label': `Progress of ${label}` });
    const item = h('li', { class: 'tx', 'data-stage': 'signing' }, h('span', { class: 'tx-label' }, label), ' ', stage, progress, detail);
    this.list.prepend(item);
    while (this.list.children.length > 30) this.list.lastElementChild?.remove();
    return {
      update(next, text) {
        item.dataset.stage = next;
        stage.textContent = STAGE_LABEL[next];
        detail.textContent = text;
        if (next === 'failed') {
          progress.remove();
          item.setAttribute('role', 'alert');
        } else {
          progress.value = Math.max(progress.value, STEPS.indexOf(next));
        }
      },
    };
  }
}
