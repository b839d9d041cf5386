package io.vireo.flink.testing;

import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;

/**
 * A harness environment whose operator metrics can be read back, so tests check the counters an
 * operator reports rather than trusting them.
 */
public final class MetricsCapture {

    private final InterceptingOperatorMetricGroup operatorMetrics = new InterceptingOperatorMetricGroup();

    /** A mock task environment (close it) whose operator registers its metrics here. */
    public MockEnvironment environment() {
        return new MockEnvironmentBuilder()
                .setMaxParallelism(128)
                .setMetricGroup(new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name,
                                                                        Map<String, String> info) {
                        return operatorMetrics;
                    }
                })
                .build();
    }

    public long count(String counter) {
        Counter c = (Counter) operatorMetrics.get(counter);
        if (c == null) {
            throw new AssertionError("no counter '" + counter + "' was registered");
        }
        return c.getCount();
    }
}
