package io.signaling.sockjs;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** SockJS URLs of the raw websocket transport (signaling-v1 §2). */
public final class SockJsUrls {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private SockJsUrls() {
    }

    /**
     * {@code <listeningAddress>/<server-id>/<session-id>/websocket?userId=…&token=…} with
     * the scheme turned into {@code ws}/{@code wss}; server and session ids are random,
     * as a SockJS client makes them.
     */
    public static URI websocket(String listeningAddress, String userId, String token) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return websocket(listeningAddress, String.format("%03d", random.nextInt(1000)), randomId(random, 8), userId,
                token);
    }

    public static URI websocket(String listeningAddress, String serverId, String sessionId, String userId,
            String token) {
        String base = listeningAddress.endsWith("/") ? listeningAddress.substring(0, listeningAddress.length() - 1)
                : listeningAddress;
        if (base.startsWith("https://")) {
            base = "wss://" + base.substring("https://".length());
        }
        else if (base.startsWith("http://")) {
            base = "ws://" + base.substring("http://".length());
        }
        return URI.create(base + "/" + serverId + "/" + sessionId + "/websocket?userId="
                + URLEncoder.encode(userId, StandardCharsets.UTF_8) + "&token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /**
     * The service's base URL ({@code http://host:port}) from a listening address such as
     * {@code http://host:port/ws}.
     */
    public static URI origin(String listeningAddress) {
        URI uri = URI.create(listeningAddress);
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    private static String randomId(ThreadLocalRandom random, int length) {
        char[] id = new char[length];
        for (int i = 0; i < length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

}
