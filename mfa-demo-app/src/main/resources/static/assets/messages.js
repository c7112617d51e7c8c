// What a person reads for each error code of the contract.

const MESSAGES = {
	validation_failed: 'Please check the highlighted fields.',
	bad_credentials: 'Wrong username or password.',
	unauthenticated: 'Your session has ended. Please sign in again.',
	access_denied: 'This needs a complete sign-in. Please sign in again.',
	// Which code was wrong decides the advice: see codeMessage.
	invalid_code: 'That code did not work.',
	invalid_token: 'This sign-in has expired. Please start again.',
	mfa_already_enabled: 'Two-step verification is already on.',
	mfa_not_enabled: 'Two-step verification is already off.',
	mfa_required: 'This needs a code from your authenticator app.',
	username_taken: 'That username is taken. Please choose another one.',
	payload_too_large: 'That is too much text. Please shorten your input.',
	network_error: 'The server cannot be reached. Check your connection and try again.',
};

/**
 * The message for a refused code. The advice to wait for the next code fits a TOTP code
 * only: it is refused again within its 30 seconds once used, while a recovery code is
 * either right and unused, or not.
 * @param error the refusal
 * @param kind 'totp' or 'recovery_code', the kind of the code sent
 */
export function codeMessage(error, kind) {
	if (error.code !== 'invalid_code') {
		return messageFor(error);
	}
	return kind === 'totp'
		? 'That code did not work. Codes are used once; wait for the next one and try again.'
		: 'That recovery code did not work. Check it, or try another one: each code works once.';
}

/** The message to show for a failed call. */
export function messageFor(error) {
	if (error.code === 'too_many_attempts') {
		return tooManyAttempts(error.retryAfter);
	}
	if (error.code === 'validation_failed' && Object.keys(error.errors).length === 0) {
		return 'The request was not understood. Please check your input.';
	}
	return MESSAGES[error.code] || `Something went wrong (${error.status || 'no answer'}). Please try again.`;
}

function tooManyAttempts(seconds) {
	if (seconds === null || seconds === undefined) {
		return 'Too many attempts. Please wait a while before trying again.';
	}
	const at = new Date(Date.now() + seconds * 1000);
	const clock = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
	return `Too many attempts. Try again in ${duration(seconds)} (at ${clock}).`;
}

function duration(seconds) {
	if (seconds < 60) {
		return plural(seconds, 'second');
	}
	const minutes = Math.ceil(seconds / 60);
	if (minutes < 60) {
		return plural(minutes, 'minute');
	}
	return plural(Math.ceil(minutes / 60), 'hour');
}

function plural(count, unit) {
	return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

const FACTORS = {
	FACTOR_PASSWORD: 'Password',
	FACTOR_TOTP: 'Authenticator app',
	FACTOR_RECOVERY_CODE: 'Recovery code',
};

/** The name of a Spring Security factor authority. */
export function factorName(authority) {
	return FACTORS[authority] || authority;
}

const METHODS = {
	totp: 'Authenticator app',
	recovery_code: 'Recovery codes',
};

/** The name of a second-factor method of the contract. */
export function methodName(method) {
	return METHODS[method] || method;
}
