// The step-up prompt: the answer to an mfa_required refusal. The login lacks the second
// factor (a form or remember-me login of the app) or its factor is older than a rule
// allows; one code completes or renews it, and the refused call is sent again.

import * as api from './api.js';
import { codeMessage } from './messages.js';
import { $, clearMessages, codeField, codeKind, onSubmit, showError } from './ui.js';

const dialog = $('stepup-dialog');
const form = $('stepup-form');
const code = codeField('stepup');
let pending = null;
let sentKind = 'totp';

/**
 * Ask for a code and step up with it.
 * @param error the mfa_required refusal, naming the factors and the reason
 * @return a promise of true once stepped up, false when the user declines; it rejects
 * when the login is gone
 */
export function askForStepUp(error) {
	if (pending) {
		return pending.promise;
	}
	let resolve;
	let reject;
	const promise = new Promise((yes, no) => {
		resolve = yes;
		reject = no;
	});
	pending = { promise, resolve, reject };
	clearMessages(form);
	// Any one of the named factors will do; an older server names none.
	code.reset(error.factors.length === 0 || error.factors.includes('FACTOR_RECOVERY_CODE'));
	$('stepup-reason').textContent = error.reason === 'expired'
		? 'For your security, this needs a fresh code. Enter the code your authenticator app shows now.'
		: 'This needs the second step of your sign-in. Enter a code from your authenticator app.';
	dialog.showModal();
	$('stepup-code').focus();
	return promise;
}

function finish(settle, value) {
	const current = pending;
	pending = null;
	if (dialog.open) {
		dialog.close();
	}
	current?.[settle](value);
}

onSubmit(form, async () => {
	const sent = code.value();
	sentKind = codeKind(sent);
	await api.stepUp(sent);
	finish('resolve', true);
}, {
	validate: () => code.check(),
	onError: (error) => {
		if (error.code === 'mfa_not_enabled') {
			// Turned off meanwhile: nothing to step up, and the call goes through now.
			finish('resolve', true);
			return true;
		}
		if (error.code === 'unauthenticated' || error.code === 'access_denied') {
			finish('reject', error);
			return true;
		}
		$('stepup-code').value = '';
		showError(form, error, { message: codeMessage(error, sentKind), focus: $('stepup-code') });
		return true;
	},
});

$('stepup-cancel').addEventListener('click', () => finish('resolve', false));
// Escape closes a modal dialog: the same as Cancel.
dialog.addEventListener('cancel', (event) => {
	event.preventDefault();
	finish('resolve', false);
});
