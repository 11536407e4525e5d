package io.signaling.gateway.frame;

import tools.jackson.databind.JsonNode;

/**
 * A valid client frame. {@code id} is {@code null} when the client sent none;
 * {@code content} is a {@code NullNode} when absent, never {@code null}.
 */
public record ClientFrame(String id, String to, JsonNode content) {
}
