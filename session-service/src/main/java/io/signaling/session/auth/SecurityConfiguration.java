package io.signaling.session.auth;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Spring Security guards {@code POST /connect} only, and only checks a token there when
 * {@code signaling.auth.jwt.*} says how. Every other request (GET/DELETE /sessions,
 * /ice-servers with their listening key, actuator, the demo and client files) matches no
 * chain and is untouched: its {@code Authorization: Bearer} is a listening key, not a
 * JWT.
 *
 * <p>
 * The chain runs at Spring Security's filter order ({@code spring.security.filter.order},
 * -100): filters that refuse a request without looking at who sent it (a body-size limit,
 * a per-address rate limit) belong before it, so that a flood costs no signature check
 * and no JWK Set fetch.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(AuthProperties.class)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    AuthResponses authResponses(MeterRegistry registry) {
        return new AuthResponses(registry);
    }

    @Bean
    ConnectIdentity connectIdentity(AuthResponses responses) {
        return new ConnectIdentity(responses);
    }

    @Bean
    SecurityFilterChain connectSecurity(HttpSecurity http, AuthProperties properties, AuthResponses responses)
            throws Exception {
        IdentityTokens tokens = new IdentityTokens(properties);
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/connect"))
            .csrf(csrf -> csrf.disable()) // no cookies: nothing for a cross-site request
                                          // to ride on
            .cors(Customizer.withDefaults()) // the MVC CORS settings, so that a page can
                                             // read a 401 too
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .anonymous(Customizer.withDefaults());
        String policy = tokens.describe();
        if (properties.mode() == AuthProperties.Mode.OPEN) {
            log.info("{}", policy);
            http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
            return http.build();
        }
        http.oauth2ResourceServer(
                server -> server.authenticationManagerResolver(tokens.resolver()).authenticationEntryPoint(responses))
            .exceptionHandling(errors -> errors.authenticationEntryPoint(responses))
            .addFilterBefore(new IdentityProviderOutageFilter(responses), BearerTokenAuthenticationFilter.class)
            .authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
        log.info("{}", policy);
        return http.build();
    }

}
