package io.signaling.bench.scenario;

import java.util.Locale;

/** What the load tool can do to a running platform. */
public enum Scenario {

    /** Pairs of users across gateways stream signals to each other. */
    RELAY("relay"),
    /**
     * Offer, answer and 10 ICE candidates each way; time until the exchange is complete.
     */
    CALL_SETUP("call-setup"),
    /** Sessions per second: {@code /connect}, SockJS open, close, again. */
    CONNECT_STORM("connect-storm"),
    /** Open many connections and hold them; the gateways' heap. */
    IDLE_CONNECTIONS("idle-connections");

    private final String id;

    Scenario(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Scenario of(String id) {
        for (Scenario s : values()) {
            if (s.id.equals(id.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "unknown scenario '" + id + "': relay, call-setup, connect-storm or idle-connections");
    }

    @Override
    public String toString() {
        return id;
    }

}
