package io.signaling.session.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** The one place that turns failures into the contract's JSON error bodies. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorBody> api(ApiException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.code().status());
        if (e.code() == ErrorCode.INVALID_KEY) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.body(ErrorBody.of(e.code(), e.getMessage()));
    }

    /** Only {@code POST /connect} reads a body, and its only field is the userId. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e) {
        return of(ErrorCode.INVALID_USER_ID, "the body must be a JSON object with a string userId");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorBody> mediaType(HttpMediaTypeNotSupportedException e) {
        return of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "send application/x-www-form-urlencoded (userId=...) or application/json ({\"userId\":...})");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorBody> method(HttpRequestMethodNotSupportedException e) {
        return of(ErrorCode.METHOD_NOT_ALLOWED, "method " + e.getMethod() + " is not supported here");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ErrorBody> notFound(NoResourceFoundException e) {
        return of(ErrorCode.NOT_FOUND, "no such endpoint");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> unexpected(Exception e) {
        log.error("Unexpected failure answering a request", e);
        return of(ErrorCode.INTERNAL_ERROR, "unexpected error");
    }

    private static ResponseEntity<ErrorBody> of(ErrorCode code, String message) {
        return ResponseEntity.status(code.status()).body(ErrorBody.of(code, message));
    }

}
