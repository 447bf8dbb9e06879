package io.hitch.transport;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs what the container does on the calling thread and what may wait for a client that does not
 * read: WebSocket pings, and closing a connection whose write is stuck (Open Liberty's close waits
 * for it, about five seconds). Its threads are its own, made by the container's
 * {@link ManagedThreadFactory}: a burst of such waits must not take the container's executor, which
 * also completes every other client's writes, nor queue behind each other on the JDK's common pool.
 */
@ApplicationScoped
public class BlockingWrites implements Executor {

    // Enough for a burst of slow consumers to be closed in parallel; further ones wait their turn.
    private static final int THREADS = 16;

    @Resource
    ManagedThreadFactory threads;

    private ThreadPoolExecutor pool;

    @PostConstruct
    void start() {
        pool = new ThreadPoolExecutor(THREADS, THREADS, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        pool.allowCoreThreadTimeOut(true);
    }

    /** @throws java.util.concurrent.RejectedExecutionException once the application is stopping */
    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    @PreDestroy
    void stop() {
        pool.shutdown();
    }
}
