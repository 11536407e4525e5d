package io.signaling.gateway.connection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.signaling.gateway.config.GatewayProperties;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.tomcat.util.threads.TaskQueue;
import org.apache.tomcat.util.threads.TaskThreadFactory;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The threads that write to clients, one connection's drain at a time each. Tomcat's own
 * pool (its {@link TaskQueue}): a new thread is started while every thread is busy, up to
 * {@code writer-threads}, and only then do drains queue. A write stuck on a client that
 * stopped reading holds one thread (until Tomcat's write timeout closes that socket:
 * {@code send-time-limit} on the websocket transports, the connector's timeout on HTTP
 * streaming) and the pool grows past it, so other connections do not wait for it; only
 * more stuck clients at once than threads would make drains queue, and each is freed
 * within the write timeout. Idle threads end after 30 s.
 */
@Component
class ConnectionWriters implements Executor, DisposableBean {

    private final ThreadPoolExecutor pool;

    ConnectionWriters(GatewayProperties properties, MeterRegistry meters) {
        TaskQueue queue = new TaskQueue();
        this.pool = new ThreadPoolExecutor(Math.min(2, properties.writerThreads()), properties.writerThreads(), 30,
                TimeUnit.SECONDS, queue, new TaskThreadFactory("gateway-writer-", true, Thread.NORM_PRIORITY));
        queue.setParent(pool);
        Gauge.builder("signaling.gateway.writer.threads", pool, ThreadPoolExecutor::getPoolSize)
            .description("Threads writing to clients (a stuck write holds one)")
            .register(meters);
        Gauge.builder("signaling.gateway.writer.queued", queue, TaskQueue::size)
            .description("Connection drains waiting for a writer thread (all writer-threads busy)")
            .register(meters);
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    @Override
    public void destroy() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }

}
