package io.vireo.flink.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * Submits jobs to a running Flink 2.x session cluster over its REST API ({@link RestClusterClient}),
 * and waits for, inspects or cancels them. Works against any Flink 2.x cluster, not only
 * {@link FlinkClusterProcess}.
 *
 * <p>The pipeline is compiled to a {@link JobGraph} here, in the client; the listed jars are uploaded
 * to the JobManager's blob server and put on the job's user-code class loader on every TaskManager.
 * A cluster launched by {@link FlinkClusterProcess} with Vireo's classpath already has the job classes
 * and needs no jar; any other cluster needs the shaded job jar (see the module README).
 */
public final class ClusterSubmitter implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(250);

    private final String restAddress;
    private final RestClusterClient<StandaloneClusterId> client;

    private ClusterSubmitter(String restAddress, RestClusterClient<StandaloneClusterId> client) {
        this.restAddress = restAddress;
        this.client = client;
    }

    /** A client for the REST API at {@code host:port}; close it when done. */
    public static ClusterSubmitter connect(String restAddress) {
        int colon = restAddress == null ? -1 : restAddress.lastIndexOf(':');
        if (colon <= 0 || colon == restAddress.length() - 1) {
            throw new IllegalArgumentException("Flink REST address must be host:port, was '" + restAddress + "'");
        }
        int port;
        try {
            port = Integer.parseInt(restAddress.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Flink REST address must be host:port, was '" + restAddress + "'", e);
        }
        Configuration conf = new Configuration();
        conf.set(RestOptions.ADDRESS, restAddress.substring(0, colon));
        conf.set(RestOptions.PORT, port);
        try {
            return new ClusterSubmitter(restAddress, new RestClusterClient<>(conf, StandaloneClusterId.getInstance()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a REST client for the Flink cluster at " + restAddress + ": " + e, e);
        }
    }

    /** One-shot: compiles the pipeline of {@code env}, submits it with {@code jars} and returns the job id. */
    public static JobID submit(StreamExecutionEnvironment env, String jobName, String restAddress, List<Path> jars) {
        try (ClusterSubmitter submitter = connect(restAddress)) {
            return submitter.submit(jobGraph(env, jobName, jars));
        }
    }

    /** One-shot submission of a compiled job graph (jars, if any, already attached). */
    public static JobID submit(JobGraph jobGraph, String restAddress) {
        try (ClusterSubmitter submitter = connect(restAddress)) {
            return submitter.submit(jobGraph);
        }
    }

    /**
     * Compiles the pipeline defined on {@code env} (this consumes its transformations) into a job
     * graph named {@code jobName}, with {@code jars} attached for upload.
     */
    public static JobGraph jobGraph(StreamExecutionEnvironment env, String jobName, List<Path> jars) {
        StreamGraph streamGraph = env.getStreamGraph();
        streamGraph.setJobName(jobName);
        JobGraph graph = streamGraph.getJobGraph();
        for (Path jar : jars) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("job jar " + jar.toAbsolutePath() + " does not exist");
            }
            graph.addJar(new org.apache.flink.core.fs.Path(jar.toAbsolutePath().toUri()));
        }
        return graph;
    }

    public JobID submit(StreamExecutionEnvironment env, String jobName, List<Path> jars) {
        return submit(jobGraph(env, jobName, jars));
    }

    public JobID submit(JobGraph jobGraph) {
        return get(client.submitJob(jobGraph), "submit job '" + jobGraph.getName() + "'");
    }

    public JobStatus status(JobID job) {
        return get(client.getJobStatus(job), "get the status of job " + job);
    }

    /** Waits until the job reaches {@code wanted} (e.g. RUNNING); fails early if it ends in another state. */
    public void awaitStatus(JobID job, JobStatus wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JobStatus last = null;
        while (System.nanoTime() < deadline) {
            last = status(job);
            if (last == wanted) {
                return;
            }
            if (last.isGloballyTerminalState()) {
                throw new IllegalStateException("job " + job + " on " + restAddress + " ended " + last + " while waiting for "
                        + wanted);
            }
            sleep();
        }
        throw new IllegalStateException("job " + job + " on " + restAddress + " did not reach " + wanted + " within " + timeout
                + " (last status " + last + ")");
    }

    /** Waits for the job to end; returns its result if it finished, throws with the job's own failure otherwise. */
    public JobExecutionResult awaitSuccess(JobID job, Duration timeout) {
        JobResult result = awaitResult(job, timeout);
        try {
            return result.toJobExecutionResult(Thread.currentThread().getContextClassLoader());
        } catch (Exception e) {
            throw new IllegalStateException("job " + job + " on " + restAddress + " did not finish: "
                    + result.getApplicationStatus(), e);
        }
    }

    /** Waits for the job to end in any terminal state. */
    public JobResult awaitResult(JobID job, Duration timeout) {
        // requestJobResult is a long poll that the REST client retries; bound it ourselves.
        CompletableFuture<JobResult> result = client.requestJobResult(job);
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new IllegalStateException("job " + job + " on " + restAddress + " did not end within " + timeout
                    + " (status " + statusOrUnknown(job) + ")");
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot get the result of job " + job + " from " + restAddress + ": "
                    + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for job " + job, e);
        }
    }

    /** Cancels the job and waits until it is CANCELED (or otherwise ended). */
    public JobStatus cancel(JobID job, Duration timeout) {
        get(client.cancel(job), "cancel job " + job);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JobStatus s = status(job);
            if (s.isGloballyTerminalState()) {
                return s;
            }
            sleep();
        }
        throw new IllegalStateException("job " + job + " on " + restAddress + " was not cancelled within " + timeout);
    }

    public String restAddress() {
        return restAddress;
    }

    @Override
    public void close() {
        client.close();
    }

    private String statusOrUnknown(JobID job) {
        try {
            return status(job).toString();
        } catch (RuntimeException e) {
            return "unknown: " + e.getMessage();
        }
    }

    private <T> T get(CompletableFuture<T> future, String what) {
        try {
            return future.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot " + what + " on the Flink cluster at " + restAddress + ": "
                    + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IllegalStateException("cannot " + what + " on the Flink cluster at " + restAddress
                    + ": no answer within " + REQUEST_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling the Flink cluster", e);
        }
    }
}
