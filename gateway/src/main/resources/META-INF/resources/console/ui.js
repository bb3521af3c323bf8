// Small DOM helpers: elements, labelled fields, forms that keep what was typed and show problems by field.
import { t, tEnum } from './i18n.js';
import { ApiError } from './api.js';

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

let serial = 0;
// What was typed in each form, by the form's key: kept when a request fails or the screen is left.
const drafts = new Map();

/**
 * A labelled field. spec: { name, label (key), type, options: [[value, labelText]], value, required, hint, attrs }.
 * The error line under it is filled by showProblem when a problem names this field.
 */
export function field(spec) {
  const id = 'f' + (++serial);
  const { name, type = 'text' } = spec;
  let input;
  if (type === 'select') {
    input = h('select', { id, name, required: spec.required }, ...(spec.options || []).map(([v, l]) => h('option', { value: v }, l)));
  } else if (type === 'textarea') {
    input = h('textarea', { id, name, rows: 3, required: spec.required, ...spec.attrs });
  } else {
    input = h('input', { id, name, type, required: spec.required, ...spec.attrs });
  }
  if (spec.value !== undefined && spec.value !== null) {
    if (type === 'checkbox') input.checked = !!spec.value; else input.value = spec.value;
  }
  const error = h('span', { class: 'error', id: id + '-error', 'data-error-for': name, 'aria-live': 'polite' });
  const hint = spec.hint ? h('span', { class: 'hint', id: id + '-hint' }, spec.hint) : null;
  input.setAttribute('aria-describedby', [hint && id + '-hint', id + '-error'].filter(Boolean).join(' '));
  const label = h('label', { for: id }, t(spec.label));
  return type === 'checkbox' ? h('div', { class: 'field check' }, input, label, error)
    : h('div', { class: 'field' }, label, input, hint, error);
}

export const enumOptions = (kind, values, blank) =>
  [...(blank ? [['', t(blank)]] : []), ...values.map(v => [v, tEnum(kind, v)])];

/**
 * A form whose submit runs action(values, form); its key keeps a draft of every input.
 * Problems of a failed request are shown next to the fields they name, the rest above the button.
 * idempotent: the form sends one random Idempotency-Key per submit, kept for a retry of the same values.
 */
export function form(key, children, action, { submitLabel = 'submit', idempotent = false } = {}) {
  const notice = h('div', { class: 'notice', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'primary' }, t(submitLabel));
  const f = h('form', { novalidate: true, 'data-form': key }, ...children, notice, h('div', { class: 'actions' }, button));
  restore(f, key);
  f.addEventListener('input', () => { save(f, key); delete f.dataset.idempotencyKey; });
  f.addEventListener('submit', async event => {
    event.preventDefault();
    clearProblems(f);
    if (idempotent && !f.dataset.idempotencyKey) f.dataset.idempotencyKey = crypto.randomUUID();
    button.disabled = true;
    try {
      const message = await action(values(f), f, f.dataset.idempotencyKey);
      drafts.delete(key);
      delete f.dataset.idempotencyKey;
      if (message) say(notice, message, 'good');
    } catch (e) {
      showProblem(f, notice, e);
    } finally {
      button.disabled = false;
    }
  });
  return f;
}

export function values(f) {
  const v = {};
  for (const el of f.elements) {
    if (!el.name) continue;
    if (el.type === 'checkbox') v[el.name] = el.checked;
    else if (el.type === 'file') v[el.name] = el.files[0] || null;
    else v[el.name] = el.value.trim();
  }
  return v;
}

function save(f, key) {
  const d = {};
  for (const el of f.elements) if (el.name && el.type !== 'file') d[el.name] = el.type === 'checkbox' ? el.checked : el.value;
  drafts.set(key, d);
}

function restore(f, key) {
  const d = drafts.get(key);
  if (!d) return;
  for (const el of f.elements) {
    if (!el.name || !(el.name in d)) continue;
    if (el.type === 'checkbox') el.checked = d[el.name]; else el.value = d[el.name];
  }
}

function clearProblems(f) {
  // the last answer's notice goes too: what shows next is this submit's
  const notice = f.querySelector(':scope > .notice');
  if (notice) notice.hidden = true;
  for (const el of f.querySelectorAll('[data-error-for]')) el.textContent = '';
  for (const el of f.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

export function say(notice, text, kind) {
  notice.hidden = false;
  notice.className = 'notice ' + kind;
  notice.textContent = text;
}

/** A problem's violations next to the fields they name (a.b[0].c also finds a.b.0.c); what names no field above the button. */
export function showProblem(f, notice, e) {
  if (!(e instanceof ApiError)) { say(notice, t('networkError'), 'bad'); return; }
  const p = e.problem;
  const left = [];
  for (const v of p.violations || []) {
    const name = String(v.field || '').replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
    const input = f.elements.namedItem(name) || f.elements.namedItem(name.split('.').pop());
    const slot = input && f.querySelector(`[data-error-for="${CSS.escape(input.name || name)}"]`);
    if (input && slot) {
      (input.setAttribute ? input : input[0]).setAttribute('aria-invalid', 'true');
      slot.textContent = v.message;
    } else {
      left.push(v.message);
    }
  }
  const head = p.detail || p.title || t('requestFailed', e.status);
  say(notice, [head, ...left].join(' · '), 'bad');
  const first = f.querySelector('[aria-invalid="true"]');
  if (first) first.focus();
}

export function table(columns, rows, empty = 'nothing') {
  if (!rows.length) return h('p', { class: 'hint' }, t(empty));
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ...columns.map(c => h('th', { scope: 'col', class: c.num ? 'num' : null }, t(c.label))))),
    h('tbody', {}, ...rows.map(r => h('tr', {}, ...columns.map(c => h('td', { class: c.num ? 'num' : null }, c.cell(r))))))));
}

export function card(title, ...children) {
  return h('section', { class: 'card' }, title ? h('h2', {}, t(title)) : null, ...children);
}

/** Shows an error that belongs to no form (a list that could not load). */
export function failure(e) {
  return h('div', { class: 'notice bad', role: 'alert' },
    e instanceof ApiError ? (e.problem.detail || e.problem.title || t('requestFailed', e.status)) : t('networkError'));
}

/** Money as the API sends it (a decimal string), grouped by thousands; never through floating point. */
export function money(v) {
  if (v === null || v === undefined) return '—';
  const [whole, cents = ''] = String(v).split('.');
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + '.' + (cents + '00').slice(0, 2);
}
export const when = v => (v ? new Date(v).toLocaleString() : '—');
export const link = (href, text) => h('a', { href }, text);
