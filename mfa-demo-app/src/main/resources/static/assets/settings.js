// The security settings: the current user, the MFA status, and turning TOTP on and off.

import * as api from './api.js';
import { factorName, messageFor, methodName } from './messages.js';
import { $, clearMessages, codeField, onSubmit, showAlert, showView, timeElement } from './ui.js';

const PANELS = ['mfa-summary', 'setup-panel', 'regenerate-form', 'disable-form', 'recovery-panel'];

let signedOutOn = () => false;
let username = '';
let activation = null;
let shownCodes = [];
const disableCode = codeField('disable');

/** Wire the settings screen; signedOut handles a refusal that means the login is gone. */
export function initSettings(signedOut) {
	signedOutOn = signedOut;
	$('enable-mfa').addEventListener('click', () => run(beginSetup));
	$('setup-cancel').addEventListener('click', () => showPanel('mfa-summary'));
	$('regenerate-open').addEventListener('click', () => openForm('regenerate-form', $('regenerate-code')));
	$('regenerate-cancel').addEventListener('click', () => showPanel('mfa-summary'));
	$('disable-open').addEventListener('click', () => {
		disableCode.reset();
		openForm('disable-form', $('disable-code'));
	});
	$('disable-cancel').addEventListener('click', () => showPanel('mfa-summary'));
	$('copy-codes').addEventListener('click', copyCodes);
	$('download-codes').addEventListener('click', downloadCodes);
	$('recovery-done').addEventListener('click', () => run(async () => {
		shownCodes = [];
		$('recovery-code-list').replaceChildren();
		await refreshStatus();
		showPanel('mfa-summary', $('mfa-title'));
	}));

	onSubmit($('setup-form'), async (data) => {
		const result = await api.confirmActivation(activation.activationToken, data.get('code').trim());
		activation = null;
		showCodes(result.recoveryCodes, 'Two-step verification is on.');
		run(refreshStatus);
	}, (error) => {
		if (error.code === 'invalid_token') {
			// The activation token is short-lived: offer a fresh QR code at once.
			run(async () => {
				await beginSetup();
				showAlert($('setup-form'), 'The setup took too long. Scan this new QR code.');
			});
			return true;
		}
		$('setup-code').value = '';
		return settled(error);
	});

	onSubmit($('regenerate-form'), async (data) => {
		const result = await api.regenerateRecoveryCodes(data.get('code').trim());
		showCodes(result.codes, 'Your new recovery codes are ready. The old ones no longer work.');
		run(refreshStatus);
	}, (error) => {
		$('regenerate-code').value = '';
		return settled(error);
	});

	onSubmit($('disable-form'), async (data) => {
		await api.deactivate(data.get('code').trim());
		await refreshStatus();
		showPanel('mfa-summary', $('mfa-title'));
		showNotice('Two-step verification is off.', 'success');
	}, (error) => {
		$('disable-code').value = '';
		return settled(error);
	});
}

/** Load and show the settings of the signed-in user. */
export async function showSettings(user) {
	const [me, status] = await Promise.all([user || api.currentUser(), api.mfaStatus()]);
	username = me.username;
	$('current-user').textContent = me.username;
	$('settings-user').textContent = me.username;
	$('factor-list').replaceChildren(...me.factors.map((factor) => {
		const item = document.createElement('li');
		item.dataset.factor = factor;
		item.textContent = factorName(factor);
		return item;
	}));
	$('recovery-login-notice').hidden = !me.factors.includes('FACTOR_RECOVERY_CODE');
	renderStatus(status);
	$('settings-alert').hidden = true;
	showPanel('mfa-summary');
	$('account-bar').hidden = false;
	showView('settings-view');
}

function renderStatus(status) {
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
	$('mfa-enabled-at').replaceChildren(timeElement(status.enabledAt, 'Unknown'));
	$('mfa-last-used').replaceChildren(timeElement(status.lastUsedAt, 'Not yet'));
}

async function refreshStatus() {
	renderStatus(await api.mfaStatus());
}

async function beginSetup() {
	activation = await api.beginActivation();
	$('totp-qr').src = activation.qrCode;
	$('totp-secret').textContent = activation.secret.match(/.{1,4}/g).join(' ');
	$('totp-url').href = activation.totpUrl;
	openForm('setup-panel', $('setup-code'));
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
}

function showPanel(panel, focus) {
	for (const id of PANELS) {
		$(id).hidden = id !== panel;
	}
	$('settings-alert').hidden = true;
	focus?.focus();
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

// A refusal that says the page is out of date (MFA turned on or off elsewhere) shows the
// real state; a lost login goes to sign in; anything else stays on the form.
function settled(error) {
	if (signedOutOn(error)) {
		return true;
	}
	if (error.code === 'mfa_already_enabled' || error.code === 'mfa_not_enabled') {
		run(async () => {
			await refreshStatus();
			showPanel('mfa-summary');
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
