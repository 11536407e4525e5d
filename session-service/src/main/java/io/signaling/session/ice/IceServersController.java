package io.signaling.session.ice;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.signaling.schemas.UserIds;
import io.signaling.schemas.security.ListeningKeys;
import io.signaling.session.sessions.BearerToken;
import io.signaling.session.system.ApiException;
import io.signaling.session.system.ErrorCode;
import io.signaling.session.view.SessionView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ice-servers}: the RTCPeerConnection {@code iceServers} for a client. STUN
 * for anyone; TURN credentials only for a live session that proves itself with its
 * listening key, since a TURN relay costs bandwidth.
 */
@RestController
@EnableConfigurationProperties(IceProperties.class)
class IceServersController {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record IceServer(List<String> urls, String username, String credential) {
    }

    record IceServers(List<IceServer> iceServers, Instant expiresAt) {
    }

    private final IceProperties properties;

    private final SessionView sessions;

    private final Clock clock;

    IceServersController(IceProperties properties, SessionView sessions, Clock clock) {
        this.properties = properties;
        this.sessions = sessions;
        this.clock = clock;
    }

    @GetMapping("/ice-servers")
    IceServers iceServers(@RequestParam(required = false) String userId,
            @RequestHeader(name = "Authorization", required = false) String authorization) {
        List<IceServer> servers = new ArrayList<>();
        if (!properties.stunUrls().isEmpty()) {
            servers.add(new IceServer(properties.stunUrls(), null, null));
        }
        if (!properties.offersTurn() || userId == null) {
            return new IceServers(servers, null);
        }
        if (!UserIds.isValid(userId)) {
            throw new ApiException(ErrorCode.INVALID_USER_ID,
                    "userId must be 1 to 64 characters from A-Z a-z 0-9 . _ @ -");
        }
        String key = BearerToken.from(authorization);
        boolean authorized = sessions.find(userId).map(s -> ListeningKeys.matches(key, s.keyHash())).orElse(false);
        if (!authorized) {
            throw new ApiException(ErrorCode.INVALID_KEY,
                    "TURN credentials need the session's listening key as a Bearer token");
        }
        Instant expiresAt = clock.instant().plus(properties.credentialTtl());
        TurnCredentials turn = TurnCredentials.issue(properties.turnSecret(), userId, expiresAt);
        servers.add(new IceServer(properties.turnUrls(), turn.username(), turn.credential()));
        return new IceServers(servers, expiresAt);
    }

}
