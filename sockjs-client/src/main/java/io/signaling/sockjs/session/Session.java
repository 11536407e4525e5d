package io.signaling.sockjs.session;

/**
 * The 201 answer of {@code POST /connect} (signaling-v1 §1); the key is kept in memory
 * only, never printed.
 */
public record Session(String userId, String listeningAddress, String listeningKey) {

    @Override
    public String toString() {
        return "Session[userId=" + userId + ", listeningAddress=" + listeningAddress + "]";
    }
}
