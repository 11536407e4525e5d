package io.signaling.platform.net;

/**
 * A port the platform will listen on, and which part of it listens there (for error
 * messages).
 */
public record PortUse(int port, String owner) {
}
