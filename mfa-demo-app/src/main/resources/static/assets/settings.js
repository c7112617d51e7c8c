// The security settings: the current user, the MFA status, and turning TOTP on and off.

import * as api from './api.js';
import { codeMessage, factorName, messageFor, methodName } from './messages.js';
import * as nav from './nav.js';
import { $, clearMessages, codeField, codeKind, onSubmit, showAlert, showError, showView, timeElement } from './ui.js';

const PANELS = ['mfa-summary', 'setup-panel', 'regenerate-form', 'disable-form', 'recovery-panel'];

let signedOutOn = () => false;
let username = '';
let mfaEnabled = false;
let activation = null;
let shownCodes = [];
let sentKind = 'totp';
const setupCode = codeField('setup', { recovery: false });
// Regenerating takes a TOTP code only (docs/http-api.md); turning off takes either kind.
const regenerateCode = codeField('regenerate', { recovery: false });
const disableCode = codeField('disable');

/** Wire the settings screen; signedOut handles a refusal that means the login is gone. */
export function initSettings(signedOut) {
	signedOutOn = signedOut;
	$('enable-mfa').addEventListener('click', () => run(() => beginSetup('push')));
	$('setup-cancel').addEventListener('click', () => backToSummary());
	$('regenerate-open').addEventListener('click', () => openRegenerate('push'));
	$('regenerate-cancel').addEventListener('click', () => backToSummary());
	$('disable-open').addEventListener('click', () => openDisable('push'));
	$('disable-cancel').addEventListener('click', () => backToSummary());
	$('copy-codes').addEventListener('click', copyCodes);
	$('download-codes').addEventListener('click', downloadCodes);
	$('recovery-done').addEventListener('click', () => run(async () => {
		await refreshStatus();
		backToSummary($('mfa-title'));
	}));

	onSubmit($('setup-form'), async () => {
		const result = await api.confirmActivation(activation.activationToken, setupCode.value());
		activation = null;
		showCodes(result.recoveryCodes, 'Two-step verification is on.');
		// The login now has the TOTP factor too.
		run(() => Promise.all([refreshStatus(), refreshUser()]));
	}, {
		validate: () => setupCode.check(),
		onError: (error) => {
			if (error.code === 'invalid_token') {
				// The activation token is short-lived: offer a fresh QR code at once.
				run(async () => {
					await beginSetup('replace');
					showAlert($('setup-form'), 'The setup took too long. Scan this new QR code.');
				});
				return true;
			}
			return codeRefused($('setup-form'), $('setup-code'), error, 'totp');
		},
	});

	onSubmit($('regenerate-form'), async () => {
		const result = await confirmWith($('regenerate-form'), regenerateCode, api.regenerateRecoveryCodes);
		if (result) {
			// The notice of a recovery-code login counts codes that no longer exist.
			$('recovery-login-notice').hidden = true;
			showCodes(result.codes, 'Your new recovery codes are ready. The old ones no longer work.');
			run(refreshStatus);
		}
	}, {
		validate: () => regenerateCode.check(),
		onError: (error) => codeRefused($('regenerate-form'), $('regenerate-code'), error, sentKind),
	});

	onSubmit($('disable-form'), async () => {
		if (await confirmWith($('disable-form'), disableCode, api.deactivate)) {
			await refreshStatus();
			backToSummary($('mfa-title'));
			showNotice('Two-step verification is off.', 'success');
		}
	}, {
		validate: () => disableCode.check(),
		onError: (error) => codeRefused($('disable-form'), $('disable-code'), error, sentKind),
	});
}

/**
 * Load and show the settings of the signed-in user.
 * @param user the user if already loaded
 * @param screen the settings screen to show ('settings' or one of its panels)
 * @param how how the history records it (see nav.js)
 */
export async function showSettings(user, screen = 'settings', how = 'push') {
	const [me, status] = await Promise.all([user || api.currentUser(), api.mfaStatus()]);
	renderUser(me);
	renderStatus(status);
	$('recovery-login-notice').hidden = !(status.enabled && me.factors.includes('FACTOR_RECOVERY_CODE'));
	$('account-bar').hidden = false;
	showView('settings-view');
	await showSettingsScreen(screen, how);
}

/**
 * Show a screen of the settings that the history or a reload asks for. A screen that
 * holds what the page no longer has (a key of an earlier setup, recovery codes shown once)
 * says so instead of showing something else silently.
 */
export async function showSettingsScreen(screen, how = 'replace') {
	if (screen === 'settings/setup' && !mfaEnabled) {
		await run(async () => {
			await beginSetup(how);
			showAlert($('setup-form'), 'This is a new key. If you added an earlier one from this page to your app, '
				+ 'remove it there: only this one will work.', 'info');
		});
		return;
	}
	if (screen === 'settings/regenerate' && mfaEnabled) {
		openRegenerate(how);
		return;
	}
	if (screen === 'settings/disable' && mfaEnabled) {
		openDisable(how);
		return;
	}
	showPanel('mfa-summary');
	nav.record('settings', how);
	if (screen === 'settings/recovery-codes') {
		showNotice('Recovery codes are shown only once. If you did not save them, create new ones.', 'info');
	}
}

/** Show the factors of the login again, after a step-up changed them. */
export function refreshAccount() {
	return run(refreshUser);
}

function renderUser(me) {
	username = me.username;
	$('current-user').textContent = me.username;
	$('settings-user').textContent = me.username;
	$('factor-list').replaceChildren(...me.factors.map((factor) => {
		const item = document.createElement('li');
		item.dataset.factor = factor;
		item.textContent = factorName(factor);
		return item;
	}));
}

function renderStatus(status) {
	mfaEnabled = status.enabled;
	const badge = $('mfa-status');
	badge.textContent = status.enabled ? 'On' : 'Off';
	badge.dataset.enabled = String(status.enabled);
	badge.className = `badge ${status.enabled ? 'badge-on' : 'badge-off'}`;
	$('mfa-on').hidden = !status.enabled;
	$('mfa-off').hidden = status.enabled;
	$('mfa-methods').textContent = status.methods.map(methodName).join(', ');
	$('recovery-remaining').textContent = String(status.recoveryCodesRemaining);
	$('recovery-remaining').classList.toggle('warning', status.enabled && status.recoveryCodesRemaining <= 3);
	$('recovery-login-remaining').textContent = String(status.recoveryCodesRemaining);
	if (!status.enabled) {
		// Advice about the codes of a recovery-code login means nothing once MFA is off.
		$('recovery-login-notice').hidden = true;
	}
	$('mfa-enabled-at').replaceChildren(timeElement(status.enabledAt, 'Unknown'));
	$('mfa-last-used').replaceChildren(timeElement(status.lastUsedAt, 'Not yet'));
}

async function refreshStatus() {
	renderStatus(await api.mfaStatus());
}

async function refreshUser() {
	renderUser(await api.currentUser());
}

async function beginSetup(how) {
	activation = await api.beginActivation();
	$('totp-qr').src = activation.qrCode;
	$('totp-secret').textContent = activation.secret.match(/.{1,4}/g).join(' ');
	$('totp-url').href = activation.totpUrl;
	openForm('setup-panel', $('setup-code'));
	setupCode.reset();
	nav.record('settings/setup', how);
}

function openRegenerate(how) {
	openForm('regenerate-form', $('regenerate-code'));
	regenerateCode.reset();
	nav.record('settings/regenerate', how);
}

function openDisable(how) {
	openForm('disable-form', $('disable-code'));
	disableCode.reset();
	nav.record('settings/disable', how);
}

/**
 * Run an action that a code confirms (new recovery codes, turning off): the code is the
 * fresh proof of the second factor that the action needs, one prompt per action. When
 * the server first wants a step-up (mfa_required: the login lacks the factor, or it is
 * older than a rule allows), it refused before looking at the code, so that same code does
 * the step-up. The server takes a code once, so the action then asks for the next one.
 * @return the action's answer, or null when it waits for the next code
 */
async function confirmWith(form, field, action) {
	const code = field.value();
	sentKind = codeKind(code);
	try {
		return await action(code);
	}
	catch (error) {
		if (error.code !== 'mfa_required') {
			throw error;
		}
	}
	await api.stepUp(code);
	// The factors of the login changed.
	run(refreshUser);
	field.clear();
	showAlert(form, sentKind === 'totp'
		? 'That code confirmed your sign-in. A code works once: to finish, enter the next code your app shows.'
		: 'That recovery code confirmed your sign-in and is now spent. To finish, enter a code from your app or another recovery code.',
	'info');
	return null;
}

function showCodes(codes, message) {
	shownCodes = codes;
	$('recovery-code-list').replaceChildren(...codes.map((code) => {
		const item = document.createElement('li');
		const text = document.createElement('code');
		text.textContent = code;
		item.append(text);
		return item;
	}));
	$('recovery-panel-message').textContent = message;
	$('recovery-copy-status').textContent = '';
	showPanel('recovery-panel', $('recovery-title'));
	// In place of the setup or regeneration: Back from the codes goes to the summary.
	nav.record('settings/recovery-codes', 'replace');
}

function showPanel(panel, focus) {
	for (const id of PANELS) {
		$(id).hidden = id !== panel;
	}
	if (panel !== 'recovery-panel') {
		// Shown once: a page that moves on keeps no copy of them.
		shownCodes = [];
		$('recovery-code-list').replaceChildren();
	}
	$('settings-alert').hidden = true;
	focus?.focus();
}

function backToSummary(focus) {
	showPanel('mfa-summary', focus);
	nav.record('settings', 'leave');
}

function openForm(panel, input) {
	const form = $(panel).tagName === 'FORM' ? $(panel) : $(panel).querySelector('form');
	clearMessages(form);
	form.reset();
	showPanel(panel, input);
}

function showNotice(message, kind) {
	const alert = $('settings-alert');
	alert.textContent = message;
	alert.className = `alert alert-${kind}`;
	alert.hidden = false;
}

// A refused code: the advice fits the kind of code that was sent.
function codeRefused(form, input, error, kind) {
	if (settled(error)) {
		return true;
	}
	input.value = '';
	showError(form, error, { message: codeMessage(error, kind), focus: input });
	return true;
}

// A refusal that says the page is out of date (MFA turned on or off elsewhere) shows the
// real state; a lost login goes to sign in; anything else stays on the form.
function settled(error) {
	if (signedOutOn(error)) {
		return true;
	}
	if (error.code === 'mfa_already_enabled' || error.code === 'mfa_not_enabled') {
		run(async () => {
			await refreshStatus();
			backToSummary();
			showNotice(messageFor(error), 'info');
		});
		return true;
	}
	return false;
}

async function run(action) {
	try {
		await action();
	}
	catch (error) {
		if (!settled(error)) {
			showNotice(messageFor(error), 'error');
		}
	}
}

function codesText() {
	return [
		`MFA demo recovery codes for ${username}`,
		`Created ${new Date().toLocaleString()}`,
		'Each code signs you in once when you do not have your authenticator app.',
		'',
		...shownCodes,
		'',
	].join('\n');
}

async function copyCodes() {
	const status = $('recovery-copy-status');
	try {
		await navigator.clipboard.writeText(codesText());
		status.textContent = 'Copied to the clipboard.';
	}
	catch {
		// The clipboard API needs a secure context (HTTPS or localhost) and a permission.
		window.getSelection().selectAllChildren($('recovery-code-list'));
		status.textContent = 'Press Ctrl+C (⌘C on a Mac) to copy the selected codes.';
	}
}

function downloadCodes() {
	const url = URL.createObjectURL(new Blob([codesText()], { type: 'text/plain' }));
	const link = document.createElement('a');
	link.href = url;
	link.download = 'mfa-demo-recovery-codes.txt';
	link.click();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
	$('recovery-copy-status').textContent = 'Downloaded mfa-demo-recovery-codes.txt.';
}
