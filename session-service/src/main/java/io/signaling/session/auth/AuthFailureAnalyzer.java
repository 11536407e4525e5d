package io.signaling.session.auth;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns {@link AuthConfigurationException} into a start-up report without a stack trace.
 */
class AuthFailureAnalyzer extends AbstractFailureAnalyzer<AuthConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AuthConfigurationException cause) {
        return new FailureAnalysis("Identity tokens on POST /connect: " + cause.getMessage(), cause.action(), null);
    }

}
