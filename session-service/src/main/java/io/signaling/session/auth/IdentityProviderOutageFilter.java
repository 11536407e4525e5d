package io.signaling.session.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Just before Spring Security's bearer-token filter, which rethrows an
 * {@link AuthenticationServiceException} (a JWK Set that could not be fetched) rather
 * than answering it: here it becomes a 503, not a 500.
 */
final class IdentityProviderOutageFilter extends OncePerRequestFilter {

    private final AuthResponses responses;

    IdentityProviderOutageFilter(AuthResponses responses) {
        this.responses = responses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        }
        catch (AuthenticationServiceException e) {
            if (response.isCommitted()) {
                throw e;
            }
            responses.unavailable(response, e);
        }
    }

}
