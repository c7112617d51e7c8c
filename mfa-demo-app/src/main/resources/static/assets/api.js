// The client of the HTTP contract (docs/http-api.md). It hides the two login modes from
// the screens: in session mode the login lives in a cookie and every POST echoes the
// XSRF-TOKEN cookie; in jwt mode the tokens live in this module only (never in
// localStorage, where any injected script could read them) and go in a Bearer header.

const BASE = '/api/auth';

let accessToken = null;
let refreshToken = null;
let refreshing = null;
let csrfProtected = true;

/** A refusal of the server, carrying the contract's error code. */
export class ApiError extends Error {
	constructor(status, problem = {}, retryAfter = null) {
		super(problem.detail || problem.title || `HTTP ${status}`);
		this.status = status;
		this.code = problem.code || (status === 0 ? 'network_error' : 'unknown');
		this.errors = problem.errors || {};
		this.retryAfter = retryAfter;
	}
}

/** Whether the current login is held as tokens (jwt mode) rather than a session. */
export function usesTokens() {
	return accessToken !== null;
}

/**
 * Fetch the CSRF cookie that session mode needs before the first POST. A server in jwt
 * mode sets none: it has no CSRF protection, and POSTs then go without the header.
 */
export async function start() {
	await send('GET', '/csrf');
	csrfProtected = cookie('XSRF-TOKEN') !== null;
}

export async function register(username, password) {
	return parse(await send('POST', '/register', { username, password }));
}

/** The password step: a complete login, or a challenge for the second factor. */
export async function login(username, password) {
	dropTokens();
	return completeLogin(await send('POST', '/login', { username, password }));
}

/** The code step: a TOTP code or a recovery code against the challenge's token. */
export async function verify(ephemeralToken, code) {
	return completeLogin(await send('POST', '/mfa/verify', { ephemeralToken, code }));
}

export async function logout() {
	try {
		// Built per attempt: a refresh before the retry spends the refresh token.
		await call('POST', '/logout', () => (refreshToken ? { refreshToken } : undefined));
	}
	finally {
		dropTokens();
	}
}

export const currentUser = () => call('GET', '/user');
export const mfaStatus = () => call('GET', '/mfa/status');
export const beginActivation = () => call('GET', '/mfa/totp/activate');
export const confirmActivation = (activationToken, code) =>
	call('POST', '/mfa/totp/activate', { activationToken, code });
export const deactivate = (code) => call('POST', '/mfa/totp/deactivate', { code });
export const regenerateRecoveryCodes = (code) => call('POST', '/mfa/recovery-codes/regenerate', { code });

async function completeLogin(response) {
	const body = await parse(response);
	if (body && body.accessToken) {
		keepTokens(body);
	}
	return body;
}

// An authenticated call. In jwt mode an expired access token is refreshed once and the
// call retried; when that fails the tokens are dropped and the caller sees
// 'unauthenticated', as it would after a session timed out.
async function call(method, path, body) {
	const bodyNow = () => (typeof body === 'function' ? body() : body);
	const sentWith = accessToken;
	let response = await send(method, path, bodyNow());
	if (response.status === 401 && sentWith !== null && (await refreshed(sentWith))) {
		response = await send(method, path, bodyNow());
	}
	return parse(response);
}

// Parallel calls that all meet an expired token share one refresh: a refresh token is
// spent by its first use. A call that failed with a token already replaced just retries.
async function refreshed(expiredToken) {
	if (!refreshing && accessToken !== expiredToken) {
		return accessToken !== null;
	}
	if (!refreshing) {
		refreshing = refreshTokens().finally(() => {
			refreshing = null;
		});
	}
	return refreshing;
}

async function refreshTokens() {
	const token = refreshToken;
	// Dropped first: the refresh request must not carry the expired access token.
	dropTokens();
	if (!token) {
		return false;
	}
	try {
		keepTokens(await parse(await send('POST', '/token/refresh', { refreshToken: token })));
		return true;
	}
	catch {
		return false;
	}
}

function keepTokens(body) {
	accessToken = body.accessToken;
	refreshToken = body.refreshToken;
}

function dropTokens() {
	accessToken = null;
	refreshToken = null;
}

async function send(method, path, body) {
	const headers = { Accept: 'application/json, application/problem+json' };
	if (body !== undefined) {
		headers['Content-Type'] = 'application/json';
	}
	if (accessToken) {
		headers.Authorization = `Bearer ${accessToken}`;
	}
	else if (method !== 'GET' && csrfProtected) {
		headers['X-XSRF-TOKEN'] = await csrfToken();
	}
	try {
		return await fetch(BASE + path, {
			method,
			headers,
			credentials: 'same-origin',
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	}
	catch {
		throw new ApiError(0);
	}
}

// Spring Security rotates the token at login and clears it at logout, so the cookie is
// read afresh before every POST, and fetched again when it is gone.
async function csrfToken() {
	let token = cookie('XSRF-TOKEN');
	if (!token) {
		await send('GET', '/csrf');
		token = cookie('XSRF-TOKEN');
	}
	return token || '';
}

function cookie(name) {
	const prefix = `${name}=`;
	const found = document.cookie.split('; ').find((part) => part.startsWith(prefix));
	return found ? decodeURIComponent(found.slice(prefix.length)) : null;
}

async function parse(response) {
	const text = await response.text();
	let body = null;
	try {
		body = text ? JSON.parse(text) : null;
	}
	catch {
		body = null;
	}
	if (response.ok) {
		return body;
	}
	throw new ApiError(response.status, body || {}, retryAfterSeconds(response));
}

// Retry-After is seconds in the contract; an HTTP date is allowed by RFC 9110 too.
function retryAfterSeconds(response) {
	const value = response.headers.get('Retry-After');
	if (!value) {
		return null;
	}
	const seconds = Number(value);
	if (Number.isFinite(seconds)) {
		return Math.max(0, Math.ceil(seconds));
	}
	const date = Date.parse(value);
	return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
