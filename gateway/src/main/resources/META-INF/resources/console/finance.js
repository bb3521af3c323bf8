// Finance: approved applications to pay (batches), bank files to make, download and reconcile with
// the bank's result, and the reconciliation of a project's year. Every money POST carries an
// Idempotency-Key kept for retries of the same submit.
import { get, post, query, call, download, ApiError } from './api.js';
import { t, tEnum, language } from './i18n.js';
import { h, field, form, table, card, failure, money, when } from './ui.js';

const items = answer => (Array.isArray(answer) ? answer : answer.items || []);
const thisYear = () => new Date().getFullYear();

async function projectOptions() {
  try {
    return items(await get('/projects')).map(p => [p.code, language() === 'en' ? p.nameEn || p.code : p.nameZh || p.code]);
  } catch (e) { return []; }
}

function checkbox(name, value, label) {
  const id = name + '-' + value;
  return h('span', { class: 'field check' }, h('input', { type: 'checkbox', id, name, value, 'data-pick': value }), h('label', { for: id }, label));
}

const picked = f => Array.from(f.querySelectorAll('input[data-pick]:checked')).map(i => Number(i.value));

export async function toPay(main) {
  const projects = await projectOptions();
  const list = h('div', { id: 'approved' });
  const results = h('div', {});
  const chooser = h('form', { class: 'row', onsubmit: e => { e.preventDefault(); load(); } },
    field({ name: 'project', label: 'project', type: 'select', options: projects }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('show'))));
  let shown = [];
  let latest = 0;
  async function load() {
    const mine = ++latest;
    try {
      const page = await get('/applications' + query({ status: 'APPROVED', project: chooser.elements.project.value, limit: 200 }));
      if (mine !== latest) return; // a later choice is loading
      shown = page.items;
      list.replaceChildren(table([
        { label: 'pick', cell: a => checkbox('pay', a.id, '#' + a.id) }, { label: 'project', cell: a => a.projectCode },
        { label: 'file', cell: a => (a.workerId ? '#' + a.workerId : '—') }, { label: 'amount', cell: a => money(a.amount), num: true },
        { label: 'decidedBy', cell: a => a.decidedBy || '' },
      ], shown, 'queueEmpty'));
    } catch (e) { list.replaceChildren(failure(e)); }
  }
  const pay = form('pay-batch', [list, h('div', { class: 'row' },
    field({ name: 'channel', label: 'channel', type: 'select', options: [['BANK_TRANSFER', t('channel.BANK_TRANSFER')], ['CASH', t('channel.CASH')]] }),
    field({ name: 'reference', label: 'reference', required: true, value: 'PAY-' + new Date().toISOString().slice(0, 10) }))],
  async (v, f, key) => {
    const ids = picked(f);
    if (!ids.length) throw new ApiError(400, { title: t('pickSome') });
    const answer = await post('/payout-batches', { projectCode: chooser.elements.project.value, channel: v.channel,
      reference: v.reference, applicationIds: ids }, { headers: { 'Idempotency-Key': key } });
    const rows = answer.items || [];
    results.replaceChildren(table([{ label: 'application', cell: r => '#' + r.applicationId },
      { label: 'result', cell: r => r.result }, { label: 'payout', cell: r => (r.payoutId ? '#' + r.payoutId : '—') },
      { label: 'status', cell: r => r.payoutStatus || r.detail || '' }], rows));
    load();
    const paid = rows.filter(r => r.result === 'PAID').length;
    return t('batchDone', paid, rows.length);
  }, { submitLabel: 'payPicked', idempotent: true });
  main.replaceChildren(card('toPay', chooser, pay, results));
  if (projects.length) load();
}

export async function bankFiles(main) {
  const projects = await projectOptions();
  const issued = h('div', {});
  const files = h('div', { id: 'bank-files' });
  const chooser = h('form', { class: 'row', onsubmit: e => { e.preventDefault(); load(); } },
    field({ name: 'project', label: 'project', type: 'select', options: projects }),
    field({ name: 'year', label: 'year', type: 'number', value: thisYear() }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('show'))));
  const make = form('bank-file-new', [issued], async (v, f, key) => {
    const ids = picked(f);
    if (!ids.length) throw new ApiError(400, { title: t('pickSome') });
    const made = await post('/bank-files', { projectCode: chooser.elements.project.value, payoutIds: ids }, { headers: { 'Idempotency-Key': key } });
    load();
    return t('bankFileMade', made.id, made.count, money(made.total));
  }, { submitLabel: 'makeBankFile', idempotent: true });
  let latest = 0;
  async function load() {
    const mine = ++latest;
    const project = chooser.elements.project.value;
    try {
      const payouts = (await get('/payouts' + query({ project, year: chooser.elements.year.value, limit: 200 }))).items
        .filter(p => p.status === 'ISSUED' && p.channel === 'BANK_TRANSFER');
      const list = (await get('/bank-files' + query({ project, limit: 50 }))).items;
      if (mine !== latest) return; // a later choice is loading
      issued.replaceChildren(h('h3', {}, t('issuedTransfers')), table([
        { label: 'pick', cell: p => checkbox('file', p.id, '#' + p.id) }, { label: 'application', cell: p => '#' + p.applicationId },
        { label: 'amount', cell: p => money(p.amount), num: true }, { label: 'reference', cell: p => p.reference }], payouts, 'queueEmpty'));
      files.replaceChildren(...(list.length ? list.map(bankFileCard) : [h('p', { class: 'hint' }, t('nothing'))]));
    } catch (e) { files.replaceChildren(failure(e)); }
  }
  main.replaceChildren(card('bankFiles', chooser, make), h('div', {}, files));
  if (projects.length) load();
}

function figures(f) { return f ? `${f.count} · ${money(f.amount)}` : '—'; }

function bankFileCard(b) {
  const body = h('div', {});
  const render = file => body.replaceChildren(
    h('h3', {}, t('bankFile'), ' #', file.id, ' ', h('span', { class: 'badge', 'data-bank-file-status': file.id }, tEnum('bankStatus', file.status))),
    h('dl', { class: 'facts' },
      h('dt', {}, t('count')), h('dd', {}, file.count), h('dt', {}, t('total')), h('dd', {}, money(file.total)),
      h('dt', {}, t('exportedAt')), h('dd', {}, when(file.exportedAt)),
      h('dt', {}, t('fig.sent')), h('dd', {}, figures(file.sent)), h('dt', {}, t('fig.paid')), h('dd', {}, figures(file.paid)),
      h('dt', {}, t('fig.failed')), h('dd', {}, figures(file.failed)), h('dt', {}, t('fig.outstanding')), h('dd', {}, figures(file.outstanding)),
      h('dt', {}, 'SHA-256'), h('dd', { class: 'hint' }, file.sha256)));
  render(b);
  const downloads = h('div', { class: 'actions' },
    h('button', { type: 'button', 'data-download': b.id, onclick: () => download('/bank-files/' + b.id + '/content?encoding=UTF-8', `bank-file-${b.id}.csv`, 'text/csv') }, t('downloadUtf8')),
    h('button', { type: 'button', onclick: () => download('/bank-files/' + b.id + '/content?encoding=GBK', `bank-file-${b.id}-gbk.csv`, 'text/csv') }, t('downloadGbk')));
  const upload = form('bank-result-' + b.id, [h('div', { class: 'row' },
    field({ name: 'result', label: 'bankResult', type: 'file', attrs: { accept: '.csv,text/csv' } }))],
  async (v, f, key) => {
    if (!v.result) throw new ApiError(400, { title: t('checkForm'), violations: [{ field: 'result', message: t('chooseFile') }] });
    const answer = await call('POST', '/bank-files/' + b.id + '/results',
      { body: v.result, type: 'text/csv; charset=UTF-8', headers: { 'Idempotency-Key': key } });
    render(await get('/bank-files/' + b.id));
    return t('resultApplied', answer.applied, answer.alreadyApplied, answer.mismatched, tEnum('bankStatus', answer.fileStatus));
  }, { submitLabel: 'uploadResult', idempotent: true });
  return card(null, body, downloads, b.status === 'EXPORTED' ? upload : null);
}

export async function reconciliation(main) {
  const projects = await projectOptions();
  const out = h('div', {});
  const f = form('reconciliation', [h('div', { class: 'row' },
    field({ name: 'project', label: 'project', type: 'select', options: projects }),
    field({ name: 'year', label: 'year', type: 'number', value: thisYear() }))],
  async v => {
    const r = await get('/reconciliation' + query({ project: v.project, year: v.year }));
    const keys = ['issued', 'sent', 'paid', 'failed', 'outstanding', 'reversed'];
    out.replaceChildren(table([{ label: 'figure', cell: k => t('fig.' + k) }, { label: 'count', cell: k => r[k] ? r[k].count : 0, num: true },
      { label: 'amount', cell: k => money(r[k] ? r[k].amount : '0'), num: true }], keys));
    return null;
  }, { submitLabel: 'show' });
  main.replaceChildren(card('reconciliation', f, out));
}
