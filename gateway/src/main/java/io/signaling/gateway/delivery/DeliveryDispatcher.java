package io.signaling.gateway.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.signaling.gateway.frame.OutgoingFrames;
import io.signaling.gateway.report.ReportSink;
import io.signaling.gateway.config.GatewayIdentity;
import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.delivery.SignalReceipt;
import io.signaling.schemas.delivery.SignalRejection;
import io.signaling.schemas.gateway.DeliveryFailed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Fans a delivery out to the one connection it is for, by queueing its frame there (this
 * thread, the deliveries consumer, never writes to a socket). A signal that finds no
 * connection of its session here, or that its connection could not write, goes back to
 * the relay as {@code DeliveryFailed}, which answers the sender with
 * {@code recipient-unavailable}: an accepted signal is never dropped silently. A
 * rejection that finds no connection is dropped: its sender is gone. A signal the relay
 * delivered is answered to its sender's gateway with a receipt ({@link ReceiptWriter}); a
 * receipt or a rejection for a connection here tells it which pairs may go direct
 * ({@code PairPaths}).
 */
@Component
class DeliveryDispatcher implements LostSignals {

    private final Recipients recipients;

    private final ReceiptWriter receipts;

    private final ReportSink reports;

    private final GatewayIdentity identity;

    private final Clock clock;

    private final Counter signalsOut;

    private final Counter duplicates;

    private final Timer relayLatency;

    DeliveryDispatcher(Recipients recipients, ReceiptWriter receipts, ReportSink reports, GatewayIdentity identity,
            Clock clock, MeterRegistry meters) {
        this.recipients = recipients;
        this.receipts = receipts;
        this.reports = reports;
        this.identity = identity;
        this.clock = clock;
        this.signalsOut = Counter.builder("signaling.gateway.signals.out")
            .description("Signals queued for a connected client (a lost one is reported, never dropped)")
            .register(meters);
        this.duplicates = Counter.builder("signaling.gateway.deliveries.duplicate")
            .description("Deliveries and rejections dropped as already given to the connection")
            .register(meters);
        this.relayLatency = Timer.builder("signaling.gateway.relay.latency")
            .description("From the sender's gateway accepting a signal to this gateway delivering it")
            .publishPercentileHistogram()
            .register(meters);
    }

    void dispatch(Delivery delivery) {
        if (!identity.id().equals(delivery.gatewayId())) {
            return; // another gateway sharing this partition
        }
        if (delivery instanceof SignalDelivery signal) {
            deliver(signal);
        }
        else if (delivery instanceof SignalRejection rejection) {
            reject(rejection);
        }
        else if (delivery instanceof SignalReceipt receipt) {
            Recipient sender = connectionOf(receipt);
            if (sender != null) {
                sender.relayAnswered(receipt.to(), receipt.sourcePartition(), receipt.sourceOffset());
            }
        }
    }

    private void deliver(SignalDelivery signal) {
        Recipient recipient = connectionOf(signal);
        if (recipient != null) {
            if (!recipient.dedup().firstDelivery(signal.sourcePartition(), signal.sourceOffset())) {
                duplicates.increment();
                return;
            }
            if (recipient.deliver(signal, OutgoingFrames.signal(signal))) { // queued:
                                                                            // written, or
                                                                            // handed back
                                                                            // as lost
                signalsOut.increment();
                if (!signal.direct()) {
                    receipts.delivered(signal);
                }
                if (signal.sentAt() != null) {
                    relayLatency.record(Duration.between(signal.sentAt(), clock.instant()));
                }
                return;
            }
        }
        lost(signal);
    }

    /** Through the relay, the sender hears {@code recipient-unavailable}. */
    @Override
    public void lost(SignalDelivery signal) {
        reports.report(new DeliveryFailed(signal.userId(), signal, Instant.now(clock)));
    }

    private void reject(SignalRejection rejection) {
        Recipient sender = connectionOf(rejection);
        if (sender == null) {
            return;
        }
        sender.relayAnswered(rejection.to(), rejection.sourcePartition(), rejection.sourceOffset());
        if (!sender.dedup().firstRejection(rejection.sourcePartition(), rejection.sourceOffset())) {
            duplicates.increment();
            return;
        }
        sender.reject(rejection.sourcePartition(), rejection.sourceOffset(), OutgoingFrames.rejection(rejection));
    }

    /**
     * The connection of the delivery's very session: one of an older session of that
     * userId is not it.
     */
    private Recipient connectionOf(Delivery delivery) {
        Recipient recipient = recipients.find(delivery.userId());
        return recipient != null && recipient.sessionId().equals(delivery.sessionId()) ? recipient : null;
    }

}
