package io.signaling.bench.audit;

import io.signaling.audit.replay.HistoryReader;
import io.signaling.schemas.json.RawJson;
import io.signaling.audit.replay.ReplayQuery;
import io.signaling.audit.replay.TimelineFormat;
import io.signaling.audit.replay.TimelineWriter;
import io.signaling.bench.report.RunSummary;
import io.signaling.bench.stats.CpuMeter;
import io.signaling.schemas.json.Json;
import io.signaling.schemas.signal.SignalAccepted;
import io.signaling.schemas.topic.Topics;
import io.signaling.schemas.topic.TopicsProperties;
import java.io.PrintStream;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fills a fresh set of history topics with {@code records} accepted signals of
 * {@code contentBytes} of content each, then times the streaming
 * {@link HistoryReader#replay} of the whole history twice per run: once reading, decoding
 * and merging only, once printing every entry as JSONL into a counting writer as it
 * streams (what {@code bin/signaling audit replay --format jsonl > /dev/null} does, less
 * the encoding to stdout).
 */
public final class AuditReplayBench {

    private final String bootstrapServers;

    private final String prefix;

    private final PrintStream out;

    public AuditReplayBench(String bootstrapServers, String prefix, PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.prefix = prefix;
        this.out = out;
    }

    public AuditReplayReport run(long records, int contentBytes, int runs, boolean keepTopics) {
        Instant startedAt = Instant.now();
        CpuMeter cpu = new CpuMeter();
        TopicsProperties props = TopicsProperties.defaults(prefix);
        Topics topics = Topics.from(props);
        createTopics(topics, props);
        long writeStart = System.nanoTime();
        write(topics, records, contentBytes);
        double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
        out.println(String.format(Locale.ROOT, "wrote %,d records in %.1f s (%,.0f records/s)", records, writeSeconds,
                records / writeSeconds));
        List<AuditReplayReport.Run> results = new ArrayList<>();
        try {
            for (int i = 1; i <= runs; i++) {
                results.add(replay(topics, i));
            }
        }
        finally {
            if (!keepTopics) {
                deleteTopics(topics);
            }
        }
        return new AuditReplayReport("audit-replay", startedAt, bootstrapServers, prefix, records, contentBytes,
                props.partitions(), round(writeSeconds), round(records / writeSeconds), results,
                RunSummary.Machine.current(), cpu.summary(), Runtime.getRuntime().maxMemory());
    }

    private AuditReplayReport.Run replay(Topics topics, int run) {
        ReplayQuery all = new ReplayQuery(null, null, null, false);
        System.gc(); // each pass starts from a collected heap, so one pass's garbage is
                     // not billed to the next
        CpuMeter readCpu = new CpuMeter();
        long start = System.nanoTime();
        long entries;
        long peak;
        try (HistoryReader reader = new HistoryReader(bootstrapServers, topics, null)) {
            entries = reader.replay(all, entry -> {
            });
            peak = reader.peakBuffered();
        }
        double replaySeconds = (System.nanoTime() - start) / 1e9;
        double replayCores = readCpu.summary().avgCores();

        System.gc();
        CpuMeter endToEndCpu = new CpuMeter();
        CountingWriter jsonl = new CountingWriter();
        start = System.nanoTime();
        long printed;
        try (HistoryReader reader = new HistoryReader(bootstrapServers, topics, null);
                TimelineWriter lines = TimelineFormat.JSONL.writer(jsonl)) {
            printed = reader.replay(all, lines);
            peak = Math.max(peak, reader.peakBuffered());
        }
        double endToEndSeconds = (System.nanoTime() - start) / 1e9;
        if (printed != entries) {
            throw new IllegalStateException("the two passes read " + entries + " and " + printed + " entries");
        }
        AuditReplayReport.Run result = new AuditReplayReport.Run(entries, round(replaySeconds),
                round(entries / replaySeconds), replayCores, round(endToEndSeconds), jsonl.chars,
                round(entries / endToEndSeconds), endToEndCpu.summary().avgCores(), peak);
        out.println(String.format(Locale.ROOT,
                "run %d: replayed %,d entries in %.2f s (%,.0f records/s, %.2f cores); with jsonl %.2f s (%,.0f records/s, "
                        + "%.2f cores); at most %,d entries held",
                run, entries, replaySeconds, result.replayRecordsPerSecond(), result.replayCpuCores(), endToEndSeconds,
                result.endToEndRecordsPerSecond(), result.endToEndCpuCores(), peak));
        return result;
    }

    /** Where the JSONL goes: counted, then dropped, as {@code > /dev/null} would. */
    private static final class CountingWriter extends Writer {

        long chars;

        @Override
        public void write(char[] buffer, int offset, int length) {
            chars += length;
        }

        @Override
        public void write(String text, int offset, int length) {
            chars += length;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

    }

    private void write(Topics topics, long records, int contentBytes) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // Bulk load: order and exactly-once do not matter here, and an idempotent
        // producer that meets
        // NOT_LEADER on freshly created partitions can wedge on OUT_OF_ORDER_SEQUENCE
        // (seen on a busy broker).
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        // Bulk loading, not the signal path: batches are what make a million records
        // quick to write.
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        // A short queue ahead of a slow (shared) broker: the producer blocks instead of
        // letting batches expire.
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 16L * 1024 * 1024);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
        RawJson content = RawJson.of(content(contentBytes));
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, SignalAccepted> producer = new KafkaProducer<>(p,
                topics.signals().keySerde().serializer(), topics.signals().valueSerde().serializer())) {
            Instant sentAt = Instant.now();
            long lastReport = System.nanoTime();
            for (long i = 0; i < records && failure.get() == null; i++) {
                String to = "user-" + (i % 1000);
                String from = "user-" + ((i + 1) % 1000);
                SignalAccepted signal = new SignalAccepted("m-" + i, from, to, content, sentAt.plusNanos(i * 1000),
                        "session-" + from, "gateway-1", 0);
                producer.send(new ProducerRecord<>(topics.signals().name(), to, signal), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                if (System.nanoTime() - lastReport > 2_000_000_000L) {
                    out.println(String.format(Locale.ROOT, "writing: %,d of %,d", i, records));
                    lastReport = System.nanoTime();
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("writing the history failed: " + failure.get().getMessage(), failure.get());
        }
    }

    /** An offer-like content whose JSON text is {@code bytes} long. */
    static JsonNode content(int bytes) {
        ObjectNode node = Json.mapper().createObjectNode().put("type", "offer").put("sdp", "");
        int overhead = Json.mapper().writeValueAsString(node).length();
        node.put("sdp", "v".repeat(Math.max(0, bytes - overhead)));
        return node;
    }

    private void createTopics(Topics topics, TopicsProperties props) {
        try (Admin admin = admin()) {
            admin.createTopics(topics.newTopics(props)).all().get(30, TimeUnit.SECONDS);
            awaitLeaders(admin, topics);
        }
        catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the topics: " + e.getCause().getMessage(), e);
            }
        }
        catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create the topics at " + bootstrapServers, e);
        }
    }

    /**
     * A created topic's partitions get their leader a moment later; writing before that
     * only causes retries.
     */
    private void awaitLeaders(Admin admin, Topics topics) throws InterruptedException,
            java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        List<String> names = topics.all().stream().map(t -> t.name()).toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            boolean ready = admin.describeTopics(names)
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .values()
                .stream()
                .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
            if (ready) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException("the topics have no leaders after 60 s");
    }

    private void deleteTopics(Topics topics) {
        try (Admin admin = admin()) {
            admin.deleteTopics(topics.all().stream().map(t -> t.name()).toList()).all().get(30, TimeUnit.SECONDS);
            out.println("deleted the " + prefix + ".* topics");
        }
        catch (Exception e) {
            out.println("could not delete the " + prefix + ".* topics: " + e.getMessage());
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(p);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

}
