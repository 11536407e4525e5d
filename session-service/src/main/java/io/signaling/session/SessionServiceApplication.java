package io.signaling.session;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SessionServiceApplication {

    /**
     * Settings live in {@code session-service.yml}, not {@code application.yml}: the
     * services share one classpath when the system tests run them in one JVM, and would
     * read each other's file.
     */
    public static final String CONFIG_NAME = "session-service";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(SessionServiceApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        application.run(args);
    }

}
