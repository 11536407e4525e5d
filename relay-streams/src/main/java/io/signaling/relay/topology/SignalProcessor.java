package io.signaling.relay.topology;

import io.signaling.schemas.topic.Topics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Routes each accepted signal by its recipient's session: delivered, held, or rejected.
 * The signal's own partition and offset go into what it becomes, so gateways can drop
 * duplicates.
 */
final class SignalProcessor implements Processor<String, RawSignal, String, Object> {

    private final Topics topics;

    private final RelaySettings settings;

    private ProcessorContext<String, Object> context;

    private SessionLedger ledger;

    SignalProcessor(Topics topics, RelaySettings settings) {
        this.topics = topics;
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.ledger = new SessionLedger(context, topics, settings);
        ledger.scheduleHeldWork(false);
    }

    @Override
    public void process(Record<String, RawSignal> record) {
        String problem = Inputs.problem(record.key(), record.value() == null ? null : record.value().signal());
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
