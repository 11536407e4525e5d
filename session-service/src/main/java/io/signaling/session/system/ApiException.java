package io.signaling.session.system;

/**
 * A client-facing failure: {@link ApiExceptionHandler} turns it into its status and JSON
 * body.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;

    public ApiException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

}
