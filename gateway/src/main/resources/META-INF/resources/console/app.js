// The console's start: sign-in, the sections each role works in, hash routes, the language switch.
import { configure, completeSignIn, signIn, signOut, claims, onTokensChange } from './auth.js';
import { t, language, setLanguage } from './i18n.js';
import { h } from './ui.js';
import { fileList, newFile, fileDetail } from './files.js';
import { fileQueue, changeQueue, changeDetail, applicationQueue, applicationDetail } from './review.js';
import { toPay, bankFiles, reconciliation } from './finance.js';
import { dashboard } from './dashboard.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let session = null;

// section -> [roles that work there, screen]
const SECTIONS = {
  files: [['clerk'], fileList],
  'new-file': [['clerk'], newFile],
  'queue-files': [['reviewer'], fileQueue],
  'queue-changes': [['reviewer'], changeQueue],
  'queue-applications': [['reviewer'], applicationQueue],
  'to-pay': [['finance'], toPay],
  'bank-files': [['finance'], bankFiles],
  reconciliation: [['finance'], reconciliation],
  dashboard: [['analyst', 'admin'], dashboard],
};
const NAV_KEYS = { files: 'nav.files', 'new-file': 'nav.newFile', 'queue-files': 'nav.queueFiles', 'queue-changes': 'nav.queueChanges',
  'queue-applications': 'nav.queueApplications', 'to-pay': 'nav.toPay', 'bank-files': 'nav.bankFiles',
  reconciliation: 'nav.reconciliation', dashboard: 'nav.dashboard' };
// one item's own screen, open to every role that reaches it from a list
const DETAILS = { file: fileDetail, change: changeDetail, application: applicationDetail };

const mine = () => Object.keys(SECTIONS).filter(s => SECTIONS[s][0].some(r => session.groups.includes(r)));

function translateStatic() {
  document.documentElement.lang = language() === 'en' ? 'en' : 'zh-CN';
  document.title = t('appTitle') + ' · union-aid';
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  document.getElementById('lang').setAttribute('lang', language() === 'en' ? 'zh-CN' : 'en');
}

function renderNav(current) {
  nav.replaceChildren(...mine().map(s => h('a', { href: '#/' + s, 'aria-current': s === current ? 'page' : null }, t(NAV_KEYS[s]))));
}

async function route() {
  translateStatic();
  if (!session) return;
  const [, section = '', id] = location.hash.split('/');
  const sections = mine();
  if (!sections.length) { nav.replaceChildren(); main.replaceChildren(h('p', { class: 'notice bad' }, t('noRole'))); return; }
  // An id from the address goes into an API path: digits only (anything else shows the section list).
  if (DETAILS[section] && /^\d{1,18}$/.test(id || '')) {
    renderNav(null);
    await DETAILS[section](main, session, id);
  } else {
    const chosen = sections.includes(section) ? section : sections[0];
    if (chosen !== section) { history.replaceState(null, '', '#/' + chosen); }
    renderNav(chosen);
    await SECTIONS[chosen][1](main, session);
  }
  main.focus({ preventScroll: true });
}

function signedIn(who) {
  session = who;
  const whoEl = document.getElementById('who');
  whoEl.textContent = who ? t('signedInAs', who.name, who.groups.map(g => t('role.' + g)).join('、')) : '';
  document.getElementById('signout').hidden = !who;
}

function signInScreen(message) {
  nav.replaceChildren();
  main.replaceChildren(h('section', { class: 'card' }, h('h2', {}, t('signInTitle')), h('p', {}, t('signInHint')),
    message ? h('p', { class: 'notice bad', role: 'alert' }, message) : null,
    h('button', { type: 'button', class: 'primary', id: 'signin', onclick: () => signIn(language()) }, t('signIn'))));
  ready();
}

// the first screen is drawn: the browser tests hold this under 1 s
function ready() {
  if (!performance.getEntriesByName('console-ready').length) performance.mark('console-ready');
}

async function start() {
  translateStatic();
  document.getElementById('lang').addEventListener('click', () => {
    setLanguage(language() === 'en' ? 'zh' : 'en');
    if (session) { signedIn(session); route(); } else { translateStatic(); signInScreen(); }
  });
  document.getElementById('signout').addEventListener('click', () => signOut());
  onTokensChange(who => { if (who) signedIn(who); else { signedIn(null); signInScreen(t('signInFailed')); } });
  let settings;
  try { settings = await configure(); } catch (e) { settings = undefined; }
  if (settings === null) { main.replaceChildren(h('p', { class: 'notice bad' }, t('notConfigured'))); return; }
  if (settings === undefined) { signInScreen(t('networkError')); return; }
  let ok = false;
  try { ok = await completeSignIn(); } catch (e) { signInScreen(t('signInFailed')); return; }
  if (!ok) { signInScreen(); return; }
  signedIn(claims());
  addEventListener('hashchange', route);
  await route();
  ready();
}

start();
