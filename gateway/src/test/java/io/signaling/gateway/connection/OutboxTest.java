package io.signaling.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;
import io.signaling.schemas.json.RawJson;
import static org.awaitility.Awaitility.await;

import io.signaling.gateway.frame.CloseCodes;
import io.signaling.gateway.frame.MessageAssembler;
import io.signaling.gateway.handshake.Admission;
import io.signaling.gateway.signal.TokenBucket;
import io.signaling.schemas.session.DeleteReason;
import io.signaling.gateway.config.GatewayProperties;
import io.signaling.gateway.system.ShippedConfiguration;
import io.signaling.schemas.delivery.SignalDelivery;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;

class OutboxTest {

    private static final long STALL = Duration.ofSeconds(10).toNanos();

    private static final long PING_INTERVAL = Duration.ofSeconds(10).toNanos();

    private static final long PONG_TIMEOUT = Duration.ofSeconds(10).toNanos();

    private static final long HEARTBEAT = Duration.ofSeconds(5).toNanos();

    private final FakeTransport transport = new FakeTransport();

    private final List<SignalDelivery> lost = new CopyOnWriteArrayList<>();

    private final List<Outbox.Loss> losses = new CopyOnWriteArrayList<>();

    private final Queue<Runnable> tasks = new ArrayDeque<>();

    private final Executor later = tasks::add;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    private long now = 1_000_000_000L;

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void writesFramesInTheOrderTheyWereQueuedWithOneHandOffForABurst() {
        Outbox outbox = outbox(later, 1000);

        assertThat(outbox.offer(frame("a"))).isTrue();
        assertThat(outbox.offer(frame("b"))).isTrue();
        assertThat(outbox.offer(signal("s1"))).isTrue();
        assertThat(tasks).hasSize(1); // the first frame scheduled the drain; the others
                                      // joined it
        runTasks();

        assertThat(transport.written).containsExactly("a", "b", "s1");
        assertThat(outbox.queuedChars()).isZero();
        assertThat(lost).isEmpty();
    }

    @Test
    void aQueueOverTheLimitIsASlowConsumerWhoseQueuedSignalsAreHandedBack() {
        Outbox outbox = outbox(later, 10);

        outbox.offer(signal("s1")); // 2 chars each
        outbox.offer(frame("ack"));
        outbox.offer(signal("s2"));
        assertThat(losses).isEmpty();
        outbox.offer(signal("s3-over-the-limit"));

        assertThat(losses).containsExactly(Outbox.Loss.QUEUE_FULL);
        assertThat(lost).extracting(SignalDelivery::id).containsExactly("s1", "s2", "s3-over-the-limit");
        assertThat(outbox.offer(signal("s4"))).as("refused: the caller reports it").isFalse();
        runTasks();
        assertThat(transport.written).isEmpty();
        assertThat(transport.closed).containsExactly(CloseCodes.SLOW_CONSUMER);
    }

    @Test
    void framesWaitingWithNothingWrittenForTheLimitAreAStall() {
        Outbox outbox = outbox(later, 1000);
        outbox.offer(signal("s1"));

        now += STALL; // not over it yet
        outbox.check(now, PING_INTERVAL, PONG_TIMEOUT);
        assertThat(losses).isEmpty();
        now += 1;
        outbox.check(now, PING_INTERVAL, PONG_TIMEOUT);

        assertThat(losses).containsExactly(Outbox.Loss.WRITE_STALLED);
        assertThat(lost).extracting(SignalDelivery::id).containsExactly("s1");
    }

    @Test
    void anIdleOutboxNeverStalls() {
        Outbox outbox = outbox(Runnable::run, 1000);
        outbox.offer(frame("a"));

        now += 10 * STALL;
        outbox.check(now, Long.MAX_VALUE, PONG_TIMEOUT);
        outbox.offer(frame("b")); // frames wait from now on, not from the last write

        outbox.check(now + STALL / 2, Long.MAX_VALUE, PONG_TIMEOUT);
        assertThat(losses).isEmpty();
        assertThat(transport.written).containsExactly("a", "b");
    }

    @Test
    void aWriteThatNeverReturnsIsAbortedUnderneathAndItsSignalHandedBack() throws Exception {
        transport.block = new CountDownLatch(1);
        Outbox outbox = outbox(threads, 1000);
        outbox.offer(signal("stuck"));
        outbox.offer(signal("queued"));
        await().atMost(Duration.ofSeconds(5)).until(() -> transport.writing);

        now += STALL + 1;
        outbox.check(now, PING_INTERVAL, PONG_TIMEOUT);

        assertThat(losses).containsExactly(Outbox.Loss.WRITE_STALLED);
        await().atMost(Duration.ofSeconds(5)).until(() -> transport.aborted != null);
        assertThat(transport.aborted).isEqualTo(CloseCodes.SLOW_CONSUMER);
        // the aborted write fails: its signal is handed back too, each signal exactly
        // once
        await().atMost(Duration.ofSeconds(5)).until(() -> lost.size() == 2);
        assertThat(lost).extracting(SignalDelivery::id).containsExactlyInAnyOrder("queued", "stuck");
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> lost.size() == 2);
    }

    @Test
    void aPingWithoutPongLosesTheConnectionAndTheSignalsWrittenSinceTheLastAnsweredPing() {
        transport.pings = true;
        Outbox outbox = outbox(Runnable::run, 1000);
        outbox.offer(signal("confirmed"));
        now += PING_INTERVAL;
        outbox.check(now, PING_INTERVAL, PONG_TIMEOUT);
        assertThat(transport.pinged).containsExactly(1L);
        outbox.ponged(1L);

        outbox.offer(signal("unconfirmed"));
        now += PING_INTERVAL;
        outbox.check(now, PING_INTERVAL, PONG_TIMEOUT);
        assertThat(transport.pinged).containsExactly(1L, 2L);
        outbox.ponged(7L); // not the ping we wait for
        now += PONG_TIMEOUT;
        outbox.check(now, PING_INTERVAL, PONG_TIMEOUT);
        assertThat(losses).isEmpty();
        now += 1;
        outbox.check(now, PING_INTERVAL, PONG_TIMEOUT);

        assertThat(losses).containsExactly(Outbox.Loss.PING_TIMEOUT);
        assertThat(lost).extracting(SignalDelivery::id).containsExactly("unconfirmed");
        assertThat(transport.closed).containsExactly(CloseCodes.CONNECTION_LOST);
    }

    @Test
    void aQuietSockJsWebSocketGetsAHeartbeatFromItsOwnWriter() {
        transport.heartbeats = true;
        Outbox outbox = outbox(Runnable::run, 1000);
        outbox.offer(frame("a"));

        outbox.check(now + HEARTBEAT - 1, Long.MAX_VALUE, PONG_TIMEOUT);
        assertThat(transport.heartbeatsWritten).isEmpty();
        now += HEARTBEAT;
        outbox.check(now, Long.MAX_VALUE, PONG_TIMEOUT);
        assertThat(transport.heartbeatsWritten).hasSize(1);
        outbox.check(now + HEARTBEAT / 2, Long.MAX_VALUE, PONG_TIMEOUT); // one per quiet
                                                                         // period
        assertThat(transport.heartbeatsWritten).hasSize(1);
        assertThat(transport.written).containsExactly("a");
    }

    @Test
    void aStreamBetweenTwoRequestsKeepsItsFramesHereUntilTheNextOne() {
        transport.ready = false;
        Outbox outbox = outbox(Runnable::run, 1000);

        outbox.offer(signal("waits"));
        assertThat(transport.written).isEmpty();
        assertThat(outbox.queuedChars()).isEqualTo(5);

        transport.ready = true;
        outbox.resume();
        assertThat(transport.written).containsExactly("waits");
    }

    @Test
    void framesWaitingForARequestThatNeverComesAreHandedBackWhenTheConnectionEnds() {
        transport.ready = false;
        Outbox outbox = outbox(Runnable::run, 1000);
        outbox.offer(signal("never-sent"));

        outbox.ended(true);

        assertThat(lost).extracting(SignalDelivery::id).containsExactly("never-sent");
    }

    @Test
    void aPollingClientIsAnsweredWithEverythingThatWaitedForItsPollInOneResponse() {
        pollingTransport();
        Outbox outbox = outbox(Runnable::run, 1000);

        outbox.offer(signal("s1"));
        outbox.offer(frame("ack"));
        outbox.offer(signal("s2"));
        assertThat(transport.written).as("no poll open: they wait here, counted").isEmpty();
        assertThat(outbox.queuedChars()).isEqualTo(7);

        poll(outbox);
        assertThat(transport.batchesWritten).containsExactly(List.of("s1", "ack", "s2"));
        assertThat(outbox.queuedChars()).isZero();

        outbox.offer(signal("s3"));
        assertThat(transport.written).as("the poll was answered: s3 waits for the next")
            .containsExactly("s1", "ack", "s2");
        poll(outbox);
        assertThat(transport.batchesWritten).containsExactly(List.of("s1", "ack", "s2"), List.of("s3"));
    }

    @Test
    void signalsOfAPollResponseAreConfirmedOnlyByTheNextPollAndAnsweredWhenItNeverComes() {
        pollingTransport();
        Outbox outbox = outbox(Runnable::run, 1000);
        outbox.offer(signal("read"));
        poll(outbox); // carries "read"
        outbox.offer(signal("answered-unread"));
        poll(outbox); // proves "read" was read, carries "answered-unread"
        outbox.offer(signal("still-queued"));

        outbox.ended(true); // the client never polls again

        assertThat(lost).extracting(SignalDelivery::id).containsExactlyInAnyOrder("answered-unread", "still-queued");
    }

    @Test
    void aSignalLeftInSockJsCacheByARaceIsConfirmedOnlyByThePollAfterTheOneThatCarriesIt() {
        pollingTransport();
        Outbox outbox = outbox(Runnable::run, 1000);
        poll(outbox);
        transport.answeredJustBefore = true; // a heartbeat answers the open poll just
                                             // before the write lands
        outbox.offer(signal("cached"));
        transport.answeredJustBefore = false;

        poll(outbox); // carries it
        outbox.ended(true);
        assertThat(lost).as("the poll that carries it proves nothing")
            .extracting(SignalDelivery::id)
            .containsExactly("cached");

        lost.clear();
        Outbox another = outbox(Runnable::run, 1000);
        transport.ready = false;
        poll(another);
        transport.answeredJustBefore = true;
        another.offer(signal("cached"));
        transport.answeredJustBefore = false;
        poll(another);
        poll(another); // proves the response that carried it was read
        another.ended(true);
        assertThat(lost).isEmpty();
    }

    @Test
    void aCloseComesAfterWhatWasQueuedAndLaterFramesAreRefused() {
        Outbox outbox = outbox(later, 1000);
        outbox.offer(frame("last words"));
        outbox.close(CloseCodes.SESSION_ENDED);

        assertThat(outbox.offer(signal("too-late"))).isFalse();
        runTasks();

        assertThat(transport.written).containsExactly("last words");
        assertThat(transport.closed).containsExactly(CloseCodes.SESSION_ENDED);
        assertThat(losses).isEmpty();
    }

    @Test
    void whatIsStillQueuedWhenTheConnectionEndsIsHandedBack() {
        Outbox outbox = outbox(later, 1000);
        outbox.offer(signal("never-written"));
        outbox.offer(frame("an ack"));

        outbox.ended(false);

        assertThat(lost).extracting(SignalDelivery::id).containsExactly("never-written");
        assertThat(outbox.offer(signal("after"))).isFalse();
    }

    @Test
    void aFailedWriteLosesTheConnectionAndHandsItsSignalBack() {
        transport.fail = true;
        Outbox outbox = outbox(Runnable::run, 1000);

        outbox.offer(signal("failed"));

        assertThat(losses).containsExactly(Outbox.Loss.WRITE_FAILED);
        assertThat(lost).extracting(SignalDelivery::id).containsExactly("failed");
    }

    /**
     * The slow-consumer limits as they ship (contract §2: over 1 MiB queued, or nothing
     * written for 10 s while frames wait), on an outbox built the way the gateway builds
     * one.
     */
    @Test
    void theShippedLimitsGiveUpPastOneMebibyteQueuedOrTenSecondsWithoutAWrite() {
        GatewayProperties shipped = ShippedConfiguration.gateway();
        long limit = shipped.sendBufferLimit().toBytes();
        long stall = shipped.sendTimeLimit().toNanos();
        Outbox full = shippedOutbox(shipped);
        String chunk = "x".repeat(1024);
        for (int i = 0; i < 1024; i++) {
            full.offer(new Outgoing.Frame(chunk, null));
        }
        assertThat(full.queuedChars()).isEqualTo(1024 * 1024);
        assertThat(losses).as("exactly 1 MiB queued is within the limit").isEmpty();
        full.offer(signal("s"));
        assertThat(losses).containsExactly(Outbox.Loss.QUEUE_FULL);

        losses.clear();
        Outbox stalled = shippedOutbox(shipped);
        stalled.offer(signal("waits"));
        stalled.check(now + Duration.ofSeconds(10).toNanos(), shipped.pingInterval().toNanos(),
                shipped.pongTimeout().toNanos());
        assertThat(losses).as("10 s without a write is within the limit").isEmpty();
        stalled.check(now + Duration.ofSeconds(10).toNanos() + 1, shipped.pingInterval().toNanos(),
                shipped.pongTimeout().toNanos());
        assertThat(losses).containsExactly(Outbox.Loss.WRITE_STALLED);
        assertThat(limit).isEqualTo(1024 * 1024);
        assertThat(stall).isEqualTo(Duration.ofSeconds(10).toNanos());
    }

    /**
     * Nothing is drained (the writer's tasks are never run): everything offered stays
     * queued.
     */
    private Outbox shippedOutbox(GatewayProperties shipped) {
        Outbox outbox = new Outbox(transport, later, lost::add, () -> now, shipped.sendBufferLimit().toBytes(),
                shipped.sendTimeLimit().toNanos(), shipped.sockjsHeartbeat().toNanos());
        outbox.onEnd(losses::add);
        return outbox;
    }

    @Test
    void anAppendKafkaCannotVouchForEndsTheConnectionAfterWhatWasQueuedAndLosesTheSession() {
        Outbox outbox = outbox(later, 1000);
        Connection connection = new Connection(new Admission("alice", "s-alice", 0, "hash"),
                new TokenBucket(10, 10, () -> now), new MessageAssembler(1000), outbox);
        connection.appending();
        connection.reject(0, 5, "rejection"); // waits for the append's answer

        connection.appendUncertain();
        runTasks();

        assertThat(transport.written).as("no ack, no overloaded; the waiting rejection goes out")
            .containsExactly("rejection");
        assertThat(transport.closed).containsExactly(CloseCodes.SIGNAL_LOG_UNAVAILABLE);
        assertThat(connection.deleteReason(CloseCodes.SIGNAL_LOG_UNAVAILABLE)).contains(DeleteReason.CONNECTION_LOST);
    }

    private Outbox outbox(Executor executor, long maxQueued) {
        Outbox outbox = new Outbox(transport, executor, lost::add, () -> now, maxQueued, STALL, HEARTBEAT);
        outbox.onEnd(losses::add);
        return outbox;
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    /** An xhr-polling client between two polls. */
    private void pollingTransport() {
        transport.http = true;
        transport.batches = true;
        transport.pollAnsweredByAWrite = true;
        transport.ready = false;
    }

    /**
     * A poll arrives: it begins (its proof of what was read), then can be written into.
     */
    private void poll(Outbox outbox) {
        outbox.requested();
        transport.ready = true;
        outbox.resume();
    }

    private static Outgoing.Frame frame(String text) {
        return new Outgoing.Frame(text, null);
    }

    private static Outgoing.Frame signal(String id) {
        return new Outgoing.Frame(id, new SignalDelivery("gw", 0, "bob", "s-bob", id, "alice", "bob",
                RawJson.trusted("1"), Instant.EPOCH, "s-alice", "gw", 0, 0, 1));
    }

    private static final class FakeTransport implements Transport {

        private final List<String> written = new CopyOnWriteArrayList<>();

        private final List<Long> pinged = new ArrayList<>();

        private final List<CloseStatus> closed = new ArrayList<>();

        private volatile boolean pings;

        private volatile boolean heartbeats;

        private volatile boolean ready = true;

        private volatile boolean http;

        private volatile boolean batches;

        /**
         * Like SockJS's xhr-polling: a poll is answered (not ready any more) by the first
         * write into it.
         */
        private volatile boolean pollAnsweredByAWrite;

        /**
         * The open poll was answered (a heartbeat) just before a write landed: SockJS
         * cached it for the next poll.
         */
        private volatile boolean answeredJustBefore;

        private final List<List<String>> batchesWritten = new CopyOnWriteArrayList<>();

        private final List<Long> heartbeatsWritten = new CopyOnWriteArrayList<>();

        private volatile boolean fail;

        private volatile CountDownLatch block;

        private volatile boolean writing;

        private volatile CloseStatus aborted;

        @Override
        public boolean pings() {
            return pings;
        }

        @Override
        public boolean heartbeats() {
            return heartbeats;
        }

        @Override
        public boolean ready() {
            return ready;
        }

        @Override
        public boolean confirmsByRequests() {
            return http;
        }

        @Override
        public boolean batches() {
            return batches;
        }

        @Override
        public boolean writeAll(List<String> frames) throws IOException {
            batchesWritten.add(List.copyOf(frames));
            Transport.super.writeAll(frames);
            boolean intoOpenResponse = ready && !answeredJustBefore;
            if (pollAnsweredByAWrite) {
                ready = false;
            }
            return intoOpenResponse;
        }

        @Override
        public void heartbeat() {
            heartbeatsWritten.add(System.nanoTime());
        }

        @Override
        public boolean isOpen() {
            return closed.isEmpty() && aborted == null;
        }

        @Override
        public void write(String frame) throws IOException {
            if (fail) {
                throw new IOException("broken pipe");
            }
            CountDownLatch latch = block;
            if (latch != null) {
                writing = true;
                try {
                    latch.await(30, TimeUnit.SECONDS);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("socket closed under the write");
            }
            written.add(frame);
        }

        @Override
        public void ping(long sequence) {
            pinged.add(sequence);
        }

        @Override
        public void close(CloseStatus status) {
            closed.add(status);
        }

        @Override
        public void abort(CloseStatus status) {
            aborted = status;
            block.countDown();
        }

    }

}
