package io.signaling.audit.cli;

import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import picocli.CommandLine.Option;

/** Where the history lives: shared by the audit commands. */
final class KafkaOptions {

    @Option(names = "--bootstrap-servers", defaultValue = "${env:SPRING_KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka cluster to read (default: ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(names = "--topic-prefix", defaultValue = "${env:SIGNALING_TOPICS_PREFIX:-signaling}",
            description = "prefix of the platform's topic names (default: ${DEFAULT-VALUE})")
    String topicPrefix;

    Topics topics() {
        return Topics.from(TopicsProperties.defaults(topicPrefix));
    }

}
