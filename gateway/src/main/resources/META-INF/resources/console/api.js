// Calls of /api through the gateway (same origin): the token, the user's language, problems as errors.
import { accessToken, refresh } from './auth.js';
import { language } from './i18n.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
    this.status = status;
    this.problem = problem || {};
  }
}

async function send(method, path, { body, type, headers = {}, accept = 'application/json' } = {}) {
  const h = { Accept: accept, 'Accept-Language': language() === 'en' ? 'en' : 'zh-CN,zh;q=0.9', ...headers };
  const token = accessToken();
  if (token) h.Authorization = 'Bearer ' + token;
  let payload = body;
  if (body !== undefined && !(body instanceof Blob) && typeof body !== 'string') {
    payload = JSON.stringify(body);
    h['Content-Type'] = 'application/json';
  } else if (type) {
    h['Content-Type'] = type;
  }
  return fetch('/api/v1' + path, { method, headers: h, body: payload });
}

export async function call(method, path, options = {}) {
  let answer = await send(method, path, options);
  if (answer.status === 401 && accessToken()) {
    // the token may have run out between refreshes: once more with a fresh one
    try { await refresh(); answer = await send(method, path, options); } catch (e) { /* answered below */ }
  }
  if (!answer.ok) {
    let problem = null;
    try { problem = await answer.json(); } catch (e) { problem = null; }
    throw new ApiError(answer.status, problem);
  }
  if (options.raw) return answer;
  if (answer.status === 204) return null;
  const text = await answer.text();
  return text ? JSON.parse(text) : null;
}

export const get = (path, options) => call('GET', path, options);
export const post = (path, body, options = {}) => call('POST', path, { ...options, body });
export const put = (path, body, options = {}) => call('PUT', path, { ...options, body });

/** A query string of the given values that are set. */
export function query(values) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}

/** Saves an answer's bytes as a file the user downloads. */
export async function download(path, filename, accept) {
  const answer = await call('GET', path, { raw: true, accept });
  const blob = await answer.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  return blob;
}
