package io.signaling.gateway.handshake;

/**
 * Keys of the WebSocket session attributes that carry the handshake's outcome to the
 * handler.
 */
public final class HandshakeAttributes {

    /** An {@link Admission}: the handshake was accepted. */
    public static final String ADMISSION = "signaling.admission";

    /**
     * A {@code CloseCodes.Refusal}: an HTTP transport refused, to be closed with 4403
     * once open.
     */
    public static final String REFUSAL = "signaling.refusal";

    /**
     * A {@code Runnable} the HTTP transports run when a request of the session arrives:
     * its frames can be written again.
     */
    public static final String RESUME = "signaling.resume";

    /**
     * A {@code Runnable} the HTTP transports run when a request of an open session
     * begins, before SockJS writes into it: the client's proof that it read the previous
     * response.
     */
    public static final String REQUEST = "signaling.request";

    private HandshakeAttributes() {
    }

}
