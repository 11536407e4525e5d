package io.signaling.session.commands;

import io.signaling.schemas.session.SessionCommand;
import io.signaling.schemas.topic.Topics;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends commands keyed by userId, so all of one user's commands reach one relay task in
 * order.
 */
@Component
class KafkaSessionCommands implements SessionCommands {

    private final KafkaTemplate<String, SessionCommand> template;

    private final String topic;

    KafkaSessionCommands(KafkaTemplate<String, SessionCommand> template, Topics topics) {
        this.template = template;
        this.topic = topics.sessionCommands().name();
    }

    @Override
    public CompletableFuture<Void> send(SessionCommand command) {
        try {
            return template.send(topic, command.userId(), command).thenApply(result -> null);
        }
        catch (RuntimeException e) {
            // send() itself throws when the metadata cannot be fetched within
            // max.block.ms
            return CompletableFuture.failedFuture(e);
        }
    }

}
