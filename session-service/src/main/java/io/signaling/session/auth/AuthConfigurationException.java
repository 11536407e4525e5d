package io.signaling.session.auth;

/**
 * A start-up failure of the identity-token settings: what is wrong and what to do,
 * printed by {@link AuthFailureAnalyzer} as Spring Boot's "APPLICATION FAILED TO START"
 * report, no stack trace.
 */
public class AuthConfigurationException extends RuntimeException {

    private final String action;

    public AuthConfigurationException(String description, String action) {
        super(description);
        this.action = action;
    }

    public String action() {
        return action;
    }

}
