package dev.springmfa.benchmarks.load;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
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
 */
@RestController
final class FloorController implements InitializingBean {

	/**
	 * The path of the floor endpoint.
	 */
	static final String PATH = "/bench/floor";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final int rows;

	FloorController(DataSource dataSource, int rows) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
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
	 * A floor request.
	 *
	 * @param id the row, from 1 to the number of rows
	 */
	record FloorRequest(int id) {
	}

	/**
	 * A floor answer.
	 *
	 * @param updated whether the row was updated
	 */
	record FloorResponse(boolean updated) {
	}

}
