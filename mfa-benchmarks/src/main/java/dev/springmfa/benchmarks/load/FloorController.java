package dev.springmfa.benchmarks.load;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The floor of a replay-protected verify: a JSON request in, one transaction with one
 * single-row conditional update, a JSON answer out. A verify cannot do less, since it
 * must move the user's last used time step forward atomically; the load benchmark
 * compares the verify endpoint with this one.
 * <p>
 * The transaction runs on a plain JDBC transaction manager of its own, not the demo's JPA
 * one: the floor is what the database needs, without an entity manager.
 * <p>
 * A second endpoint, the <em>budget floor</em>, runs what issue 10's statement budget
 * allows a verify, and nothing else: the demo's user store loads a user (its 2 queries),
 * then a row is locked and read and its conditional update follows, in one transaction.
 * The verify sends the same 4 statements, and does everything else a verify needs around
 * them.
 */
@RestController
final class FloorController implements InitializingBean {

	/**
	 * The path of the floor endpoint.
	 */
	static final String PATH = "/bench/floor";

	/**
	 * The path of the budget floor endpoint.
	 */
	static final String BUDGET_PATH = "/bench/budget-floor";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final UserDetailsService users;

	private final int rows;

	// The user store's queries join the transaction: it reads the same data source.
	FloorController(DataSource dataSource, UserDetailsService users, int rows) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
		this.users = users;
		this.rows = rows;
	}

	@Override
	public void afterPropertiesSet() {
		// Both server JVMs of a run share the database: the second finds the table.
		this.jdbc.execute("create table if not exists bench_counter (id integer primary key, n bigint not null)");
		this.jdbc.update("insert into bench_counter (id, n) select i, 0 from generate_series(1, ?) as i "
				+ "on conflict (id) do nothing", this.rows);
	}

	/**
	 * Count one use of a row, if its counter allows it.
	 * @param request the row
	 * @return whether the row was updated
	 */
	@PostMapping(PATH)
	FloorResponse floor(@RequestBody FloorRequest request) {
		Integer updated = this.transactions.execute((status) -> this.jdbc
			.update("update bench_counter set n = n + 1 where id = ? and n >= 0", request.id()));
		return new FloorResponse(updated != null && updated == 1);
	}

	/**
	 * Load a user, then lock, read and count one use of a row, if its counter allows it.
	 * @param request the user and the row
	 * @return whether the row was updated
	 */
	@PostMapping(BUDGET_PATH)
	FloorResponse budgetFloor(@RequestBody BudgetFloorRequest request) {
		Integer updated = this.transactions.execute((status) -> {
			this.users.loadUserByUsername(request.username());
			Long uses = this.jdbc.queryForObject("select n from bench_counter where id = ? for update", Long.class,
					request.id());
			Assert.state(uses != null, "The row has no counter");
			return this.jdbc.update("update bench_counter set n = ? where id = ? and n >= 0", uses + 1, request.id());
		});
		return new FloorResponse(updated != null && updated == 1);
	}

	/**
	 * A floor request.
	 *
	 * @param id the row, from 1 to the number of rows
	 */
	record FloorRequest(int id) {
	}

	/**
	 * A budget floor request.
	 *
	 * @param username the user to load
	 * @param id the row, from 1 to the number of rows
	 */
	record BudgetFloorRequest(String username, int id) {
	}

	/**
	 * A floor answer.
	 *
	 * @param updated whether the row was updated
	 */
	record FloorResponse(boolean updated) {
	}

}
