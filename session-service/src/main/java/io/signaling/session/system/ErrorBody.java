package io.signaling.session.system;

/** The contract's error body: {@code {"error":"<code>","message":"<human text>"}}. */
public record ErrorBody(String error, String message) {

    static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(code.code(), message);
    }
}
