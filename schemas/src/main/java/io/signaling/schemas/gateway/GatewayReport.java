package io.signaling.schemas.gateway;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a gateway saw happen to a connection or a delivery, keyed by userId on the
 * gateway-reports topic (co-partitioned with session-commands). Written only by gateways;
 * decided by the relay.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = ConnectionOpened.class, name = "connection-opened"),
        @JsonSubTypes.Type(value = ConnectionClosed.class, name = "connection-closed"),
        @JsonSubTypes.Type(value = DeliveryFailed.class, name = "delivery-failed") })
public sealed interface GatewayReport permits ConnectionOpened, ConnectionClosed, DeliveryFailed {

    String userId();

}
