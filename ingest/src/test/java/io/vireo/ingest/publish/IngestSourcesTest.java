package io.vireo.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestSourcesTest {

    @TempDir
    Path dir;

    @Test
    void foldersAreSearchedRecursivelyByExtensionAndIdsKeepTheSubfolder() throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/b/clip.MP4"), "x");
        Files.writeString(dir.resolve("a/top.mkv"), "x");
        Files.writeString(dir.resolve("a/notes.txt"), "x");

        assertThat(IngestSources.expand(List.of(dir.resolve("a").toString()), null))
                .extracting(IngestSource::streamId).containsExactly("b/clip", "top");
    }

    @Test
    void twinsWithTheSameNameKeepTheirExtensions() throws Exception {
        Files.writeString(dir.resolve("scene.mp4"), "x");
        Files.writeString(dir.resolve("scene.ts"), "x");

        assertThat(IngestSources.expand(List.of(dir.toString()), null))
                .extracting(IngestSource::streamId).containsExactly("scene.mp4", "scene.ts");
    }

    @Test
    void urlsGetAnIdFromHostPortAndPath() {
        assertThat(IngestSources.expand(List.of("rtsp://cam.local:8554/live/front"), null))
                .extracting(IngestSource::streamId).containsExactly("cam.local_8554/live/front");
    }

    @Test
    void anOverriddenIdNeedsExactlyOneStream() throws Exception {
        Files.writeString(dir.resolve("one.mp4"), "x");
        Files.writeString(dir.resolve("two.mp4"), "x");

        assertThat(IngestSources.expand(List.of(dir.resolve("one.mp4").toString()), "cam-9"))
                .extracting(IngestSource::streamId).containsExactly("cam-9");
        assertThatThrownBy(() -> IngestSources.expand(List.of(dir.toString()), "cam-9"))
                .hasMessageContaining("--stream-id names one stream, but the inputs hold 2");
    }

    @Test
    void aFolderWithoutVideosIsAnError() throws Exception {
        Files.writeString(dir.resolve("readme.txt"), "x");
        assertThatThrownBy(() -> IngestSources.expand(List.of(dir.toString()), null))
                .hasMessageContaining(dir.toString()).hasMessageContaining("contains no videos");
    }
}
