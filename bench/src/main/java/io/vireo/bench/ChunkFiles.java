package io.vireo.bench;

import io.vireo.flink.record.RecordTypes;
import io.vireo.ingest.record.VideoChunk;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Chunks kept on disk and read by the source as the job runs, the way the Kafka source delivers
 * them. {@code fromData} would instead serialise every payload into the job graph and ship it
 * through job submission, a cost the real job never pays and that would be timed with it.
 */
final class ChunkFiles implements GeneratorFunction<Long, VideoChunk> {

    private static final long serialVersionUID = 1L;

    /** A chunk's header fields and where its payload is. */
    record Stored(String streamId, long sequence, long firstPtsMicros, long durationMicros, String container,
                  String codec, int width, int height, double frameRate, int rotationDegrees, int frameCount,
                  String source, String payloadFile) implements Serializable {
    }

    private final List<Stored> chunks;

    private ChunkFiles(List<Stored> chunks) {
        this.chunks = List.copyOf(chunks);
    }

    /** Writes the payloads under {@code dir}. */
    static ChunkFiles store(List<VideoChunk> chunks, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Stored> stored = new ArrayList<>(chunks.size());
        for (VideoChunk c : chunks) {
            Path file = dir.resolve(c.streamId() + "-" + c.sequence() + ".bin");
            Files.write(file, c.payload());
            stored.add(new Stored(c.streamId(), c.sequence(), c.firstPtsMicros(), c.durationMicros(), c.container(),
                    c.codec(), c.width(), c.height(), c.frameRate(), c.rotationDegrees(), c.frameCount(), c.source(),
                    file.toString()));
        }
        return new ChunkFiles(stored);
    }

    DataStream<VideoChunk> source(StreamExecutionEnvironment env) {
        return env.fromSource(new DataGeneratorSource<>(this, chunks.size(), RecordTypes.CHUNK),
                WatermarkStrategy.noWatermarks(), "chunk-files");
    }

    @Override
    public VideoChunk map(Long index) throws Exception {
        Stored s = chunks.get(index.intValue());
        return new VideoChunk(s.streamId(), s.sequence(), s.firstPtsMicros(), s.durationMicros(), s.container(),
                s.codec(), s.width(), s.height(), s.frameRate(), s.rotationDegrees(), s.frameCount(), s.source(),
                Files.readAllBytes(Path.of(s.payloadFile())));
    }
}
