package io.signaling.gateway.handshake;

/** What a handshake needs to know about the connections already open here. */
public interface ConnectedUsers {

    boolean isConnected(String userId);

    /** False while the gateway drains for shutdown. */
    boolean accepting();

    /**
     * True while the gateway holds {@code max-connections}: a handshake now is refused
     * {@code gateway-full}.
     */
    boolean full();

}
