// Hardship files: the list, a new file, one file with its checks, documents, bank account, change
// request and applications. The clerk works here; reviewers open the same file to decide it.
import { get, post, put, query, call, ApiError } from './api.js';
import { t, tEnum, language } from './i18n.js';
import { h, field, enumOptions, form, table, card, failure, money, when, link } from './ui.js';
import { checkIdNumber } from './idnumber.js';

export const STATUSES = ['PENDING', 'ACTIVE', 'TEMPORARY', 'EXITED', 'REJECTED', 'CANCELLED'];
export const CATEGORIES = ['DEEP', 'RELATIVE', 'ACCIDENT'];
export const CAUSES = ['ILLNESS', 'DISABILITY', 'CHILD_EDUCATION', 'UNEMPLOYMENT', 'ENTERPRISE_SHUTDOWN', 'DISASTER', 'ACCIDENT', 'OTHER'];
const RELATIONS = ['SPOUSE', 'CHILD', 'PARENT', 'SIBLING', 'GRANDCHILD', 'OTHER'];
const STEPS = ['FIRST_REVIEW', 'HOME_VISIT', 'MEANS_CHECK', 'PUBLIC_NOTICE'];
export const KINDS = ['CONSENT', 'INCOME_PROOF', 'MEDICAL_BILL', 'ADMISSION_LETTER', 'CERTIFICATE', 'RECEIPT', 'OTHER'];

const items = answer => (Array.isArray(answer) ? answer : answer.items || []);

/** The station's files: filters by status, category, cause, a name search on what is loaded, an ID-number lookup. */
export function fileList(main, session, preset = {}) {
  const out = h('div', { id: 'file-results' });
  let cursor = null;
  let shown = [];
  const more = h('button', { type: 'button', hidden: true, onclick: () => load(true) }, t('more'));
  const filters = h('form', { class: 'row', 'aria-label': t('filters'), onsubmit: e => { e.preventDefault(); load(false); } },
    field({ name: 'status', label: 'status', type: 'select', options: enumOptions('status', STATUSES, 'any'), value: preset.status }),
    field({ name: 'category', label: 'category', type: 'select', options: enumOptions('category', CATEGORIES, 'any') }),
    field({ name: 'cause', label: 'mainCause', type: 'select', options: enumOptions('cause', CAUSES, 'any') }),
    field({ name: 'search', label: 'searchName', type: 'search' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('search'))));
  filters.elements.search.addEventListener('input', () => render());
  async function load(next) {
    const f = filters.elements;
    try {
      const page = await get('/workers' + query({ status: f.status.value, category: f.category.value, cause: f.cause.value,
        limit: 50, cursor: next ? cursor : null }));
      shown = next ? shown.concat(page.items) : page.items;
      cursor = page.nextCursor;
      more.hidden = !cursor;
      render();
    } catch (e) { out.replaceChildren(failure(e)); }
  }
  function render() {
    const q = filters.elements.search.value.trim();
    const rows = q ? shown.filter(r => (r.name || '').includes(q)) : shown;
    out.replaceChildren(table([
      { label: 'name', cell: r => link('#/file/' + r.id, r.name) },
      { label: 'idNumber', cell: r => r.idNumber },
      { label: 'station', cell: r => r.stationCode },
      { label: 'category', cell: r => tEnum('category', r.category) },
      { label: 'mainCause', cell: r => tEnum('cause', r.mainCause) },
      { label: 'status', cell: r => h('span', { class: 'badge' }, tEnum('status', r.status)) },
      { label: 'lastAided', cell: r => when(r.lastAidedAt) },
    ], rows, 'noFiles'));
  }
  const lookup = form('lookup', [h('div', { class: 'row' }, field({ name: 'idNumber', label: 'idNumber', attrs: { autocomplete: 'off', inputmode: 'text' } }))],
    async v => {
      const found = await post('/workers/lookup', { idNumber: v.idNumber });
      location.hash = '#/file/' + found.id;
    }, { submitLabel: 'lookup' });
  main.replaceChildren(card(preset.title || 'files', filters, out, more), card('lookupTitle', lookup));
  load(false);
}

function memberRow(i) {
  return h('fieldset', { class: 'row', 'data-member': i }, h('legend', {}, t('member', i + 1)),
    field({ name: `household.members.${i}.relation`, label: 'relation', type: 'select', options: enumOptions('relation', RELATIONS) }),
    field({ name: `household.members.${i}.name`, label: 'name' }),
    field({ name: `household.members.${i}.birthDate`, label: 'birthDate', type: 'date' }),
    field({ name: `household.members.${i}.student`, label: 'student', type: 'checkbox' }),
    field({ name: `household.members.${i}.ill`, label: 'ill', type: 'checkbox' }),
    field({ name: `household.members.${i}.disabled`, label: 'disabled', type: 'checkbox' }));
}

function members(v) {
  const list = [];
  for (let i = 0; `household.members.${i}.name` in v; i++) {
    const p = `household.members.${i}.`;
    if (!v[p + 'name'] && !v[p + 'birthDate']) continue;
    list.push({ relation: v[p + 'relation'], name: v[p + 'name'], birthDate: v[p + 'birthDate'] || null,
      student: v[p + 'student'], ill: v[p + 'ill'], disabled: v[p + 'disabled'] });
  }
  return list;
}

/** A new file; the ID number is checked as it is typed, by the registry's rule. */
export function newFile(main, session) {
  const id = field({ name: 'idNumber', label: 'idNumber', required: true, hint: t('idHint'), attrs: { autocomplete: 'off', maxlength: 18 } });
  const idInput = id.querySelector('input');
  const idState = id.querySelector('.hint');
  idInput.addEventListener('input', () => {
    const s = checkIdNumber(idInput.value);
    idState.textContent = t('id.' + s);
    idState.className = 'hint' + (s === 'ok' ? ' ok' : '');
    idInput.setAttribute('aria-invalid', s === 'ok' || s === 'short' ? 'false' : 'true');
  });
  const list = h('div', {}, memberRow(0));
  let count = 1;
  const addMember = h('button', { type: 'button', onclick: () => { list.append(memberRow(count++)); } }, t('addMember'));
  const f = form('new-file', [
    h('div', { class: 'row' },
      field({ name: 'name', label: 'headName', required: true, attrs: { maxlength: 50 } }), id,
      field({ name: 'phone', label: 'phone', type: 'tel' }),
      field({ name: 'stationCode', label: 'station', required: true, value: session.station })),
    h('div', { class: 'row' },
      field({ name: 'mainCause', label: 'mainCause', type: 'select', options: enumOptions('cause', CAUSES) }),
      field({ name: 'household.yearlyIncome', label: 'yearlyIncome', required: true, attrs: { inputmode: 'decimal' } }),
      field({ name: 'household.rigidCosts', label: 'rigidCosts', required: true, attrs: { inputmode: 'decimal' } }),
      field({ name: 'migrantWorker', label: 'migrantWorker', type: 'checkbox' })),
    h('h3', {}, t('members')), list, h('div', { class: 'actions' }, addMember),
  ], async v => {
    if (checkIdNumber(v.idNumber) !== 'ok') {
      throw new ApiError(400, { title: t('checkForm'), violations: [{ field: 'idNumber', message: t('id.' + checkIdNumber(v.idNumber)) }] });
    }
    const made = await post('/workers', {
      name: v.name, idNumber: v.idNumber.toUpperCase(), phone: v.phone || null, stationCode: v.stationCode,
      migrantWorker: v.migrantWorker, mainCause: v.mainCause,
      household: { yearlyIncome: v['household.yearlyIncome'], rigidCosts: v['household.rigidCosts'], members: members(v) },
    });
    location.hash = '#/file/' + made.id;
  }, { submitLabel: 'createFile' });
  main.replaceChildren(card('newFile', f));
}

function facts(pairs) {
  return h('dl', { class: 'facts' }, ...pairs.flatMap(([k, v]) => [h('dt', {}, t(k)), h('dd', {}, v ?? '—')]));
}

/** One file: what it says, and what the caller's role may do with it. */
export async function fileDetail(main, session, fileId) {
  let file;
  try { file = await get('/workers/' + fileId); } catch (e) { main.replaceChildren(failure(e)); return; }
  const isClerk = session.groups.includes('clerk');
  const isReviewer = session.groups.includes('reviewer');
  const hh = file.household || {};
  const head = card(null, h('h2', {}, file.name, ' ', h('span', { class: 'badge', id: 'file-status' }, tEnum('status', file.status))),
    facts([['idNumber', file.idNumber], ['station', file.stationPath || file.stationCode], ['category', tEnum('category', file.category)],
      ['mainCause', tEnum('cause', file.mainCause)], ['perCapita', money(file.perCapitaMonthlyIncome)],
      ['yearlyIncome', money(hh.yearlyIncome)], ['rigidCosts', money(hh.rigidCosts)],
      ['members', (hh.members || []).map(m => `${m.name} (${tEnum('relation', m.relation)})`).join('、')],
      ['bankAccount', file.bankAccount ? `${file.bankAccount.bankName} ${file.bankAccount.accountNumber}` : null],
      ['lastAided', when(file.lastAidedAt)]]));
  const sections = [head];
  const checks = h('div', { id: 'checks' });
  sections.push(card('checks', checks));
  if (isClerk && file.status === 'PENDING') sections.push(card('recordCheck', checkForm(fileId, () => loadChecks())));
  if (isReviewer && file.status === 'PENDING') sections.push(card('decideFile', decideFileForm(fileId)));
  const docs = h('div', {});
  sections.push(card('documents', docs, isClerk ? uploadForm('file-doc-' + fileId, '/workers/' + fileId + '/documents', () => loadDocs()) : null));
  if (isClerk && file.status === 'ACTIVE') {
    sections.push(card('bankAccount', bankForm(file)));
    sections.push(card('changeRequest', changeForm(file)));
    sections.push(card('apply', await applicationForm(file)));
  }
  const history = h('div', {});
  sections.push(card('history', history));
  main.replaceChildren(...sections);
  async function loadChecks() {
    try {
      const list = items(await get('/workers/' + fileId + '/checks'));
      checks.replaceChildren(table([
        { label: 'step', cell: c => tEnum('step', c.step) }, { label: 'passed', cell: c => (c.passed ? t('yes') : t('no')) },
        { label: 'note', cell: c => c.note || '' }, { label: 'recordedBy', cell: c => c.recordedBy }, { label: 'at', cell: c => when(c.recordedAt) },
      ], list));
    } catch (e) { checks.replaceChildren(failure(e)); }
  }
  async function loadDocs() {
    try {
      docs.querySelector('table, p.hint, .notice')?.remove();
      docs.prepend(table([{ label: 'kind', cell: d => tEnum('kind', d.kind) }, { label: 'type', cell: d => d.contentType },
        { label: 'size', cell: d => d.size, num: true }], items(await get('/workers/' + fileId + '/documents'))));
    } catch (e) { docs.prepend(failure(e)); }
  }
  loadChecks();
  loadDocs();
  historyOf(fileId, history);
}

export async function historyOf(fileId, into) {
  try {
    const list = items(await get('/workers/' + fileId + '/history'));
    into.replaceChildren(h('ul', { class: 'plain' }, ...list.map(e => h('li', {}, when(e.at), ' · ', e.actor, ' · ', tEnum('action', e.action),
      e.toStatus ? ' → ' + tEnum('status', e.toStatus) : '', e.reason ? ' · ' + e.reason : '',
      e.changedFields && e.changedFields.length ? ' · ' + e.changedFields.join(', ') : ''))));
  } catch (e) { into.replaceChildren(failure(e)); }
}

function checkForm(fileId, done) {
  return form('check-' + fileId, [h('div', { class: 'row' },
    field({ name: 'step', label: 'step', type: 'select', options: enumOptions('step', STEPS) }),
    field({ name: 'passed', label: 'passed', type: 'checkbox', value: true }),
    field({ name: 'consentSigned', label: 'consentSigned', type: 'checkbox' }),
    field({ name: 'objection', label: 'objection', type: 'checkbox' }),
    field({ name: 'note', label: 'note', type: 'textarea' }))],
  async (v, f) => {
    const body = { step: v.step, passed: v.passed, note: v.note || null };
    if (v.step === 'HOME_VISIT') body.consentSigned = v.consentSigned;
    if (v.step === 'PUBLIC_NOTICE') body.objection = v.objection;
    await post('/workers/' + fileId + '/checks', body);
    const steps = f.elements.step;
    if (steps.selectedIndex < steps.options.length - 1) steps.selectedIndex += 1;
    done();
    return t('saved');
  }, { submitLabel: 'recordCheck' });
}

function decideFileForm(fileId) {
  return form('decide-file-' + fileId, [h('div', { class: 'row' },
    field({ name: 'to', label: 'decision', type: 'select', options: [['ACTIVE', t('approveFile')], ['REJECTED', t('rejectFile')]] }),
    field({ name: 'reason', label: 'reason', type: 'textarea' }))],
  async v => {
    const file = await post('/workers/' + fileId + '/transitions', { to: v.to, reason: v.reason || null });
    document.getElementById('file-status').textContent = tEnum('status', file.status);
    return t('decided', tEnum('status', file.status));
  }, { submitLabel: 'decide' });
}

/** Upload of an evidence document: the raw bytes with their type and kind. */
export function uploadForm(key, path, done) {
  return form(key, [h('div', { class: 'row' },
    field({ name: 'kind', label: 'kind', type: 'select', options: enumOptions('kind', KINDS) }),
    field({ name: 'document', label: 'document', type: 'file', attrs: { accept: 'application/pdf,image/jpeg,image/png' } }))],
  async (v, f) => {
    if (!v.document) throw new ApiError(400, { title: t('checkForm'), violations: [{ field: 'document', message: t('chooseFile') }] });
    await call('POST', path, { body: v.document, type: v.document.type || 'application/octet-stream', headers: { 'X-Document-Kind': v.kind } });
    f.elements.document.value = '';
    done();
    return t('uploaded');
  }, { submitLabel: 'upload' });
}

function bankForm(file) {
  return form('bank-' + file.id, [h('div', { class: 'row' },
    field({ name: 'bankName', label: 'bankName', required: true }),
    field({ name: 'accountNumber', label: 'accountNumber', required: true, attrs: { inputmode: 'numeric', autocomplete: 'off' } }),
    field({ name: 'accountName', label: 'accountName', required: true, value: file.name }))],
  async v => { await put('/workers/' + file.id + '/bank-account', v); return t('saved'); }, { submitLabel: 'save' });
}

function changeForm(file) {
  const hh = file.household || {};
  return form('change-' + file.id, [h('div', { class: 'row' },
    field({ name: 'household.yearlyIncome', label: 'yearlyIncome', value: hh.yearlyIncome, attrs: { inputmode: 'decimal' } }),
    field({ name: 'household.rigidCosts', label: 'rigidCosts', value: hh.rigidCosts, attrs: { inputmode: 'decimal' } }),
    field({ name: 'mainCause', label: 'mainCause', type: 'select', options: enumOptions('cause', CAUSES), value: file.mainCause }),
    field({ name: 'reason', label: 'reason', type: 'textarea', required: true }))],
  async v => {
    const changes = {};
    if (v['household.yearlyIncome'] !== String(hh.yearlyIncome) || v['household.rigidCosts'] !== String(hh.rigidCosts)) {
      changes.household = { yearlyIncome: v['household.yearlyIncome'], rigidCosts: v['household.rigidCosts'],
        members: (hh.members || []).map(m => ({ id: m.id, relation: m.relation, name: m.name, birthDate: m.birthDate,
          student: m.student, school: m.school, ill: m.ill, disabled: m.disabled })) };
    }
    if (v.mainCause !== file.mainCause) changes.mainCause = v.mainCause;
    const made = await post('/workers/' + file.id + '/change-requests', { changes, reason: v.reason });
    return t('changeRequested', made.id);
  }, { submitLabel: 'requestChange' });
}

// The details each project's applications carry (disbursement's DetailsShape): [field, input type];
// the project's evidence keys (its rules) are added as required texts.
const DETAILS = {
  SERIOUS_ILLNESS: [['medicalBills', 'text'], ['outOfPocket', 'decimal'], ['totalCost', 'decimal'], ['hospital', 'text'], ['visits', 'number']],
  MEDICAL_MUTUAL_AID: [['medicalBills', 'text'], ['outOfPocket', 'decimal'], ['totalCost', 'decimal'], ['hospital', 'text'],
    ['mutualAidMembership', 'text'], ['admissionDate', 'date']],
  GOLDEN_AUTUMN: [['studentMemberId', 'number'], ['schoolLevel', 'text'], ['schoolYear', 'text'], ['admissionNotice', 'text'], ['school', 'text']],
  ACCIDENT_RELIEF: [['accidentReport', 'text'], ['accidentDate', 'date'], ['loss', 'decimal']],
  FESTIVAL_WARMTH: [['campaign', 'text']],
  SKILLS_TRAINING: [['trainingCertificate', 'text'], ['trainingCost', 'decimal'], ['course', 'text']],
  EMPLOYMENT_AID: [['placementOutcome', 'text'], ['employer', 'text']],
};

function detailFields(project) {
  const fields = new Map((DETAILS[project && project.code] || []).map(([k, type]) => [k, type]));
  for (const key of (project && project.rules && project.rules.evidence) || []) if (!fields.has(key)) fields.set(key, 'text');
  const evidence = new Set((project && project.rules && project.rules.evidence) || []);
  const list = [...fields].map(([key, type]) => field({ name: 'details.' + key, label: 'detail.' + key, required: evidence.has(key),
    type: type === 'decimal' ? 'text' : type, hint: evidence.has(key) ? t('evidenceNeeded') : null,
    attrs: type === 'decimal' ? { inputmode: 'decimal' } : {} }));
  list.push(field({ name: 'details.note', label: 'detailsNote', type: 'textarea' }));
  return list;
}

async function applicationForm(file) {
  let projects = [];
  try { projects = items(await get('/projects')).filter(p => p.beneficiary === 'HOUSEHOLD' || !p.beneficiary); } catch (e) { /* shown on submit */ }
  const docs = h('div', {});
  const details = h('div', { class: 'row', 'data-details': '' }, ...detailFields(projects[0]));
  const f = form('apply-' + file.id, [h('div', { class: 'row' },
    field({ name: 'projectCode', label: 'project', type: 'select',
      options: projects.map(p => [p.code, language() === 'en' ? p.nameEn || p.code : p.nameZh || p.code]) }),
    field({ name: 'requestedAmount', label: 'requestedAmount', required: true, attrs: { inputmode: 'decimal' } })), details],
  async (v, form, key) => {
    const body = {};
    for (const [name, value] of Object.entries(v)) if (name.startsWith('details.') && value !== '') body[name.slice(8)] = value;
    const made = await post('/applications', { projectCode: v.projectCode, workerId: file.id, requestedAmount: v.requestedAmount, details: body },
      { headers: { 'Idempotency-Key': key } });
    docs.replaceChildren(h('p', { id: 'application-made' }, t('applied', made.id, tEnum('appStatus', made.status))),
      uploadForm('app-doc-' + made.id, '/applications/' + made.id + '/documents', () => {}));
    return null;
  }, { submitLabel: 'applyButton', idempotent: true });
  f.elements.projectCode.addEventListener('change', e =>
    details.replaceChildren(...detailFields(projects.find(p => p.code === e.target.value))));
  return h('div', {}, f, docs);
}
