// Sign-in: OIDC authorization code with PKCE (S256) against the issuer the gateway names.
// Tokens live in this module's variables only (never localStorage); the one-time PKCE verifier and
// state wait in sessionStorage across the redirect to the issuer and are removed on return.
const PENDING = 'union-aid.signin';
let settings = null;   // { issuer, clientId, endpoints }
let tokens = null;     // { access, refresh, idToken, expiresAt }
let refreshTimer = null;
let onChange = () => {};

export function onTokensChange(listener) { onChange = listener; }

export async function configure() {
  const answer = await fetch('/console/config.json', { headers: { Accept: 'application/json' } });
  const config = await answer.json();
  if (!config.issuer) return null;
  const discovery = await fetch(config.issuer + '/.well-known/openid-configuration');
  if (!discovery.ok) throw new Error('discovery ' + discovery.status);
  settings = { issuer: config.issuer, clientId: config.clientId, endpoints: await discovery.json() };
  return settings;
}

function base64url(bytes) {
  let text = '';
  for (const b of new Uint8Array(bytes)) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText(size) { return base64url(crypto.getRandomValues(new Uint8Array(size))); }

function redirectUri() { return location.origin + '/'; }

export async function signIn(language) {
  const verifier = randomText(48);
  const state = randomText(16);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, hash: location.hash }));
  const url = new URL(settings.endpoints.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: settings.clientId, redirect_uri: redirectUri(), scope: 'openid',
    code_challenge: challenge, code_challenge_method: 'S256', state, ui_locales: language === 'en' ? 'en' : 'zh-CN',
  }).toString();
  location.assign(url.toString());
}

/** On return from the issuer: trades the code for tokens. True when signed in. */
export async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (!code && !params.get('error')) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', '/' + (pending && pending.hash ? pending.hash : ''));
  if (!code || !pending || pending.state !== params.get('state')) return false;
  await tokenCall({ grant_type: 'authorization_code', code, redirect_uri: redirectUri(), code_verifier: pending.verifier });
  return true;
}

async function tokenCall(form) {
  const answer = await fetch(settings.endpoints.token_endpoint, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: settings.clientId, ...form }),
  });
  if (!answer.ok) { forget(); throw new Error('token ' + answer.status); }
  const t = await answer.json();
  tokens = {
    access: t.access_token, refresh: t.refresh_token || (tokens && tokens.refresh),
    idToken: t.id_token || (tokens && tokens.idToken), expiresAt: Date.now() + t.expires_in * 1000,
  };
  clearTimeout(refreshTimer);
  // refresh a little before expiry (30 s, or a third of a short lifetime)
  const lead = Math.min(30, t.expires_in / 3) * 1000;
  refreshTimer = setTimeout(() => refresh().catch(() => onChange(null)), Math.max(1000, t.expires_in * 1000 - lead));
  onChange(claims());
}

export async function refresh() {
  if (!tokens || !tokens.refresh) throw new Error('no refresh token');
  await tokenCall({ grant_type: 'refresh_token', refresh_token: tokens.refresh });
}

function forget() { tokens = null; clearTimeout(refreshTimer); }

export function accessToken() { return tokens && tokens.access; }

/** The access token's claims: who, which roles (groups), which station. */
export function claims() {
  if (!tokens) return null;
  const part = tokens.access.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(Array.from(atob(part), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
  const c = JSON.parse(json);
  return { name: c.preferred_username || c.sub, groups: c.groups || [], station: c.station || null };
}

export function signOut() {
  const idToken = tokens && tokens.idToken;
  forget();
  const end = settings && settings.endpoints.end_session_endpoint;
  if (!end) { location.assign('/'); return; }
  const url = new URL(end);
  url.search = new URLSearchParams({
    client_id: settings.clientId, post_logout_redirect_uri: redirectUri(), ...(idToken ? { id_token_hint: idToken } : {}),
  }).toString();
  location.assign(url.toString());
}
