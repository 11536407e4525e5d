package io.signaling.gateway.frame;

import io.signaling.schemas.delivery.RejectionReason;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.delivery.SignalRejection;
import io.signaling.schemas.json.Json;
import io.signaling.schemas.json.RawJson;
import java.io.StringWriter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of every frame the gateway sends to a client (signaling-v1 §2, "Frames:
 * gateway to client").
 */
public final class OutgoingFrames {

    /**
     * A rejection whose reason this gateway does not know (an older record, or a newer
     * relay).
     */
    static final String UNAVAILABLE = "the recipient is unavailable";

    private OutgoingFrames() {
    }

    public static String ack(String id) {
        return write(Json.mapper().createObjectNode().put("type", "ack").put("id", id));
    }

    /**
     * {@code id} is left out when {@code null}: the frame could not be read far enough to
     * find one. Only an {@link ErrorCode} can be sent: the contract's codes, no other.
     */
    public static String error(String id, ErrorCode code, String message) {
        ObjectNode frame = Json.mapper().createObjectNode().put("type", "error");
        if (id != null) {
            frame.put("id", id);
        }
        return write(frame.put("code", code.code()).put("message", message));
    }

    /**
     * The relay's rejection as its sender reads it: {@code recipient-unavailable}
     * whatever the reason (contract §2), with a text that says which. The one place a
     * {@link RejectionReason} becomes client-facing.
     */
    public static String rejection(SignalRejection rejection) {
        return error(rejection.id(), ErrorCode.RECIPIENT_UNAVAILABLE, text(rejection.reason()));
    }

    /** No default branch: a new reason does not compile until it has its text. */
    static String text(RejectionReason reason) {
        return switch (reason) {
            case NO_SESSION -> "the recipient has no session";
            case SESSION_ENDED -> "the recipient's session ended before the message could be delivered";
            case HELD_LIMIT -> "the recipient has too many messages waiting for it to connect";
            case TOO_LARGE -> "the message is too large to relay";
            case PROCESSING_ERROR -> "the relay could not route the message";
            case CONNECTION_GONE -> "the recipient's connection was gone when the message arrived";
            case UNKNOWN -> UNAVAILABLE;
        };
    }

    /** The content goes in as the text its sender wrote: no tree, no second encoding. */
    public static String signal(SignalDelivery delivery) {
        StringWriter text = new StringWriter(delivery.content() == null ? 128 : 128 + delivery.content().length());
        try (JsonGenerator frame = Json.mapper().createGenerator(text)) {
            frame.writeStartObject();
            frame.writeStringProperty("type", "signal");
            frame.writeStringProperty("id", delivery.id());
            frame.writeStringProperty("from", delivery.from());
            frame.writeStringProperty("to", delivery.to());
            frame.writeName("content");
            frame.writeRawValue(delivery.content() == null ? RawJson.NULL.text() : delivery.content().text());
            if (delivery.sentAt() != null) {
                frame.writeStringProperty("sentAt", delivery.sentAt().toString());
            }
            frame.writeEndObject();
        }
        return text.toString();
    }

    private static String write(ObjectNode frame) {
        return Json.mapper().writeValueAsString(frame);
    }

}
