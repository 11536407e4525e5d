package io.signaling.gateway.frame;

/**
 * The outcome of {@link FrameParser#parse}: a frame to accept, or the error frame to
 * answer.
 */
public sealed interface ParsedFrame permits ParsedFrame.Valid, ParsedFrame.Invalid {

    record Valid(ClientFrame frame) implements ParsedFrame {
    }

    /**
     * {@code id} is {@code null} when the frame could not be read far enough to find one.
     */
    record Invalid(String id, ErrorCode code, String message) implements ParsedFrame {
    }

}
