package io.signaling.edge;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A service on topics it does not expect: one start-up report, without a stack trace. */
class TopicLayoutFailureAnalyzer extends AbstractFailureAnalyzer<TopicLayoutException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TopicLayoutException cause) {
        return new FailureAnalysis("The Kafka topics are not as signaling.topics.* says: " + cause.getMessage(),
                "Create the topics with 'signaling topics create' and the same signaling.topics.* settings before "
                        + "starting the services, or start them with the settings the topics were created with. "
                        + "A service never creates or alters a topic.",
                null);
    }

}
