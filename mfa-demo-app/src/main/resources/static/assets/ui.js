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

/** Show a message above a form; kind is 'error' or 'success'. */
export function showAlert(form, message, kind = 'error') {
	const alert = $(`${form.id}-alert`);
	alert.textContent = message;
	alert.className = `alert alert-${kind}`;
	alert.hidden = false;
}

/** Show a failed call above a form, with a message under each field it names. */
export function showError(form, error) {
	showAlert(form, messageFor(error));
	for (const [field, message] of Object.entries(error.errors || {})) {
		const input = form.elements[field];
		if (input) {
			fieldError(input).textContent = message;
			fieldError(input).hidden = false;
			input.setAttribute('aria-invalid', 'true');
		}
	}
	const invalid = form.querySelector('[aria-invalid="true"]');
	(invalid || form.querySelector('input'))?.focus();
}

export function clearMessages(form) {
	$(`${form.id}-alert`).hidden = true;
	for (const input of form.querySelectorAll('input')) {
		input.removeAttribute('aria-invalid');
		const error = $(`${input.id}-error`);
		if (error) {
			error.hidden = true;
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
 * refusal above the form unless onError takes it.
 */
export function onSubmit(form, action, onError) {
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		clearMessages(form);
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

/**
 * A code field that takes either a TOTP code or a recovery code, with a button that
 * switches between the two: the keyboard, autofill and hint follow the choice.
 */
export function codeField(prefix) {
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
		input.maxLength = recovery ? 20 : 6;
		input.placeholder = recovery ? 'xxxx-xxxx' : '123456';
		input.classList.toggle('code-input-recovery', recovery);
		label.textContent = recovery ? 'Recovery code' : 'Authentication code';
		hint.textContent = recovery
			? 'Enter one of the recovery codes you saved. Each one works once.'
			: 'Enter the 6-digit code from your authenticator app.';
		toggle.textContent = recovery ? 'Use your authenticator app instead' : 'Use a recovery code instead';
	};
	toggle.addEventListener('click', () => {
		recovery = !recovery;
		apply();
		input.focus();
	});
	apply();
	return {
		reset() {
			recovery = false;
			apply();
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
