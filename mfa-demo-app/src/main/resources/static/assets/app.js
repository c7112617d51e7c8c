// The demo's screens before a complete login (sign in, create an account, the second
// factor), and the start of the app.

import * as api from './api.js';
import { messageFor } from './messages.js';
import { initSettings, showSettings } from './settings.js';
import { $, clearMessages, codeField, onSubmit, showAlert, showView } from './ui.js';

let challenge = null;
let challengeTimer = null;
const challengeCode = codeField('challenge');

function showLogin(message, kind = 'info') {
	endChallenge();
	$('account-bar').hidden = true;
	const form = $('login-form');
	clearMessages(form);
	$('login-password').value = '';
	if (message) {
		showAlert(form, message, kind);
	}
	showView('login-view', $('login-username').value ? $('login-password') : $('login-username'));
}

function showRegister() {
	const form = $('register-form');
	clearMessages(form);
	form.reset();
	showView('register-view', $('register-username'));
}

function showChallenge(result) {
	endChallenge();
	challenge = result;
	clearMessages($('challenge-form'));
	challengeCode.reset();
	$('challenge-switch').hidden = !result.methods.includes('recovery_code');
	// The token dies on the server after expiresIn; say so before the user types a code.
	challengeTimer = setTimeout(() => showLogin('The sign-in took too long. Please sign in again.'),
		result.expiresIn * 1000);
	showView('challenge-view', $('challenge-code'));
}

function endChallenge() {
	clearTimeout(challengeTimer);
	challenge = null;
}

async function enterSettings(user) {
	endChallenge();
	await showSettings(user);
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
	const result = await api.login(data.get('username').trim(), data.get('password'));
	if (result.mfaRequired) {
		$('challenge-username').textContent = data.get('username').trim();
		showChallenge(result);
	}
	else {
		await enterSettings();
	}
}, (error) => {
	if (error.code === 'bad_credentials') {
		$('login-password').value = '';
	}
	return false;
});

onSubmit($('register-form'), async (data) => {
	const username = data.get('username').trim();
	await api.register(username, data.get('password'));
	$('login-username').value = username;
	showLogin('Your account is ready. Sign in to continue.', 'success');
});

onSubmit($('challenge-form'), async (data) => {
	await api.verify(challenge.ephemeralToken, data.get('code').trim());
	await enterSettings();
}, (error) => {
	if (error.code === 'invalid_token') {
		showLogin('The sign-in expired or was already used. Please sign in again.');
		return true;
	}
	$('challenge-code').value = '';
	return signedOutOn(error);
});

$('show-register').addEventListener('click', (event) => {
	event.preventDefault();
	showRegister();
});
$('show-login').addEventListener('click', (event) => {
	event.preventDefault();
	showLogin();
});
$('challenge-cancel').addEventListener('click', () => showLogin());

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

// A session cookie may still hold a login; tokens (jwt mode) do not outlive the page.
async function start() {
	try {
		await api.start();
		await enterSettings(await api.currentUser());
	}
	catch (error) {
		showLogin(error.code === 'unauthenticated' ? null : messageFor(error), 'error');
	}
}

start();
