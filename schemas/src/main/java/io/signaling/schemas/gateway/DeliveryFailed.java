package io.signaling.schemas.gateway;

import io.signaling.schemas.delivery.SignalDelivery;
import java.time.Instant;

/**
 * A delivery reached the gateway after its recipient's connection was gone. Keyed by the
 * recipient; the relay answers the sender with {@code recipient-unavailable}.
 */
public record DeliveryFailed(String userId, SignalDelivery delivery, Instant at) implements GatewayReport {
}
