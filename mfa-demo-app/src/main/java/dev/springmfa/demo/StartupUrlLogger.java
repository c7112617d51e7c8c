package dev.springmfa.demo;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Logs the address to open once the web server listens, so that the demo can be found
 * among the startup logs.
 */
@Component
class StartupUrlLogger implements ApplicationListener<WebServerInitializedEvent> {

	private static final Log logger = LogFactory.getLog(StartupUrlLogger.class);

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		// A separate management server has a namespace; only the application's own is
		// worth opening.
		if (event.getApplicationContext().getServerNamespace() == null) {
			logger.info("MFA demo running at http://localhost:" + event.getWebServer().getPort() + "/");
		}
	}

}
