package io.vireo.tracking.track;

import io.vireo.tracking.csrt.CsrtTracker;
import io.vireo.tracking.kcf.KcfTracker;
import io.vireo.tracking.mil.MilTracker;
import io.vireo.tracking.tracker.RegionTracker;
import java.util.Locale;
import java.util.function.Supplier;

/** The trackers Vireo can use, by the name that configuration and pair records carry. */
public enum TrackerKind {
    CSRT(CsrtTracker.NAME, CsrtTracker::new),
    KCF(KcfTracker.NAME, KcfTracker::new),
    MIL(MilTracker.NAME, MilTracker::new);

    public static final TrackerKind DEFAULT = CSRT;

    private final String trackerName;
    private final Supplier<RegionTracker> factory;

    TrackerKind(String trackerName, Supplier<RegionTracker> factory) {
        this.trackerName = trackerName;
        this.factory = factory;
    }

    /** Lower-case name, e.g. {@code csrt}. */
    public String trackerName() {
        return trackerName;
    }

    /** A new, uninitialised tracker; the caller closes it. */
    public RegionTracker create() {
        return factory.get();
    }

    /** Parses a configured name, case-insensitively ({@code csrt}, {@code KCF}, ...). */
    public static TrackerKind fromName(String name) {
        for (TrackerKind kind : values()) {
            if (kind.trackerName.equalsIgnoreCase(name.strip())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("tracker must be one of csrt, kcf, mil; got '"
                + name.toLowerCase(Locale.ROOT) + "'");
    }
}
