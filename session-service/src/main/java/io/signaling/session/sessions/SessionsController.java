package io.signaling.session.sessions;

import io.signaling.session.system.ApiException;
import io.signaling.session.system.ErrorCode;
import io.signaling.session.view.SessionView;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET} and {@code DELETE /sessions/{userId}}. Reads come from the view; deletes go
 * to the relay.
 */
@RestController
class SessionsController {

    private final SessionView view;

    private final EndSessionService endSession;

    SessionsController(SessionView view, EndSessionService endSession) {
        this.view = view;
        this.endSession = endSession;
    }

    @GetMapping("/sessions/{userId}")
    SessionResponse get(@PathVariable String userId) {
        return view.find(userId).map(SessionResponse::of).orElseThrow(() -> notFound(userId));
    }

    @DeleteMapping("/sessions/{userId}")
    ResponseEntity<Void> delete(@PathVariable String userId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        endSession.end(userId, BearerToken.from(authorization));
        return ResponseEntity.noContent().build();
    }

    static ApiException notFound(String userId) {
        return new ApiException(ErrorCode.SESSION_NOT_FOUND, "userId " + userId + " has no session");
    }

}
