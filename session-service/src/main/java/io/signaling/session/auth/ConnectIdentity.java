package io.signaling.session.auth;

import io.signaling.schemas.UserIds;
import io.signaling.session.system.ApiException;
import io.signaling.session.system.ErrorCode;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Whose userId a {@code POST /connect} may take (contract §6): with identity tokens on,
 * only the token's own (its {@code sub}, or the configured claim), and a body without a
 * userId takes it; without them, whichever the body names. A bean of
 * {@link SecurityConfiguration}.
 */
public class ConnectIdentity {

    private final AuthResponses responses;

    ConnectIdentity(AuthResponses responses) {
        this.responses = responses;
    }

    /**
     * The userId to connect; {@code 403 user-id-not-allowed} when the body names another
     * than the token's.
     */
    public String userIdFor(String requested) {
        Optional<String> owner = owner();
        if (owner.isEmpty()) {
            return requested;
        }
        if (requested == null) {
            responses.count(AuthResponses.Outcome.ACCEPTED);
            return owner.get();
        }
        if (UserIds.isValid(requested) && !requested.equals(owner.get())) {
            responses.count(AuthResponses.Outcome.NOT_ALLOWED);
            throw new ApiException(ErrorCode.USER_ID_NOT_ALLOWED,
                    "the identity token is for another userId than " + requested);
        }
        responses.count(AuthResponses.Outcome.ACCEPTED);
        return requested; // an invalid one is answered 400 invalid-user-id, as without
                          // tokens
    }

    private static Optional<String> owner() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken token ? Optional.of(token.getName()) : Optional.empty();
    }

}
