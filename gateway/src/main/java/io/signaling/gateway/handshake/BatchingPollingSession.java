package io.signaling.gateway.handshake;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.sockjs.transport.SockJsServiceConfig;
import org.springframework.web.socket.sockjs.transport.session.PollingSockJsSession;

/**
 * Spring's xhr-polling session, able to answer one poll with many messages written by the
 * connection's outbox. Spring answers a poll as soon as one message is sent while it is
 * open, so frames sent one by one would take one poll each; the outbox keeps frames until
 * a poll is open (so they stay counted, and are answered if it never comes) and then
 * hands over a batch: each message but the last goes into SockJS's cache without ending
 * the poll, the last flushes them all into its response. A poll that begins on another
 * thread meanwhile takes what is cached as usual (SockJS's own lock orders the two); the
 * outbox accounts for wherever a message ends up (the connection's {@code Requests}).
 */
public final class BatchingPollingSession extends PollingSockJsSession {

    private volatile Thread batching;

    private volatile Thread finishing;

    private boolean flushedByBatch; // only the finishing thread, under SockJS's lock

    public BatchingPollingSession(String id, SockJsServiceConfig config, WebSocketHandler handler,
            Map<String, Object> attributes) {
        super(id, config, handler, attributes);
    }

    /**
     * Sends {@code messages} (at least one), in one poll response when a poll is open.
     * True when they went into the response of the poll open then; false when SockJS
     * cached (some of) them for the next poll (none was open when the last was sent).
     */
    public boolean sendAll(List<String> messages) throws IOException {
        int last = messages.size() - 1;
        batching = Thread.currentThread();
        try {
            for (int i = 0; i < last; i++) {
                sendMessage(new TextMessage(messages.get(i)));
            }
        }
        finally {
            batching = null;
        }
        finishing = Thread.currentThread();
        flushedByBatch = false;
        try {
            sendMessage(new TextMessage(messages.get(last)));
            return flushedByBatch;
        }
        finally {
            finishing = null;
        }
    }

    /**
     * Not while this thread sends a batch's first messages; any other thread (a poll
     * beginning) flushes as usual.
     */
    @Override
    protected void flushCache() {
        Thread current = Thread.currentThread();
        if (batching != current) {
            super.flushCache();
            if (finishing == current) {
                flushedByBatch = true;
            }
        }
    }

}
