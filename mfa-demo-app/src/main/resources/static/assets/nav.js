// The screens in the browser's history, so that Back and Forward move between them
// inside the app instead of leaving it, and a reload knows which screen it was on.
// Each entry holds the screen's name (also in the URL's hash, for people) and the screen
// it was opened from.

let skipNextPop = false;

/** The screen of the current history entry, or null on a fresh page. */
export function currentScreen() {
	return history.state?.screen || location.hash.slice(1) || null;
}

/**
 * Record that a screen is shown. how is 'push' for a step forward (a new entry), 'replace'
 * for a screen shown instead of the entry's own (a redirect, a reload), and 'leave' for a
 * return: to the entry the current one was opened from when that is the screen, so that
 * the history holds no dead entries, else in place of the current one.
 */
export function record(screen, how = 'push') {
	const state = history.state || {};
	if (how === 'leave' && state.from === screen) {
		// The caller has drawn the screen already: the popstate of this step is not news.
		skipNextPop = true;
		history.back();
		return;
	}
	if (how === 'push' && state.screen !== screen) {
		history.pushState({ screen, from: state.screen || null }, '', `#${screen}`);
		return;
	}
	history.replaceState({ screen, from: state.from || null }, '', `#${screen}`);
}

/** Call handler(screen) when the user moves through the history with Back or Forward. */
export function onHistory(handler) {
	window.addEventListener('popstate', (event) => {
		if (skipNextPop) {
			skipNextPop = false;
			return;
		}
		handler(event.state?.screen || location.hash.slice(1) || 'login');
	});
}
