package io.vireo.ingest.process;

import java.time.Duration;

/**
 * For the entry point of a child JVM (the Kafka broker): when the process that started it is gone,
 * it goes too, instead of living on as an orphan that holds ports and a data directory. Flink's
 * process entry point keeps its own copy, as it runs where vireo-ingest is not on the classpath.
 */
public final class ParentWatch {

    private ParentWatch() {
    }

    /**
     * Starts a daemon thread that exits this JVM with {@code exitParentGone} once process {@code pid}
     * has ended. System.exit runs the child's own shutdown hooks (the broker closes its logs, a
     * TaskManager deregisters); should they take longer than {@code shutdownLimit} the JVM is
     * halted with {@code exitShutdownHung}. {@code ProcessHandle.onExit} on a non-child polls and
     * checks the start time, so a reused pid is not mistaken for the parent.
     *
     * @param what names this process in the messages ("the broker", "taskmanager-1")
     */
    public static void exitWhenGone(long pid, String what, int exitParentGone, int exitShutdownHung,
                                    Duration shutdownLimit) {
        Thread watcher = new Thread(() -> {
            ProcessHandle.of(pid).ifPresent(parent -> parent.onExit().join());
            System.err.println("Parent process " + pid + " is gone; shutting " + what + " down");
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(shutdownLimit.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                System.err.println("Shutting " + what + " down took longer than " + shutdownLimit + "; halting");
                Runtime.getRuntime().halt(exitShutdownHung);
            }, "vireo-orphan-halt");
            halt.setDaemon(true);
            halt.start();
            System.exit(exitParentGone);
        }, "vireo-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
