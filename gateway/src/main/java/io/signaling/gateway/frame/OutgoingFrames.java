package io.signaling.gateway.frame;

import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.json.Json;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of every frame the gateway sends to a client (signaling-v1 §2, "Frames:
 * gateway to client").
 */
public final class OutgoingFrames {

    private OutgoingFrames() {
    }

    public static String ack(String id) {
        return write(Json.mapper().createObjectNode().put("type", "ack").put("id", id));
    }

    /**
     * {@code id} is left out when {@code null}: the frame could not be read far enough to
     * find one.
     */
    public static String error(String id, String code, String message) {
        ObjectNode frame = Json.mapper().createObjectNode().put("type", "error");
        if (id != null) {
            frame.put("id", id);
        }
        return write(frame.put("code", code).put("message", message));
    }

    public static String error(String id, ErrorCode code, String message) {
        return error(id, code.code(), message);
    }

    public static String signal(SignalDelivery delivery) {
        ObjectNode frame = Json.mapper()
            .createObjectNode()
            .put("type", "signal")
            .put("id", delivery.id())
            .put("from", delivery.from())
            .put("to", delivery.to());
        frame.set("content", delivery.content() == null ? NullNode.getInstance() : delivery.content());
        if (delivery.sentAt() != null) {
            frame.put("sentAt", delivery.sentAt().toString());
        }
        return write(frame);
    }

    private static String write(ObjectNode frame) {
        return Json.mapper().writeValueAsString(frame);
    }

}
