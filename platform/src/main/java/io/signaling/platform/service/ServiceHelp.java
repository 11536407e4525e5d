package io.signaling.platform.service;

/**
 * Help text the service commands share, one place for each default they all document.
 * Constants, because annotation values take nothing else; {@code %n} breaks a line in
 * picocli's help.
 */
final class ServiceHelp {

    static final String PASS_THROUGH = "Every argument is a Spring property passed through as --name=value.";

    static final String BOOTSTRAP_SERVERS = "  --spring.kafka.bootstrap-servers=HOST:PORT[,...]  [localhost:9092]";

    static final String CORS = "  --signaling.cors.allowed-origin-patterns=P[,...]%n"
            + "                                    [http://localhost:*,http://127.0.0.1:*]";

    /**
     * Read by every service; a platform whose services disagree on them does not work.
     */
    static final String TOPICS = "  --signaling.topics.prefix=P               [signaling]%n"
            + "  --signaling.topics.partitions=N           [12]%n"
            + "  --signaling.topics.delivery-partitions=N  [16]%n" + "  --signaling.topics.replication-factor=N   [1]%n"
            + "  (the same signaling.topics.* values on every service of a platform)";

    private ServiceHelp() {
    }

}
