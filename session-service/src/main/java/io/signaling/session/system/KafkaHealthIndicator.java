package io.signaling.session.system;

import io.signaling.session.view.SessionView;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * {@code kafka}: UP when the cluster answers a describe within a short timeout and the
 * views have caught up with it, so that reads and gateway choices reflect the log, not a
 * half-loaded table.
 */
@Component
class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

    private static final int TIMEOUT_MILLIS = 2000;

    private final KafkaAdmin kafkaAdmin;

    private final SessionView view;

    private Admin admin; // guarded by this; created on first use, kept for the next
                         // checks

    KafkaHealthIndicator(KafkaAdmin kafkaAdmin, SessionView view) {
        this.kafkaAdmin = kafkaAdmin;
        this.view = view;
    }

    @Override
    public Health health() {
        try {
            DescribeClusterResult cluster = admin()
                .describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MILLIS));
            String clusterId = cluster.clusterId().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            int nodes = cluster.nodes().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).size();
            Health.Builder health = view.isCaughtUp() ? Health.up() : Health.down();
            return health.withDetail("clusterId", clusterId)
                .withDetail("nodes", nodes)
                .withDetail("viewsCaughtUp", view.isCaughtUp())
                .build();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        }
        catch (Exception e) {
            return Health.down()
                .withDetail("error", e.getClass().getSimpleName())
                .withDetail("viewsCaughtUp", view.isCaughtUp())
                .build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close();
        }
    }

}
