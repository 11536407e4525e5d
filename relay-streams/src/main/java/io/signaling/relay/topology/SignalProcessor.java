package io.signaling.relay.topology;

import io.signaling.schemas.signal.SignalAccepted;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Routes each accepted signal by its recipient's session: delivered, held, or rejected. The
 * signal's own partition and offset go into what it becomes, so gateways can drop duplicates.
 */
final class SignalProcessor implements Processor<String, SignalAccepted, String, Object> {

    private ProcessorContext<String, Object> context;
    private SessionLedger ledger;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.ledger = new SessionLedger(context);
    }

    @Override
    public void process(Record<String, SignalAccepted> record) {
        String problem = Inputs.problem(record.key(), record.value());
        if (problem != null) {
            ledger.skip(problem);
            return;
        }
        RecordMetadata source = context.recordMetadata().orElse(null);
        if (source == null) {
            ledger.skip("no source record metadata");
            return;
        }
        ledger.route(record.value(), source.partition(), source.offset(), record.timestamp());
    }
}
