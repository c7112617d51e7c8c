// Small DOM helpers shared by the screens.

import { messageFor } from './messages.js';

export const $ = (id) => document.getElementById(id);

const VIEWS = ['loading-view', 'login-view', 'register-view', 'challenge-view', 'settings-view'];

/** Show one screen, hide the others, and move the focus to its heading or first field. */
export function showView(id, focus) {
	for (const view of VIEWS) {
		$(view).hidden = view !== id;
	}
	const target = focus || $(id).querySelector('h1');
	target?.focus();
}

/** Show a message above a form; kind is 'error', 'success' or 'info'. */
export function showAlert(form, message, kind = 'error') {
	const alert = $(`${form.id}-alert`);
	alert.textContent = message;
	alert.className = `alert alert-${kind}`;
	alert.hidden = false;
}

/**
 * Show a failed call above a form, with one message under each field it names, and move
 * the focus to the first of them, or to focus, or to the first field.
 * @param options message replaces the message of the error code; focus is a field
 */
export function showError(form, error, { message, focus } = {}) {
	showAlert(form, message || messageFor(error));
	markFields(form, error.errors || {});
	(form.querySelector('[aria-invalid="true"]') || focus || form.querySelector('input'))?.focus();
}

/**
 * Mark the fields that a check refused. A person reads one message per field: the
 * field's own words for what it needs (its data-invalid), standing in for its hint,
 * rather than a validator's text such as "must not be blank" beside a hint that says it
 * already. A field without words of its own shows the server's text.
 */
function markFields(form, errors) {
	for (const [field, text] of Object.entries(errors)) {
		const input = form.elements[field];
		if (!(input instanceof HTMLInputElement)) {
			continue;
		}
		const error = fieldError(input);
		error.textContent = input.dataset.invalid || sentence(text);
		error.hidden = false;
		const hint = $(`${input.id}-hint`);
		if (hint) {
			hint.hidden = true;
		}
		input.setAttribute('aria-invalid', 'true');
	}
}

function sentence(text) {
	const trimmed = String(text).trim();
	return trimmed.charAt(0).toUpperCase() + trimmed.slice(1) + (/[.!?]$/.test(trimmed) ? '' : '.');
}

export function clearMessages(form) {
	$(`${form.id}-alert`).hidden = true;
	for (const input of form.querySelectorAll('input')) {
		input.removeAttribute('aria-invalid');
		const error = $(`${input.id}-error`);
		if (error) {
			error.hidden = true;
		}
		const hint = $(`${input.id}-hint`);
		if (hint) {
			hint.hidden = false;
		}
	}
}

function fieldError(input) {
	let error = $(`${input.id}-error`);
	if (!error) {
		error = document.createElement('p');
		error.id = `${input.id}-error`;
		error.className = 'field-error';
		input.insertAdjacentElement('afterend', error);
		input.setAttribute('aria-describedby',
			[input.getAttribute('aria-describedby'), error.id].filter(Boolean).join(' '));
	}
	return error;
}

/**
 * Run a form's action with its buttons disabled and its messages cleared, showing a
 * refusal above the form unless onError takes it (returns true). The form's own checks
 * run first: the constraints of its fields (required, pattern, length) and validate,
 * which returns an object of field name to message; a refused field keeps the request
 * from being sent.
 */
export function onSubmit(form, action, { validate, onError } = {}) {
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		clearMessages(form);
		const invalid = { ...constraintErrors(form), ...(validate ? validate() : {}) };
		if (Object.keys(invalid).length > 0) {
			markFields(form, invalid);
			form.querySelector('[aria-invalid="true"]')?.focus();
			return;
		}
		const buttons = form.querySelectorAll('button');
		buttons.forEach((button) => {
			button.disabled = true;
		});
		form.setAttribute('aria-busy', 'true');
		try {
			await action(new FormData(form));
		}
		catch (error) {
			if (!(onError && onError(error)) && form.isConnected) {
				showError(form, error);
			}
		}
		finally {
			buttons.forEach((button) => {
				button.disabled = false;
			});
			form.removeAttribute('aria-busy');
		}
	});
}

function constraintErrors(form) {
	const errors = {};
	for (const input of form.querySelectorAll('input')) {
		if (!input.checkValidity()) {
			errors[input.name] = input.dataset.invalid || input.validationMessage;
		}
	}
	return errors;
}

/**
 * A code as the server wants it: people type "123 456" or "abcd-efgh" as the app or the
 * saved list shows them, and only the digits and letters count.
 */
export function normalizeCode(value) {
	return String(value || '').replace(/[\s-]/g, '');
}

/** Whether a normalized code is a TOTP code ('totp') or else a recovery code. */
export function codeKind(code) {
	return /^\d{6}$/.test(code) ? 'totp' : 'recovery_code';
}

// A recovery code is 8 characters of Crockford's base32; the server reads the look-alikes
// i, l and o as 1, 1 and 0, and only u is never part of one.
const RECOVERY_CODE = /^[0-9a-tv-z]{8}$/i;

/**
 * A code field. With recovery, a button switches it between a TOTP code and a recovery
 * code (either is accepted by the server; the switch sets the keyboard, autofill, hint
 * and the check before sending); without it, it takes a TOTP code only.
 */
export function codeField(prefix, { recovery: allowRecovery = true } = {}) {
	const input = $(`${prefix}-code`);
	const label = $(`${prefix}-code-label`);
	const hint = $(`${prefix}-code-hint`);
	const toggle = $(`${prefix}-switch`);
	let recovery = false;
	const apply = () => {
		input.value = '';
		input.dataset.kind = recovery ? 'recovery_code' : 'totp';
		input.inputMode = recovery ? 'text' : 'numeric';
		input.autocomplete = recovery ? 'off' : 'one-time-code';
		// Room for separators: "123 456" must not be cut to "123 45".
		input.maxLength = recovery ? 24 : 16;
		input.placeholder = recovery ? 'xxxx-xxxx' : '123 456';
		input.dataset.invalid = recovery
			? 'Enter one of your recovery codes: 8 letters and digits, such as abcd-2345.'
			: 'Enter the 6 digits your authenticator app shows.';
		input.classList.toggle('code-input-recovery', recovery);
		if (label) {
			label.textContent = recovery ? 'Recovery code' : 'Authentication code';
		}
		if (hint) {
			hint.textContent = recovery
				? 'Enter one of the recovery codes you saved. Each one works once.'
				: 'Enter the 6-digit code from your authenticator app.';
		}
		if (toggle) {
			toggle.textContent = recovery ? 'Use your authenticator app instead' : 'Use a recovery code instead';
		}
	};
	if (toggle) {
		toggle.hidden = !allowRecovery;
		toggle.addEventListener('click', () => {
			recovery = !recovery;
			apply();
			input.focus();
		});
	}
	apply();
	return {
		/** Back to a TOTP code, empty; allow sets whether a recovery code may be chosen. */
		reset(allow = allowRecovery) {
			recovery = false;
			if (toggle) {
				toggle.hidden = !allow;
			}
			apply();
		},
		/** The code typed, without separators. */
		value() {
			return normalizeCode(input.value);
		},
		/** The field's refusal before sending, for onSubmit's validate. */
		check() {
			const code = normalizeCode(input.value);
			const fits = /^\d{6}$/.test(code) || (allowRecovery && !toggle?.hidden && RECOVERY_CODE.test(code));
			return fits ? {} : { [input.name]: input.dataset.invalid };
		},
		clear() {
			input.value = '';
			input.focus();
		},
	};
}

/** Format an ISO-8601 instant for people, in a time element that keeps the instant. */
export function timeElement(iso, fallback) {
	if (!iso) {
		return document.createTextNode(fallback);
	}
	const time = document.createElement('time');
	time.dateTime = iso;
	time.textContent = new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
	return time;
}
