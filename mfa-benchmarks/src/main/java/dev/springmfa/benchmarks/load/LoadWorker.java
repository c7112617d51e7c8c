package dev.springmfa.benchmarks.load;

import java.io.Closeable;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * One closed-loop worker of the load generator: a platform thread's own client, with one
 * connection to each server JVM. It sends its next request when the last one has been
 * answered.
 */
final class LoadWorker implements Closeable {

	private final Map<ServerMode, HttpConnection> connections = new EnumMap<>(ServerMode.class);

	private final Map<ServerMode, DemoClient> clients = new EnumMap<>(ServerMode.class);

	LoadWorker(Map<ServerMode, Integer> ports) {
		ports.forEach((mode, port) -> {
			HttpConnection connection = new HttpConnection("127.0.0.1", port);
			this.connections.put(mode, connection);
			this.clients.put(mode, new DemoClient(connection, mode));
		});
	}

	/**
	 * Return the client of a server.
	 * @param mode the server's login mode
	 * @return the client
	 */
	DemoClient client(ServerMode mode) {
		DemoClient client = this.clients.get(mode);
		if (client == null) {
			throw new IllegalArgumentException("No server in " + mode + " mode");
		}
		return client;
	}

	/**
	 * Open every connection again, before a round: Tomcat closes a connection that stays
	 * idle, as one does while the other side of a comparison runs.
	 * @throws IOException if a connection cannot be opened
	 */
	void reopen() throws IOException {
		for (HttpConnection connection : this.connections.values()) {
			connection.reopen();
		}
	}

	@Override
	public void close() {
		this.connections.values().forEach(HttpConnection::close);
	}

}
