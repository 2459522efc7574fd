// Consumers: authorise a model (funds held for it, a cap per inference, the operators accepted) or
// revoke it; see what is held and what was spent; sign vouchers for requests, as the JSON
// `lineage voucher sign` prints, for the operator's `lineage infer`.
import { signatureVerify } from '@polkadot/util-crypto';
import { type Ctx, amountField, heading, needAccount } from '../app';
import { signBytes } from '../chain/accounts';
import { formatAmount } from '../lib/amounts';
import type { Model } from '../chain/rpc';
import { multiSignature, requestHash, signedVoucherJson, type SignedVoucherJson, voucherPayload, vouchersToJson, wrappedVoucherPayload } from '../lib/voucher';
import { button, facts, field, h, notice, replace, select } from '../ui/dom';
import { accountEl } from '../ui/format';
import { accountSuggestions, readAddress } from './dataset';
import { allModelIds } from './models';

const MODEL_KEY = 'lineage.consumer.model';

export async function consumersPage(ctx: Ctx, main: HTMLElement): Promise<void> {
  const account = ctx.account;
  const intro = h('p', { class: 'lead' }, 'A consumer authorises a model to charge it, up to a total and a fee per inference, and signs a voucher for each request; an operator can charge only what a voucher allows.');
  if (!account) {
    replace(main, heading('Consumers'), intro, needAccount('authorise models and sign vouchers'));
    return;
  }
  const ids = await allModelIds(ctx);
  const models = (await Promise.all(ids.map((id) => ctx.chain.rpc.model(id)))).filter((m): m is Model => m !== null);
  if (models.length === 0) {
    replace(main, heading('Consumers'), intro, notice('info', 'There is no model to authorise yet. ', h('a', { href: '#/models' }, 'Models'), '.'));
    return;
  }
  const modelField = field('Model', select(models.map((m) => ({ value: String(m.id), label: `#${m.id} ${m.name} (${ctx.fmt(BigInt(m.feePerInference))} per inference, ${m.status.toLowerCase()})` })), { id: 'consumer-model' }));
  const saved = sessionStorage.getItem(MODEL_KEY);
  if (saved && models.some((m) => String(m.id) === saved)) modelField.control.value = saved;
  const model = () => models.find((m) => String(m.id) === modelField.control.value)!;
  const status = h('div', { 'aria-live': 'polite' });
  const authOut = h('div', { class: 'result' });
  const retention = Number(ctx.chain.api.consts.inference!.retentionPeriod!.toString());
  const depositText = ctx.fmt(BigInt(ctx.chain.api.consts.inference!.authorizationDeposit!.toString()));

  let shown = '';
  const drawStatus = async (onlyIfChanged = false) => {
    const m = model();
    const auth = await ctx.chain.rpc.authorization(account.address, m.id);
    // Redrawn on new blocks only when something changed (so focus stays where it is).
    const key = `${m.id}:${JSON.stringify(auth)}`;
    if (onlyIfChanged && key === shown) return;
    shown = key;
    replace(
      status,
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'auth-title', 'data-testid': 'authorization' },
        h('h2', { id: 'auth-title' }, `Your authorisation of model #${m.id}`),
        auth
          ? [
              facts([
                ['Held, still chargeable', h('span', { 'data-testid': 'auth-remaining' }, ctx.fmt(BigInt(auth.remaining)))],
                ['Spent', h('span', { 'data-testid': 'auth-spent' }, ctx.fmt(BigInt(auth.spent)))],
                ['Most per inference', ctx.fmt(BigInt(auth.maxFeePerInference))],
                ['Deposit', ctx.fmt(BigInt(auth.deposit))],
                ['Accepted operators', h('span', null, auth.operators.map((o, i) => [i ? ', ' : '', accountEl(o, ctx.names, account.address)]))],
              ]),
              button('Revoke', async () => {
                if (await ctx.submit(`Revoke model #${m.id}`, ctx.chain.api.tx.inference!.revoke!(m.id), authOut)) await drawStatus();
              }, { class: 'danger' }),
            ]
          : h('p', { class: 'muted' }, 'Not authorised: its operators cannot charge you.'),
      ),
    );
  };

  // Authorise.
  const maxTotal = amountField(ctx, 'Most in total', { id: 'auth-max-total', value: '10' }, `Held from your balance for this model (plus a ${depositText} deposit); what is left comes back when you revoke.`);
  const maxFee = amountField(ctx, 'Most per inference', { id: 'auth-max-fee' });
  const operatorsChoice = field('Charged by', select([{ value: 'default', label: 'The model’s owner and operators of now' }, { value: 'list', label: 'Only the accounts listed below' }], { id: 'auth-operators-choice' }));
  const operators = field('Accepted operators', h('textarea', { id: 'auth-operators', rows: 2, spellcheck: 'false' }), 'One SS58 address per line.');
  operators.root.hidden = true;
  operatorsChoice.control.addEventListener('change', () => (operators.root.hidden = operatorsChoice.control.value !== 'list'));
  const authForm = h('form', { class: 'card form', novalidate: true, 'aria-labelledby': 'authorize-title' }, h('h2', { id: 'authorize-title' }, 'Authorise'), maxTotal.root, maxFee.root, operatorsChoice.root, operators.root, accountSuggestions(ctx, 'known-accounts'), h('button', { type: 'submit' }, 'Authorise'), authOut);
  authForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const total = maxTotal.read();
    const fee = maxFee.read();
    let accepted: string[] | null = null;
    if (operatorsChoice.control.value === 'list') {
      accepted = [];
      for (const line of operators.control.value.split('\n').map((l) => l.trim()).filter(Boolean)) {
        const parsed = readAddress(line, ctx.chain.ss58);
        if ('error' in parsed) {
          operators.setError(parsed.error);
          accepted = null;
          break;
        }
        accepted.push(parsed.address);
      }
      if (accepted && accepted.length === 0) operators.setError('Name at least one operator, or choose the model’s.');
      else if (accepted) operators.setError(null);
      if (!accepted || accepted.length === 0) return operators.control.focus();
    }
    if (total === null) return maxTotal.control.focus();
    if (fee === null) return maxFee.control.focus();
    if (fee > total) {
      maxFee.setError('The most per inference cannot exceed the most in total.');
      return maxFee.control.focus();
    }
    const m = model();
    if (await ctx.submit(`Authorise model #${m.id}`, ctx.chain.api.tx.inference!.authorize!(m.id, total, fee, accepted), authOut)) await drawStatus();
  });

  // Vouchers.
  const requests = field('Requests', h('textarea', { id: 'voucher-requests', rows: 4, spellcheck: 'false' }), 'One per line: a request id (0x and 64 hex digits), or any text, whose sha2-256 is used.');
  const voucherFee = amountField(ctx, 'Most you pay for each', { id: 'voucher-max-fee' });
  const expiresIn = field('Valid for (blocks)', h('input', { type: 'number', id: 'voucher-expires', min: 1, max: retention, value: 600, inputmode: 'numeric' }), `From the current block; at most ${retention.toLocaleString('en-US')}.`);
  const voucherOut = h('div', { 'aria-live': 'polite' });
  const voucherForm = h('form', { class: 'card form', novalidate: true, 'aria-labelledby': 'vouchers-title' }, h('h2', { id: 'vouchers-title' }, 'Sign vouchers'), requests.root, voucherFee.root, expiresIn.root, h('button', { type: 'submit' }, 'Sign vouchers'), voucherOut);
  voucherForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const lines = requests.control.value.split('\n').map((l) => l.trim()).filter(Boolean);
    requests.setError(lines.length === 0 ? 'Enter at least one request.' : null);
    const fee = voucherFee.read();
    const blocks = Number(expiresIn.control.value);
    const blocksOk = Number.isInteger(blocks) && blocks >= 1 && blocks <= retention;
    expiresIn.setError(blocksOk ? null : `A whole number of blocks from 1 to ${retention.toLocaleString('en-US')}.`);
    if (lines.length === 0) return requests.control.focus();
    if (fee === null) return voucherFee.control.focus();
    if (!blocksOk) return expiresIn.control.focus();
    const m = model();
    replace(voucherOut, h('p', { role: 'status' }, `Signing ${lines.length} voucher${lines.length === 1 ? '' : 's'}…`));
    try {
      const best = (await ctx.chain.api.rpc.chain.getHeader()).number.toNumber();
      const signed: SignedVoucherJson[] = [];
      for (const line of lines) {
        const voucher = { genesisHash: ctx.chain.genesisHash, modelId: m.id, requestHash: requestHash(line), maxFee: fee, expiresAt: best + blocks };
        const { signature, wrapped } = await signBytes(account, voucherPayload(voucher));
        const message = wrapped ? wrappedVoucherPayload(voucher) : voucherPayload(voucher);
        if (!signatureVerify(message, signature.length === 65 && account.keyType !== 'ecdsa' ? signature.slice(1) : signature, account.address).isValid) {
          throw new Error('the signature returned by the wallet does not verify');
        }
        signed.push(signedVoucherJson(account.address, voucher, wrapped ? 'wrapped' : 'raw', multiSignature(signature, account.keyType)));
      }
      const json = vouchersToJson(signed);
      const text = h('textarea', { id: 'voucher-json', rows: Math.min(20, json.split('\n').length), readonly: true, spellcheck: 'false', class: 'code', 'data-testid': 'voucher-json' });
      text.value = json;
      const download = h('a', { class: 'button secondary', download: `vouchers-model-${m.id}.json`, href: URL.createObjectURL(new Blob([json + '\n'], { type: 'application/json' })) }, 'Download vouchers.json');
      replace(
        voucherOut,
        notice('success', `${signed.length} voucher${signed.length === 1 ? '' : 's'} signed, valid until block #${best + blocks}. Give them to the model’s operator: `, h('code', null, `lineage infer --model ${m.id} inferences.json`), ' takes each as "voucher".'),
        h('div', { class: 'field' }, h('label', { for: 'voucher-json' }, 'Signed vouchers (JSON)'), text),
        h('p', { class: 'actions' }, download, button('Copy', async () => { await navigator.clipboard.writeText(json); }, { class: 'secondary' })),
      );
    } catch (error) {
      replace(voucherOut, notice('error', `Not signed: ${(error as Error).message}`));
    }
  });

  const selectModel = () => {
    const m = model();
    sessionStorage.setItem(MODEL_KEY, String(m.id));
    maxFee.control.value = voucherFee.control.value = formatAmount(BigInt(m.feePerInference), ctx.chain.decimals).replace(/,/g, '');
    void drawStatus();
  };
  modelField.control.addEventListener('change', selectModel);
  selectModel();
  await drawStatus();
  ctx.onBlock(() => void drawStatus(true).catch(() => undefined));
  replace(main, heading('Consumers'), intro, modelField.root, status, authForm, voucherForm);
}
