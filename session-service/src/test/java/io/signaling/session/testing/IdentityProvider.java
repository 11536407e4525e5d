package io.signaling.session.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An identity provider on loopback, made by the test: keys generated here (RSA, EC), a
 * JWK Set served at {@code /<name>/jwks} and an OIDC discovery document at
 * {@code /<name>/.well-known/openid-configuration} for each issuer {@code <url>/<name>},
 * and tokens signed with those keys. {@link #down} makes every request answer 503 (a
 * provider outage).
 */
public final class IdentityProvider implements AutoCloseable {

    private final HttpServer server;

    private final Map<String, JWKSet> jwkSets = new ConcurrentHashMap<>();

    private final AtomicInteger jwkSetRequests = new AtomicInteger();

    private volatile boolean down;

    public IdentityProvider() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    public static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The issuer named {@code name}: {@code <url>/<name>}. */
    public String issuer(String name) {
        return url() + "/" + name;
    }

    public String jwkSetUri(String name) {
        return issuer(name) + "/jwks";
    }

    /**
     * Publishes these keys (their public halves) as issuer {@code name}'s JWK Set,
     * replacing what it had.
     */
    public void publish(String name, JWK... keys) {
        jwkSets.put(name, new JWKSet(List.of(keys)).toPublicJWKSet());
    }

    public void down(boolean down) {
        this.down = down;
    }

    public int jwkSetRequests() {
        return jwkSetRequests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/", 3); // "", name,
                                                                          // rest
        String name = path.length > 1 ? path[1] : "";
        String rest = path.length > 2 ? path[2] : "";
        String body = null;
        if (!down && rest.equals("jwks") && jwkSets.containsKey(name)) {
            jwkSetRequests.incrementAndGet();
            body = jwkSets.get(name).toString();
        }
        else if (!down && rest.equals(".well-known/openid-configuration") && jwkSets.containsKey(name)) {
            body = "{\"issuer\":\"" + issuer(name) + "\",\"jwks_uri\":\"" + jwkSetUri(name) + "\"}";
        }
        byte[] bytes = (body == null ? "{\"error\":\"unavailable\"}" : body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(body != null ? 200 : down ? 503 : 404, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    // ---- tokens
    // ------------------------------------------------------------------------------------

    /**
     * Claims valid now for five minutes: sub, iat, exp; the customizer adds or changes
     * any.
     */
    public static JWTClaimsSet claims(String subject, Consumer<JWTClaimsSet.Builder> customizer) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(subject)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300)));
        customizer.accept(builder);
        return builder.build();
    }

    public static String sign(JWK key, JWSAlgorithm algorithm, JWTClaimsSet claims) {
        try {
            JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String signHmac(byte[] secret, JWSAlgorithm algorithm, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}: no signature at all. */
    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

}
