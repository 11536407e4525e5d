package io.signaling.gateway.delivery;

/** Who is connected to this gateway. */
public interface Recipients {

    /** The open connection of {@code userId} here, or {@code null}. */
    Recipient find(String userId);

}
