package io.signaling.gateway;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class GatewayApplication {

    /**
     * Settings live in {@code gateway.yml}, not {@code application.yml}: the services
     * share one classpath when the system tests run them in one JVM, and would read each
     * other's file.
     */
    public static final String CONFIG_NAME = "gateway";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(GatewayApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        application.run(args);
    }

}
