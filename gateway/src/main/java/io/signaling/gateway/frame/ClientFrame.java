package io.signaling.gateway.frame;

import io.signaling.schemas.json.RawJson;

/**
 * A valid client frame. {@code id} is {@code null} when the client sent none;
 * {@code content} is the JSON text the client sent, {@link RawJson#NULL} when absent,
 * never {@code null}.
 */
public record ClientFrame(String id, String to, RawJson content) {
}
