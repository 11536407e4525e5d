package io.signaling.gateway.connection;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The threads that write to clients, one connection's drain at a time each. The pool grows with
 * the connections being written to at the same moment and shrinks when idle: a write stuck on a
 * client that stopped reading holds its own thread (until Tomcat's write timeout closes that
 * socket, {@code send-time-limit} on the websocket transports), never one another connection waits
 * for. In the usual case a handful of threads serve every connection.
 */
@Component
class ConnectionWriters implements Executor, DisposableBean {

    private final AtomicInteger threads = new AtomicInteger();
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "gateway-writer-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    /** Threads alive now (busy or idle up to 30 s). */
    int size() {
        return pool.getPoolSize();
    }

    @Override
    public void destroy() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
