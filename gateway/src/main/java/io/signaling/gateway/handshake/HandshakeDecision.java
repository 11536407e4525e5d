package io.signaling.gateway.handshake;

import io.signaling.gateway.frame.CloseCodes.Refusal;

/** Exactly one of {@code admission} and {@code refusal} is set. */
record HandshakeDecision(Admission admission, Refusal refusal) {

    static HandshakeDecision accept(Admission admission) {
        return new HandshakeDecision(admission, null);
    }

    static HandshakeDecision refuse(Refusal refusal) {
        return new HandshakeDecision(null, refusal);
    }

    boolean accepted() {
        return admission != null;
    }
}
