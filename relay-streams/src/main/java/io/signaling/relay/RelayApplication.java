package io.signaling.relay;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class RelayApplication {

    /**
     * Settings live in {@code relay-streams.yml}, not {@code application.yml}: the
     * services share one classpath when the system tests run them in one JVM, and would
     * read each other's file.
     */
    public static final String CONFIG_NAME = "relay-streams";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(RelayApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        application.run(args);
    }

}
