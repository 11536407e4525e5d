package io.signaling.session.commands;

import io.signaling.schemas.session.SessionCommand;
import java.util.concurrent.CompletableFuture;

/**
 * Where session commands go: the session-commands topic, keyed by userId, read by the
 * relay, which alone decides them. The future completes once the broker has the command
 * (acks=all), and fails when it refused it.
 */
public interface SessionCommands {

    CompletableFuture<Void> send(SessionCommand command);

}
