package io.signaling.session.connect;

import io.signaling.session.auth.ConnectIdentity;
import io.signaling.session.system.ApiException;
import io.signaling.session.system.ErrorCode;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /connect} in both body forms of the contract; the work is in
 * {@link ConnectService}. With identity tokens on, Spring Security has verified the token
 * before this runs, and {@link ConnectIdentity} decides which userId the request may
 * take.
 */
@RestController
class ConnectController {

    private final ConnectService connect;

    private final ConnectIdentity identity;

    ConnectController(ConnectService connect, ConnectIdentity identity) {
        this.connect = connect;
        this.identity = identity;
    }

    /** {@code userId=alice}, as the original messaging-server accepted. */
    @PostMapping(path = "/connect", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<ConnectResponse> connectForm(@RequestParam(name = "userId", required = false) String userId) {
        return created(connect.connect(identity.userIdFor(userId)));
    }

    /**
     * {@code {"userId":"alice"}}. The body is required so that a request without one
     * falls to {@link #connectOther}; an empty JSON body is unreadable, which the advice
     * answers as a missing userId.
     */
    @PostMapping(path = "/connect", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/*+json" })
    ResponseEntity<ConnectResponse> connectJson(@RequestBody JsonNode body) {
        // Only a JSON string is a userId: {"userId":42} must not quietly become "42".
        JsonNode userId = body.get("userId");
        if (userId != null && !userId.isString()) {
            return created(connect.connect(null)); // 400 invalid-user-id, before any
                                                   // identity decision
        }
        return created(connect.connect(identity.userIdFor(userId == null ? null : userId.asString())));
    }

    /**
     * Any other request: with no body type at all the userId is simply missing (400); a
     * body of another type is refused (415). Spring prefers the two mappings above when
     * they match.
     */
    @PostMapping("/connect")
    ResponseEntity<ConnectResponse> connectOther(
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return created(connect.connect(identity.userIdFor(null)));
        }
        throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "send application/x-www-form-urlencoded (userId=...) or application/json ({\"userId\":...})");
    }

    private static ResponseEntity<ConnectResponse> created(ConnectResponse session) {
        return ResponseEntity.created(URI.create("/sessions/" + session.userId())).body(session);
    }

}
