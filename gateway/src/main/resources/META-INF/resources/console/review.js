// The reviewer's queues: files to decide (files.js opens them), change requests and applications,
// each with its reasons and the file's history beside it.
import { get, post, query } from './api.js';
import { t, tEnum } from './i18n.js';
import { h, field, form, table, card, failure, money, when, link } from './ui.js';
import { fileList, historyOf } from './files.js';

export function fileQueue(main, session) {
  fileList(main, session, { status: 'PENDING', title: 'queueFiles' });
}

export async function changeQueue(main) {
  try {
    const page = await get('/change-requests' + query({ status: 'PENDING', limit: 100 }));
    main.replaceChildren(card('queueChanges', table([
      { label: 'number', cell: c => link('#/change/' + c.id, '#' + c.id) },
      { label: 'file', cell: c => link('#/file/' + c.fileId, '#' + c.fileId) },
      { label: 'changedFields', cell: c => (c.changedFields || []).join(', ') },
      { label: 'reason', cell: c => c.reason || '' },
      { label: 'requestedBy', cell: c => c.requestedBy }, { label: 'at', cell: c => when(c.requestedAt) },
    ], page.items, 'queueEmpty')));
  } catch (e) { main.replaceChildren(failure(e)); }
}

export async function changeDetail(main, session, id) {
  let c;
  try { c = await get('/change-requests/' + id); } catch (e) { main.replaceChildren(failure(e)); return; }
  const history = h('div', {});
  main.replaceChildren(
    card(null, h('h2', {}, t('changeRequest'), ' #', c.id, ' ', h('span', { class: 'badge' }, tEnum('crStatus', c.status))),
      h('p', {}, t('file'), ': ', link('#/file/' + c.fileId, '#' + c.fileId), ' · ', t('requestedBy'), ': ', c.requestedBy, ' · ', when(c.requestedAt)),
      h('p', {}, t('reason'), ': ', c.reason || '—'),
      h('pre', { class: 'hint' }, JSON.stringify(c.changes, null, 2))),
    c.status === 'PENDING' ? card('decide', decisionForm('cr-' + id, async v => {
      const done = await post('/change-requests/' + id + '/decision', { approve: v.approve === 'true', reason: v.reason || null });
      return t('decided', tEnum('crStatus', done.status));
    })) : null,
    card('history', history));
  historyOf(c.fileId, history);
}

function decisionForm(key, action, extra = [], idempotent = false) {
  return form(key, [h('div', { class: 'row' },
    field({ name: 'approve', label: 'decision', type: 'select', options: [['true', t('approve')], ['false', t('reject')]] }),
    ...extra,
    field({ name: 'reason', label: 'reason', type: 'textarea' }))], action, { submitLabel: 'decide', idempotent });
}

export async function applicationQueue(main) {
  try {
    const [first, second] = await Promise.all([get('/applications' + query({ status: 'SUBMITTED', limit: 100 })),
      get('/applications' + query({ status: 'AWAITING_SECOND_APPROVAL', limit: 100 }))]);
    main.replaceChildren(card('queueApplications', table([
      { label: 'number', cell: a => link('#/application/' + a.id, '#' + a.id) },
      { label: 'project', cell: a => a.projectCode }, { label: 'file', cell: a => (a.workerId ? '#' + a.workerId : '—') },
      { label: 'requestedAmount', cell: a => money(a.requestedAmount), num: true },
      { label: 'status', cell: a => tEnum('appStatus', a.status) }, { label: 'at', cell: a => when(a.submittedAt) },
    ], first.items.concat(second.items), 'queueEmpty')));
  } catch (e) { main.replaceChildren(failure(e)); }
}

export async function applicationDetail(main, session, id) {
  let a;
  try { a = await get('/applications/' + id); } catch (e) { main.replaceChildren(failure(e)); return; }
  const history = h('div', {});
  const docs = h('div', {});
  const open = a.status === 'SUBMITTED' || a.status === 'AWAITING_SECOND_APPROVAL';
  main.replaceChildren(
    card(null, h('h2', {}, t('application'), ' #', a.id, ' ', h('span', { class: 'badge', id: 'application-status' }, tEnum('appStatus', a.status))),
      h('dl', { class: 'facts' },
        h('dt', {}, t('project')), h('dd', {}, a.projectCode),
        h('dt', {}, t('file')), h('dd', {}, a.workerId ? link('#/file/' + a.workerId, '#' + a.workerId) : '—'),
        h('dt', {}, t('category')), h('dd', {}, a.category ? tEnum('category', a.category) : '—'),
        h('dt', {}, t('requestedAmount')), h('dd', {}, money(a.requestedAmount)),
        h('dt', {}, t('submittedBy')), h('dd', {}, a.submittedBy + ' · ' + when(a.submittedAt)),
        h('dt', {}, t('reason')), h('dd', {}, a.reason || '—')),
      h('pre', { class: 'hint' }, JSON.stringify(a.details || {}, null, 2))),
    open && session.groups.includes('reviewer') ? card('decide', decisionForm('app-' + id, async (v, f, key) => {
      const done = await post('/applications/' + id + '/decision',
        { approve: v.approve === 'true', amount: v.amount || null, reason: v.reason || null }, { headers: { 'Idempotency-Key': key } });
      document.getElementById('application-status').textContent = tEnum('appStatus', done.status);
      return t('decided', tEnum('appStatus', done.status));
    }, [field({ name: 'amount', label: 'amount', value: a.requestedAmount, attrs: { inputmode: 'decimal' } })], true)) : null,
    card('documents', docs),
    a.workerId ? card('history', history) : null);
  try {
    docs.replaceChildren(table([{ label: 'kind', cell: d => tEnum('kind', d.kind) }, { label: 'type', cell: d => d.contentType },
      { label: 'size', cell: d => d.size, num: true }], (await get('/applications/' + id + '/documents')).items));
  } catch (e) { docs.replaceChildren(failure(e)); }
  if (a.workerId) historyOf(a.workerId, history);
}
