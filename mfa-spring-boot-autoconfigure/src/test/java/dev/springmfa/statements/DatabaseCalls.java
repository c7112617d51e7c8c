package dev.springmfa.statements;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts what the app asks of its database, below every layer of the app and of the
 * starter: each {@link DataSource} bean is wrapped in a JDK proxy that counts the
 * connections taken from the pool, the statements executed on them with their SQL, and
 * the transactions ended on them (a commit or a rollback). Hand-written so that the tests
 * need no proxy library; it sees everything that goes through the pool, JPA and plain
 * JDBC alike.
 */
class DatabaseCalls implements BeanPostProcessor {

	private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate",
			"executeLargeUpdate", "executeBatch", "executeLargeBatch");

	private final AtomicInteger connectionIds = new AtomicInteger();

	private final List<String> calls = new ArrayList<>();

	private int connections;

	private int statements;

	private int transactions;

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource) {
			// Stays closeable, so that the context still shuts the pool down.
			Class<?>[] types = (bean instanceof AutoCloseable)
					? new Class<?>[] { DataSource.class, AutoCloseable.class } : new Class<?>[] { DataSource.class };
			return proxy(types, dataSource, (method, args) -> {
				Object result = invoke(dataSource, method, args);
				return (method.getName().equals("getConnection")) ? connection((Connection) result) : result;
			});
		}
		return bean;
	}

	/**
	 * Forget everything counted so far.
	 */
	synchronized void reset() {
		this.calls.clear();
		this.connectionIds.set(0);
		this.connections = 0;
		this.statements = 0;
		this.transactions = 0;
	}

	/**
	 * Return what was counted since the last reset.
	 * @return the counts and the calls in order
	 */
	synchronized Usage usage() {
		return new Usage(new Cost(this.statements, this.transactions, this.connections), List.copyOf(this.calls));
	}

	private Connection connection(Connection connection) {
		String id = "c" + this.connectionIds.incrementAndGet();
		record(id, "connection taken from the pool", Counter.CONNECTION);
		return proxy(new Class<?>[] { Connection.class }, connection, (method, args) -> {
			Object result = invoke(connection, method, args);
			switch (method.getName()) {
				case "commit", "rollback" -> record(id, method.getName(), Counter.TRANSACTION);
				case "createStatement" -> result = statement(Statement.class, (Statement) result, id, null);
				case "prepareStatement" ->
					result = statement(PreparedStatement.class, (Statement) result, id, (String) args[0]);
				case "prepareCall" ->
					result = statement(CallableStatement.class, (Statement) result, id, (String) args[0]);
				default -> {
				}
			}
			return result;
		});
	}

	private <T extends Statement> T statement(Class<T> type, Statement statement, String connectionId,
			@Nullable String preparedSql) {
		List<String> batch = new ArrayList<>();
		return proxy(new Class<?>[] { type }, statement, (method, args) -> {
			String name = method.getName();
			if (name.equals("addBatch")) {
				batch.add((args != null && args.length == 1) ? (String) args[0] : String.valueOf(preparedSql));
			}
			else if (EXECUTIONS.contains(name)) {
				record(connectionId, executedSql(name, args, preparedSql, batch), Counter.STATEMENT);
				batch.clear();
			}
			return invoke(statement, method, args);
		});
	}

	// A plain statement is given its SQL when executed, a prepared one when prepared.
	private static String executedSql(String execution, Object @Nullable [] args, @Nullable String preparedSql,
			List<String> batch) {
		if (execution.endsWith("Batch")) {
			return "batch of " + batch.size() + ": " + String.join("; ", new LinkedHashSet<>(batch));
		}
		if (args != null && args.length > 0 && args[0] instanceof String sql) {
			return sql;
		}
		return String.valueOf(preparedSql);
	}

	private synchronized void record(String connectionId, String call, Counter counter) {
		switch (counter) {
			case CONNECTION -> this.connections++;
			case STATEMENT -> this.statements++;
			case TRANSACTION -> this.transactions++;
		}
		this.calls.add(connectionId + "  " + call.strip().replaceAll("\\s+", " "));
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<?>[] types, Object target, Call call) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (method.getDeclaringClass() == Object.class) {
				return switch (method.getName()) {
					case "equals" -> proxy == args[0];
					case "hashCode" -> System.identityHashCode(proxy);
					case "toString" -> "counting " + target;
					default -> invoke(target, method, args);
				};
			}
			return call.handle(method, args);
		};
		return (T) Proxy.newProxyInstance(DatabaseCalls.class.getClassLoader(), types, handler);
	}

	private static @Nullable Object invoke(Object target, Method method, Object @Nullable [] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	private enum Counter {

		CONNECTION, STATEMENT, TRANSACTION

	}

	@FunctionalInterface
	private interface Call {

		@Nullable Object handle(Method method, Object @Nullable [] args) throws Throwable;

	}

	/**
	 * What one request asked of the database.
	 *
	 * @param cost the counts
	 * @param calls each connection taken, statement executed and transaction ended, in
	 * order, after the id of its connection
	 */
	record Usage(Cost cost, List<String> calls) {

		String trace() {
			return "  " + String.join("\n  ", this.calls);
		}

	}

}
