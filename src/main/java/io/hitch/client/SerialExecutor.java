package io.hitch.client;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs tasks one at a time, in submission order, on another executor: pushes reach handlers in the order they came. */
final class SerialExecutor implements Executor {

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Executor target;
    private final Thread.UncaughtExceptionHandler onFailure;

    SerialExecutor(Executor target, Thread.UncaughtExceptionHandler onFailure) {
        this.target = target;
        this.onFailure = onFailure;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (!tasks.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                target.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // The client's own executor is shut down once the client is closed: finish here.
                drain();
            }
        }
    }

    private void drain() {
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    onFailure.uncaughtException(Thread.currentThread(), e);
                }
            }
        } finally {
            draining.set(false);
        }
        // A task added between the last poll and the reset would otherwise wait for the next one.
        schedule();
    }
}
