package dev.springmfa.session;

import java.net.URI;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * One running instance of the application, on a port of its own.
 *
 * @param name the name that the assertions show
 * @param context the instance's application context
 * @param port the instance's port
 */
record Instance(String name, ConfigurableApplicationContext context, int port) implements AutoCloseable {

	static Instance of(String name, ConfigurableApplicationContext context) {
		return new Instance(name, context,
				context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
	}

	URI uri(String path) {
		// The same host for every instance, as behind one load balancer: the browser
		// sends its cookies to each.
		return URI.create("http://localhost:" + this.port + path);
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Override
	public String toString() {
		return this.name;
	}

}
