// The client of the HTTP contract (docs/http-api.md). It hides the two login modes from
// the screens: in session mode the login lives in a cookie and every POST carries the
// CSRF token that GET /csrf names; in jwt mode the tokens live in this module only
// (never in web storage, where any injected script could read them) and go in a Bearer
// header.

// The server's mfa.base-path, named here only: every call below goes through BASE.
const BASE = '/api/auth';

let accessToken = null;
let refreshToken = null;
let refreshing = null;
// The header name and token from GET /csrf; null where the server wants none (jwt mode),
// undefined until read.
let csrf;
let stepUpHandler = null;
let steppingUp = null;

/** A refusal of the server, carrying the contract's error code. */
export class ApiError extends Error {
	constructor(status, problem = {}, retryAfter = null) {
		super(problem.detail || problem.title || `HTTP ${status}`);
		this.status = status;
		this.code = problem.code || (status === 0 ? 'network_error' : 'unknown');
		this.errors = problem.errors || {};
		this.retryAfter = retryAfter;
		// mfa_required: the factors of which any one will do, and 'missing' or 'expired'.
		this.factors = problem.factors || [];
		this.reason = problem.reason || null;
	}
}

/**
 * Set who answers an mfa_required refusal: handler(error) asks the user for a code and
 * steps up, and resolves true when the login now has the factor, false when the user
 * declined. A call refused that way is then sent once more.
 */
export function onMfaRequired(handler) {
	stepUpHandler = handler;
}

/** Read the CSRF token that session mode needs before the first POST. */
export async function start() {
	csrf = await readCsrf();
}

export async function register(username, password) {
	return unwrap(await send('POST', '/register', { username, password }));
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

/**
 * Complete or renew the second factor of the current login with a TOTP code or a
 * recovery code. It answers like a completed login: a new session id, or a new token pair.
 */
export async function stepUp(code) {
	return completeLogin(await authorized('POST', '/mfa/step-up', { code }));
}

export async function logout() {
	try {
		// Built per attempt: a refresh before the retry spends the refresh token.
		await call('POST', '/logout', () => (refreshToken ? { refreshToken } : undefined));
	}
	finally {
		dropTokens();
		csrf = undefined;
	}
}

export const currentUser = () => call('GET', '/user');
export const mfaStatus = () => call('GET', '/mfa/status');
export const beginActivation = () => call('GET', '/mfa/totp/activate');

/** Turning MFA on upgrades the current login; in jwt mode the answer carries its tokens. */
export async function confirmActivation(activationToken, code) {
	const body = await call('POST', '/mfa/totp/activate', { activationToken, code });
	keepLogin(body);
	return body;
}

// These two carry a code that the server checks once: resending the same body after a
// step-up would replay it. An mfa_required refusal goes back to the screen instead, which
// knows that the code was not looked at (see settings.js).
export const deactivate = (code) => call('POST', '/mfa/totp/deactivate', { code }, { stepUp: false });
export const regenerateRecoveryCodes = (code) =>
	call('POST', '/mfa/recovery-codes/regenerate', { code }, { stepUp: false });

async function completeLogin(reply) {
	const body = unwrap(reply);
	keepLogin(body);
	return body;
}

function keepLogin(body) {
	if (body && body.accessToken) {
		accessToken = body.accessToken;
		refreshToken = body.refreshToken;
	}
	// A login, a step-up and an activation change the session, and Spring Security gives a
	// changed session a new CSRF token: read it again before the next POST.
	csrf = undefined;
}

// An authenticated call. A refusal for a missing or too old second factor is answered by
// a step-up and the call sent once more; a second refusal is the caller's to show.
async function call(method, path, body, { stepUp = true } = {}) {
	let reply = await authorized(method, path, body);
	if (stepUp && mfaRequired(reply) && stepUpHandler && (await steppedUp(new ApiError(reply.status, reply.body)))) {
		reply = await authorized(method, path, body);
	}
	return unwrap(reply);
}

function mfaRequired(reply) {
	return reply.status === 401 && reply.body?.code === 'mfa_required';
}

// Parallel calls refused together ask for one code, not one each.
function steppedUp(error) {
	if (!steppingUp) {
		steppingUp = Promise.resolve(stepUpHandler(error)).finally(() => {
			steppingUp = null;
		});
	}
	return steppingUp;
}

// In jwt mode an expired access token is refreshed once and the call retried; when that
// fails the tokens are dropped and the caller sees 'unauthenticated', as it would after a
// session timed out. An mfa_required refusal is not an expired token: a refresh keeps the
// factors and their times, so it would be refused again.
async function authorized(method, path, body) {
	const bodyNow = () => (typeof body === 'function' ? body() : body);
	const sentWith = accessToken;
	let reply = await send(method, path, bodyNow());
	if (reply.status === 401 && !mfaRequired(reply) && sentWith !== null && (await refreshed(sentWith))) {
		reply = await send(method, path, bodyNow());
	}
	return reply;
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
		keepLogin(unwrap(await send('POST', '/token/refresh', { refreshToken: token })));
		return true;
	}
	catch {
		return false;
	}
}

function dropTokens() {
	accessToken = null;
	refreshToken = null;
}

async function send(method, path, body, retried = false) {
	const headers = { Accept: 'application/json, application/problem+json' };
	if (body !== undefined) {
		headers['Content-Type'] = 'application/json';
	}
	let sentCsrf = false;
	if (accessToken) {
		headers.Authorization = `Bearer ${accessToken}`;
	}
	else if (method !== 'GET') {
		if (csrf === undefined) {
			csrf = await readCsrf();
		}
		if (csrf) {
			headers[csrf.headerName] = csrf.token;
			sentCsrf = true;
		}
	}
	let response;
	try {
		response = await fetch(BASE + path, {
			method,
			headers,
			credentials: 'same-origin',
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	}
	catch {
		throw new ApiError(0);
	}
	const reply = await read(response);
	// A token goes stale with its session (a timeout, a login in another tab), and the
	// server then refuses the POST before acting on it: read the token again and resend
	// once. A refusal for another reason comes back the same.
	if (reply.status === 403 && sentCsrf && !retried) {
		csrf = undefined;
		return send(method, path, body, true);
	}
	return reply;
}

// GET /csrf names the header and the token of whatever CSRF setup the server has, and
// answers 204 where none is needed (jwt mode). The token is the session's; an XSRF-TOKEN
// cookie, where the server sets one, only mirrors it, and is not read here: another site
// of the same domain can plant a cookie of that name.
async function readCsrf() {
	const reply = await send('GET', '/csrf');
	if (reply.status === 200 && reply.body?.headerName && reply.body?.token) {
		const { headerName, token } = reply.body;
		return { headerName, token };
	}
	return null;
}

async function read(response) {
	const text = await response.text();
	let body = null;
	try {
		body = text ? JSON.parse(text) : null;
	}
	catch {
		body = null;
	}
	return { status: response.status, ok: response.ok, body, retryAfter: retryAfterSeconds(response) };
}

function unwrap(reply) {
	if (reply.ok) {
		return reply.body;
	}
	throw new ApiError(reply.status, reply.body || {}, reply.retryAfter);
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
