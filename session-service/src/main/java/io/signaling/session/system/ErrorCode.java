package io.signaling.session.system;

import org.springframework.http.HttpStatus;

/**
 * Every error code this service answers with, in
 * {@code {"error":"<code>","message":...}}. The first eight are fixed by the contract
 * (signaling-v1 §1), and {@code unauthorized} and {@code user-id-not-allowed} (§6); the
 * rest are ours.
 */
public enum ErrorCode {

    INVALID_USER_ID(HttpStatus.BAD_REQUEST, "invalid-user-id"), USER_ID_TAKEN(HttpStatus.CONFLICT, "user-id-taken"),
    NO_GATEWAY_AVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "no-gateway-available"),
    SESSION_NOT_FOUND(HttpStatus.NOT_FOUND, "session-not-found"), INVALID_KEY(HttpStatus.UNAUTHORIZED, "invalid-key"),
    /**
     * A request body over {@code signaling.session.limits.max-body-size}, refused before
     * it is read.
     */
    REQUEST_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "request-too-large"),
    /**
     * Too many {@code /connect} from one client address; {@code Retry-After} says when to
     * try again.
     */
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "rate-limited"),
    /**
     * The platform is shedding load ({@code ConnectAdmission}); nothing was created;
     * {@code Retry-After} says when.
     */
    OVERLOADED(HttpStatus.SERVICE_UNAVAILABLE, "overloaded"),
    /**
     * Contract §6: no identity token, or one that failed verification (with
     * {@code WWW-Authenticate: Bearer}).
     */
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized"),
    /** Contract §6: the identity token is for another userId than the body names. */
    USER_ID_NOT_ALLOWED(HttpStatus.FORBIDDEN, "user-id-not-allowed"),
    /**
     * The identity provider's keys could not be fetched to verify a token (with
     * {@code Retry-After}).
     */
    IDENTITY_PROVIDER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "identity-provider-unavailable"),
    /**
     * The relay did not decide in time, Kafka refused the command, or the view is still
     * loading.
     */
    RELAY_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "relay-unavailable"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found"), INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error");

    private final HttpStatus status;

    private final String code;

    ErrorCode(HttpStatus status, String code) {
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

}
