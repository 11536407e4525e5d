package io.signaling.gateway.handshake;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The open HTTP-transport SockJS sessions of this gateway, by SockJS session id, with the
 * credentials every further request of theirs must carry (signaling-v1 §2): the userId
 * and the listening-key hash of the admitted session. Websocket connections are one
 * request and need no entry.
 */
@Component
public class HttpTransportSessions {

    private final Map<String, Admission> byId = new ConcurrentHashMap<>();

    public void opened(String sockJsSessionId, Admission admission) {
        byId.put(sockJsSessionId, admission);
    }

    public void closed(String sockJsSessionId) {
        byId.remove(sockJsSessionId);
    }

    /**
     * The admitted session behind this SockJS session id, or null (unknown, refused, or
     * closed).
     */
    Admission find(String sockJsSessionId) {
        return byId.get(sockJsSessionId);
    }

}
