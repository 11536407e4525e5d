package io.signaling.platform.service;

/**
 * The deployables the launcher starts: their Maven module (and so their jar) and console
 * prefix.
 */
public enum Service {

    RELAY("relay-streams", "relay"), SESSION_SERVICE("session-service", "session"), GATEWAY("gateway", "gateway");

    private final String module;

    private final String prefix;

    Service(String module, String prefix) {
        this.module = module;
        this.prefix = prefix;
    }

    public String module() {
        return module;
    }

    public String prefix() {
        return prefix;
    }

}
