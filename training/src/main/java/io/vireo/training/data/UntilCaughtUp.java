package io.vireo.training.data;

/**
 * A streaming source made finite: {@link #next()} hands out what is there now and throws
 * {@link CaughtUp} instead of waiting for more. Scheduled runs train on it, so every batch
 * layout's producer ends at the last batch the source can fill without knowing why.
 */
public final class UntilCaughtUp implements PairStream {

    /** Thrown by {@link #next()} when the source has nothing more right now. */
    public static final class CaughtUp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CaughtUp() {
            super("the source is caught up", null, false, false);
        }
    }

    private final PairStream source;

    public UntilCaughtUp(PairStream source) {
        this.source = source;
    }

    @Override
    public ViewPair next() {
        ViewPair pair = source.poll();
        if (pair == null) {
            throw new CaughtUp();
        }
        return pair;
    }

    @Override
    public ViewPair poll() {
        return source.poll();
    }

    @Override
    public SourcePosition position() {
        return source.position();
    }

    @Override
    public void seek(SourcePosition position) {
        source.seek(position);
    }

    @Override
    public long datasetSize() {
        return source.datasetSize();
    }

    @Override
    public void close() {
        source.close();
    }
}
