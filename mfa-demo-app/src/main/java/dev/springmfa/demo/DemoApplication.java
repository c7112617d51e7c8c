package dev.springmfa.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The MFA demo application.
 */
@SpringBootApplication
public class DemoApplication {

	/**
	 * Start the demo.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(DemoApplication.class, args);
	}

}
