package io.signaling.relay.topology;

import io.signaling.schemas.UserIds;
import io.signaling.schemas.gateway.ConnectionClosed;
import io.signaling.schemas.gateway.ConnectionOpened;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.gateway.DeliveryFailed;
import io.signaling.schemas.gateway.GatewayReport;
import io.signaling.schemas.session.CreateSession;
import io.signaling.schemas.session.SessionCommand;
import io.signaling.schemas.signal.SignalAccepted;

/**
 * Checks that a record read without error can be decided: the JSON may parse yet miss a
 * field the relay needs. Each method returns what is wrong (for the warning), or
 * {@code null} when it is fine. The key must be the userId the value is about: it decides
 * the partition, hence the task and store that own the user, and it is the prefix of
 * held-signal keys.
 */
final class Inputs {

    private Inputs() {
    }

    static String problem(String key, SessionCommand command) {
        String problem = keyProblem(key, command == null ? null : command.userId(), command);
        if (problem != null) {
            return problem;
        }
        if (isBlank(command.sessionId())) {
            return "missing sessionId";
        }
        if (command instanceof CreateSession create) {
            if (isBlank(create.keyHash())) {
                return "missing keyHash";
            }
            if (isBlank(create.gatewayId())) {
                return "missing gatewayId";
            }
            if (create.deliveryPartition() < 0) {
                return "negative deliveryPartition";
            }
        }
        return null;
    }

    static String problem(String key, GatewayReport report) {
        String problem = keyProblem(key, report == null ? null : report.userId(), report);
        if (problem != null) {
            return problem;
        }
        if (report instanceof ConnectionOpened opened) {
            return isBlank(opened.sessionId()) ? "missing sessionId"
                    : isBlank(opened.gatewayId()) ? "missing gatewayId" : null;
        }
        if (report instanceof ConnectionClosed closed) {
            return isBlank(closed.sessionId()) ? "missing sessionId" : null;
        }
        if (report instanceof DeliveryFailed failed) {
            String sender = senderProblem(failed.id(), failed.from(), failed.senderSessionId(),
                    failed.senderGatewayId(), failed.senderDeliveryPartition());
            return sender != null ? sender
                    // a negative partition other than -1 names a signal routed at the
                    // edge
                    // by the deliveries record it was read from
                    // (SignalDelivery.directSource)
                    : failed.sourcePartition() == SignalDelivery.DIRECT || failed.sourceOffset() < 0
                            ? "missing source record" : null;
        }
        return "unknown report";
    }

    static String problem(String key, SignalAccepted signal) {
        String problem = keyProblem(key, signal == null ? null : signal.to(), signal);
        if (problem != null) {
            return problem;
        }
        return senderProblem(signal.id(), signal.from(), signal.senderSessionId(), signal.senderGatewayId(),
                signal.senderDeliveryPartition());
    }

    private static String keyProblem(String key, String userId, Object value) {
        if (value == null) {
            return "null value";
        }
        if (key == null) {
            return "null key";
        }
        if (!UserIds.isValid(key)) {
            return "key is not a valid userId";
        }
        if (!key.equals(userId)) {
            return "key does not match the record's userId";
        }
        return null;
    }

    /** Without these a rejection could not reach the sender. */
    private static String senderProblem(String id, String from, String senderSessionId, String senderGatewayId,
            int senderDeliveryPartition) {
        if (isBlank(id)) {
            return "missing id";
        }
        if (isBlank(from)) {
            return "missing from";
        }
        if (isBlank(senderSessionId)) {
            return "missing senderSessionId";
        }
        if (isBlank(senderGatewayId)) {
            return "missing senderGatewayId";
        }
        if (senderDeliveryPartition < 0) {
            return "negative senderDeliveryPartition";
        }
        return null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

}
