package io.vireo.flink.sequence;

import io.vireo.ingest.record.VideoChunk;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Runs a {@link ChunkSequencer} and, when a bounded input ends, flushes every stream that still
 * has chunks waiting. Without this, chunks queued behind a gap would vanish silently at the end of
 * a bounded run, because Flink drops pending processing-time timers when a task finishes.
 */
public class ChunkSequencerOperator extends KeyedProcessOperator<String, VideoChunk, VideoChunk>
        implements BoundedOneInput {

    private static final long serialVersionUID = 1L;

    public ChunkSequencerOperator(ChunkSequencer sequencer) {
        super(sequencer);
    }

    @Override
    public void endInput() throws Exception {
        List<String> streams;
        // Collect first: flushing clears state, which must not happen while iterating it.
        try (Stream<String> keys = this.<String>getKeyedStateBackend().getKeys(ChunkSequencer.PENDING_STATE, VoidNamespace.INSTANCE)) {
            streams = keys.collect(Collectors.toList());
        }
        TimestampedCollector<VideoChunk> out = new TimestampedCollector<>(output);
        out.eraseTimestamp();
        long now = getProcessingTimeService().getCurrentProcessingTime();
        // The constructor only accepts a ChunkSequencer.
        ChunkSequencer sequencer = (ChunkSequencer) userFunction;
        for (String stream : streams) {
            setCurrentKey(stream);
            sequencer.flushAtEndOfInput(stream, now, out,
                    gap -> output.collect(ChunkSequencer.GAPS, new StreamRecord<>(gap)));
        }
    }
}
