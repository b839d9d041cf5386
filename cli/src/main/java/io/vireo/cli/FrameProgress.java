package io.vireo.cli;

import java.util.function.IntConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar over a known number of frames, fed with "frames done so far". */
final class FrameProgress implements IntConsumer, AutoCloseable {

    private final ProgressBar bar;

    FrameProgress(String task, long totalFrames) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(totalFrames).setUnit(" frames", 1)
                .setStyle(ProgressBarStyle.ASCII).showSpeed().continuousUpdate().build();
    }

    @Override
    public void accept(int framesDone) {
        bar.stepTo(framesDone);
    }

    @Override
    public void close() {
        bar.close();
    }
}
