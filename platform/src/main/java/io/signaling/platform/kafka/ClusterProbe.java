package io.signaling.platform.kafka;

import io.signaling.platform.LaunchException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/**
 * Waits until a Kafka cluster answers {@code describeCluster}: the broker is up, not just
 * its port.
 */
public final class ClusterProbe {

    private static final Duration ATTEMPT = Duration.ofSeconds(2);

    private ClusterProbe() {
    }

    /**
     * Returns once {@code bootstrapServers} answer; fails with {@code timeoutMessage}
     * after {@code timeout}, or at once with the message {@code failure} gives (e.g. the
     * broker process died).
     */
    public static void await(String bootstrapServers, Duration timeout, String timeoutMessage,
            Supplier<Optional<String>> failure) {
        Properties config = config(bootstrapServers);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(config)) {
            while (true) {
                failure.get().ifPresent(message -> {
                    throw new LaunchException(message);
                });
                if (answers(admin)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new LaunchException(timeoutMessage);
                }
                pause();
            }
        }
        catch (KafkaException e) {
            // Raised by Admin.create for an address that does not resolve at all.
            throw new LaunchException(timeoutMessage + " (" + rootMessage(e) + ")");
        }
    }

    /**
     * Whether {@code bootstrapServers} answer one {@code describeCluster} now (within a
     * few seconds).
     */
    public static boolean answers(String bootstrapServers) {
        try (Admin admin = Admin.create(config(bootstrapServers))) {
            return answers(admin);
        }
        catch (KafkaException e) {
            return false;
        }
    }

    private static Properties config(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "signaling-platform-probe");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ATTEMPT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ATTEMPT.toMillis());
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        config.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 500);
        return config;
    }

    private static boolean answers(Admin admin) {
        try {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) ATTEMPT.toMillis()))
                .nodes()
                .get(ATTEMPT.toMillis() + 500, TimeUnit.MILLISECONDS)
                .isEmpty();
        }
        catch (ExecutionException | TimeoutException notYet) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while waiting for Kafka at the start-up");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while waiting for Kafka at the start-up");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

}
