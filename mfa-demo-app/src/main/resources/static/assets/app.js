// The demo's screens before a complete login (sign in, create an account, the second
// factor), the start of the app, and its moves through the browser's history.

import * as api from './api.js';
import { codeMessage, messageFor } from './messages.js';
import * as nav from './nav.js';
import { initSettings, refreshAccount, showSettings, showSettingsScreen } from './settings.js';
import { askForStepUp } from './stepup.js';
import { $, clearMessages, codeField, codeKind, onSubmit, showAlert, showError, showView } from './ui.js';

// The code screen survives a reload: its challenge is kept in sessionStorage (this tab
// only, gone when the tab closes). That includes the ephemeral token, which is acceptable
// where no other token is: it is bound to this user and this one step, is spent by the
// first right code, dies after expiresIn (five minutes), and opens nothing without a code.
// Access and refresh tokens, TOTP keys and recovery codes never go to web storage.
const CHALLENGE_KEY = 'mfa-demo.challenge';

let challenge = null;
let challengeTimer = null;
let signedIn = false;
let sentKind = 'totp';
const challengeCode = codeField('challenge');

function showLogin(message, kind = 'info', how = 'push') {
	endChallenge();
	signedIn = false;
	$('account-bar').hidden = true;
	const form = $('login-form');
	clearMessages(form);
	$('login-password').value = '';
	if (message) {
		showAlert(form, message, kind);
	}
	showView('login-view', $('login-username').value ? $('login-password') : $('login-username'));
	nav.record('login', how);
}

function showRegister(how = 'push') {
	const form = $('register-form');
	clearMessages(form);
	form.reset();
	showView('register-view', $('register-username'));
	nav.record('register', how);
}

/**
 * Show the code screen.
 * @param pending the challenge: ephemeralToken, methods, username, and expiresAt (epoch
 * milliseconds, so that a reload knows the time left)
 */
function showChallenge(pending, how = 'push') {
	endChallenge();
	challenge = pending;
	sessionStorage.setItem(CHALLENGE_KEY, JSON.stringify(pending));
	$('challenge-username').textContent = pending.username;
	clearMessages($('challenge-form'));
	challengeCode.reset(pending.methods.includes('recovery_code'));
	// The token dies on the server at expiresAt; say so before the user types a code.
	challengeTimer = setTimeout(() => showLogin('The sign-in took too long. Please sign in again.', 'info', 'leave'),
		Math.max(0, pending.expiresAt - Date.now()));
	showView('challenge-view', $('challenge-code'));
	nav.record('verify', how);
}

function storedChallenge() {
	try {
		const stored = JSON.parse(sessionStorage.getItem(CHALLENGE_KEY));
		return stored?.ephemeralToken && Array.isArray(stored.methods) && Number.isFinite(stored.expiresAt) ? stored : null;
	}
	catch {
		return null;
	}
}

function endChallenge() {
	clearTimeout(challengeTimer);
	challenge = null;
	sessionStorage.removeItem(CHALLENGE_KEY);
}

async function enterSettings(user, screen = 'settings', how = 'push') {
	endChallenge();
	await showSettings(user, screen, how);
	signedIn = true;
}

// Whatever screen meets a lost login goes back to sign in with the reason.
function signedOutOn(error) {
	if (error.code === 'unauthenticated' || error.code === 'access_denied') {
		showLogin(messageFor(error));
		return true;
	}
	return false;
}

onSubmit($('login-form'), async (data) => {
	const username = data.get('username').trim();
	const result = await api.login(username, data.get('password'));
	if (result.mfaRequired) {
		showChallenge({
			ephemeralToken: result.ephemeralToken,
			methods: result.methods,
			username,
			expiresAt: Date.now() + result.expiresIn * 1000,
		});
	}
	else {
		await enterSettings();
	}
}, {
	onError: (error) => {
		if (error.code === 'bad_credentials') {
			// The username may well be right: retype the password, not both.
			$('login-password').value = '';
			showError($('login-form'), error, { focus: $('login-password') });
			return true;
		}
		return false;
	},
});

onSubmit($('register-form'), async (data) => {
	const username = data.get('username').trim();
	await api.register(username, data.get('password'));
	$('login-username').value = username;
	showLogin('Your account is ready. Sign in to continue.', 'success', 'leave');
});

onSubmit($('challenge-form'), async () => {
	if (!challenge) {
		showLogin('The sign-in expired. Please sign in again.', 'info', 'leave');
		return;
	}
	const code = challengeCode.value();
	sentKind = codeKind(code);
	await api.verify(challenge.ephemeralToken, code);
	await enterSettings();
}, {
	validate: () => challengeCode.check(),
	onError: (error) => {
		if (error.code === 'invalid_token') {
			showLogin('The sign-in expired or was already used. Please sign in again.', 'info', 'leave');
			return true;
		}
		if (signedOutOn(error)) {
			return true;
		}
		$('challenge-code').value = '';
		showError($('challenge-form'), error, { message: codeMessage(error, sentKind), focus: $('challenge-code') });
		return true;
	},
});

$('show-register').addEventListener('click', (event) => {
	event.preventDefault();
	showRegister();
});
$('show-login').addEventListener('click', (event) => {
	event.preventDefault();
	showLogin(null, 'info', 'leave');
});
$('challenge-cancel').addEventListener('click', () => showLogin(null, 'info', 'leave'));

$('logout-button').addEventListener('click', async () => {
	try {
		await api.logout();
		showLogin('You have signed out.', 'success');
	}
	catch (error) {
		showLogin(error.code === 'unauthenticated' ? 'You have signed out.' : messageFor(error));
	}
});

initSettings(signedOutOn);

api.onMfaRequired(async (error) => {
	const done = await askForStepUp(error);
	if (done && signedIn) {
		// The chips of the factors: the login has one more, or a younger one.
		refreshAccount();
	}
	return done;
});

// Back and Forward: a signed-in user stays in the settings (the screens before the login
// are behind them); otherwise sign in or create an account. A code screen that was left
// is not shown again: its challenge ended when it was left.
nav.onHistory((screen) => {
	if (signedIn) {
		showSettingsScreen(screen.startsWith('settings') ? screen : 'settings');
	}
	else if (screen === 'register') {
		showRegister('replace');
	}
	else {
		showLogin(null, 'info', 'replace');
	}
});

// A reload finds the screen it was on in the history entry. A session cookie may still
// hold a login; tokens (jwt mode) do not outlive the page.
async function start() {
	const screen = nav.currentScreen();
	try {
		await api.start();
		if (screen === 'verify') {
			const stored = storedChallenge();
			if (stored && stored.expiresAt > Date.now()) {
				showChallenge(stored, 'replace');
			}
			else {
				showLogin('Your sign-in expired. Please start again.', 'info', 'replace');
			}
			return;
		}
		endChallenge();
		await enterSettings(await api.currentUser(), screen?.startsWith('settings') ? screen : 'settings', 'replace');
	}
	catch (error) {
		if (error.code === 'unauthenticated' && screen === 'register') {
			showRegister('replace');
		}
		else if (error.code === 'unauthenticated') {
			// A settings screen had a login: a session that ended, or tokens (jwt mode) that
			// lived in the page only. Say so rather than look as if nothing happened.
			showLogin(screen?.startsWith('settings') ? 'Please sign in again to continue.' : null, 'info', 'replace');
		}
		else if (error.code === 'mfa_required') {
			// A login of the app without the second factor, and the user declined the code.
			showLogin('Sign in with your password and a code to continue.', 'info', 'replace');
		}
		else {
			showLogin(messageFor(error), 'error', 'replace');
		}
	}
}

start();
