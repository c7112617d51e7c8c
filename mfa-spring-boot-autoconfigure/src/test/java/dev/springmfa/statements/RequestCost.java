package dev.springmfa.statements;

/**
 * What each measured request costs the database today, counted on the demo's JDBC user
 * store, where loading a user is two queries of the app's, each on a connection of its
 * own when no transaction is open. This table is the one place to change when a change of
 * the starter changes a cost: a lower number is progress to record here, a higher one
 * needs its reason in the commit message.
 * <p>
 * Each check of a code is one transaction on one connection: the reload of the user (2),
 * the authenticator read and locked (1), the outcome written (1), plus the recovery codes
 * read (1) and the one spent (1) for a recovery code. A login is the app's password step
 * (2, on connections of their own, as the app runs it) and the starter's one transaction:
 * the authenticator (1) and, for a user with MFA whose password step erased the password
 * hash, the user loaded again for the token's password fingerprint (2). Where recovery
 * codes are stored hashed, the codes a verify reads are the one row that the code's id
 * names. With the login throttle on (off by default) a login adds, before the password is
 * checked, one transaction that reserves the attempt, two statements for each of its
 * keys, the client address and the account (the row made sure of, the attempt counted); a
 * right password then one that releases it (a statement per key); a throttled attempt
 * stops at the key that has no budget left and reads the end of its window (1), on one
 * connection, with no password checked. In jwt mode a completed login records its refresh
 * token (1): in the transaction that accepts the code for a verify or a step-up (a
 * step-up reloads the user there for the token's password fingerprint, 2), in a
 * transaction of its own for a login without MFA, which the user's reload joins (2); a
 * refresh is one transaction: the user reloaded (2), the token spent (1) and its
 * successor recorded (1).
 */
enum RequestCost {

	// @formatter:off
	// NAME("request", statements, transactions, connections)
	LOGIN_WITHOUT_MFA("POST /api/auth/login, a user without MFA",                          3, 1, 3),
	LOGIN_WITH_MFA("POST /api/auth/login, a user with MFA",                                5, 1, 3),
	VERIFY_RIGHT_CODE("POST /api/auth/mfa/verify, the right TOTP code",                    4, 1, 1),
	VERIFY_WRONG_CODE("POST /api/auth/mfa/verify, a wrong code",                           4, 1, 1),
	VERIFY_REPLAYED_CODE("POST /api/auth/mfa/verify, a code of a time step used already",  4, 1, 1),
	VERIFY_RECOVERY_CODE("POST /api/auth/mfa/verify, an unused recovery code",             6, 1, 1),
	STEP_UP("POST /api/auth/mfa/step-up, the right TOTP code",                             2, 1, 1),
	STATUS("GET /api/auth/mfa/status, MFA on",                                             2, 1, 1),
	RECOVERY_CODES("GET /api/auth/mfa/recovery-codes",                                     2, 1, 1),
	HASHED_VERIFY_RECOVERY_CODE("POST /api/auth/mfa/verify, a recovery code stored hashed", 6, 1, 1),
	HASHED_RECOVERY_CODES("GET /api/auth/mfa/recovery-codes, codes stored hashed",          2, 1, 1),
	ACTIVATION_BEGIN("GET /api/auth/mfa/totp/activate",                                    1, 1, 1),
	ACTIVATION_CONFIRM("POST /api/auth/mfa/totp/activate, the right code",                12, 1, 1),
	DEACTIVATE("POST /api/auth/mfa/totp/deactivate, the right TOTP code",                  4, 1, 1),
	REGENERATE("POST /api/auth/mfa/recovery-codes/regenerate, the right TOTP code",       13, 1, 1),
	LOGIN_REFUSED_INPUT("POST /api/auth/login, a NUL in the username",                     0, 0, 0),
	VERIFY_REFUSED_INPUT("POST /api/auth/mfa/verify, the code as a JSON number",           0, 0, 0),
	SESSION_CALL_WITH_MFA("GET an app endpoint in a session, both factors",                0, 0, 0),
	SESSION_CALL_WITHOUT_MFA("GET an app endpoint in a session, a user without MFA",       0, 0, 0),
	JWT_LOGIN_WITHOUT_MFA("POST /api/auth/login in jwt mode, a user without MFA",          6, 2, 4),
	JWT_VERIFY_RIGHT_CODE("POST /api/auth/mfa/verify in jwt mode, the right TOTP code",    5, 1, 1),
	JWT_STEP_UP("POST /api/auth/mfa/step-up in jwt mode, the right TOTP code",              5, 1, 1),
	REFRESH("POST /api/auth/token/refresh",                                                4, 1, 1),
	BEARER_CALL_WITH_MFA("GET an app endpoint with a bearer token, both factors",          0, 0, 0),
	BEARER_CALL_WITHOUT_MFA("GET an app endpoint with a bearer token, no MFA",             0, 0, 0),
	THROTTLED_LOGIN_WITHOUT_MFA("POST /api/auth/login, throttle on, a user without MFA",   9, 3, 5),
	THROTTLED_LOGIN_WRONG_PASSWORD("POST /api/auth/login, throttle on, a wrong password",  6, 1, 3),
	THROTTLED_LOGIN_REFUSED("POST /api/auth/login, throttle on, the account throttled",   5, 1, 1);
	// @formatter:on

	private final String request;

	private final Cost cost;

	RequestCost(String request, int statements, int transactions, int connections) {
		this.request = request;
		this.cost = new Cost(statements, transactions, connections);
	}

	String request() {
		return this.request;
	}

	Cost cost() {
		return this.cost;
	}

}
