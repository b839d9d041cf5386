package io.vireo.eval.ris;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import io.vireo.ingest.record.PairRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * RIS sets from region-tracked pairs: the tracked instances of unlabeled video, each seen over time
 * (its viewpoint, lighting and occlusion changing as it moves). The pair builder starts its next
 * anchor on the frame where a track ended, with the same proposals the end box was re-detected
 * among, so a track that keeps succeeding shows up as a chain of pairs whose view 2 is the next
 * pair's view 1 (same stream, frame and box). Chains are linked into one set per instance; sets
 * smaller than {@link Ris#MIN_SET_SIZE} views are left out.
 *
 * <p>There are no categories in unlabeled video, so every instance is its own class: RIS then
 * asks how consistently a neuron that fires for an instance keeps firing along its track.
 */
public final class TrackSets {

    public static final String FACTOR = "tracked-instance";

    private TrackSets() {
    }

    /** A view's place: the same place in two pairs is the same crop. */
    private record Place(String streamId, long frameIndex, PairRecord.PairBox box) {
    }

    /** @param pairs pairs of any kind; only region pairs are used */
    public static RisInput fromPairs(List<PairRecord> pairs) {
        Map<Place, byte[]> views = new LinkedHashMap<>();
        Map<Place, Place> parent = new HashMap<>();
        for (PairRecord p : pairs) {
            if (p.kind() != PairRecord.Kind.REGION) {
                continue;
            }
            Place first = new Place(p.streamId(), p.firstFrameIndex(), p.firstBox());
            Place second = new Place(p.streamId(), p.secondFrameIndex(), p.secondBox());
            views.putIfAbsent(first, p.firstView());
            views.putIfAbsent(second, p.secondView());
            union(parent, first, second);
        }
        Map<Place, List<Place>> instances = new LinkedHashMap<>();
        for (Place place : views.keySet()) {
            instances.computeIfAbsent(root(parent, place), r -> new ArrayList<>()).add(place);
        }

        List<byte[]> images = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        List<int[]> sets = new ArrayList<>();
        for (List<Place> instance : instances.values()) {
            if (instance.size() < Ris.MIN_SET_SIZE) {
                continue;
            }
            int[] rows = new int[instance.size()];
            for (int i = 0; i < instance.size(); i++) {
                Place place = instance.get(i);
                rows[i] = images.size();
                images.add(views.get(place));
                names.add(place.streamId() + "@" + place.frameIndex() + ":" + place.box().x() + "," + place.box().y()
                        + " " + place.box().width() + "x" + place.box().height());
                classes.add(sets.size());
            }
            sets.add(rows);
        }
        if (sets.size() < 2) {
            throw new IllegalArgumentException("RIS from region pairs needs at least 2 tracked instances seen in "
                    + Ris.MIN_SET_SIZE + "+ views; " + pairs.size() + " pairs gave " + sets.size()
                    + " (track longer video, or lower the pair builder's region checks)");
        }
        return new RisInput(FACTOR, images.size(), i -> decode(images.get(i), names.get(i)), names,
                classes.stream().mapToInt(Integer::intValue).toArray(), sets);
    }

    private static Mat decode(byte[] encoded, String name) {
        try (Mat buffer = new Mat(encoded)) {
            Mat image = imdecode(buffer, IMREAD_COLOR);
            if (image == null || image.empty()) {
                throw new IllegalArgumentException("view " + name + " of a region pair does not decode as an image");
            }
            return image;
        }
    }

    private static Place root(Map<Place, Place> parent, Place place) {
        Place p = place;
        while (parent.containsKey(p)) {
            p = parent.get(p);
        }
        return p;
    }

    private static void union(Map<Place, Place> parent, Place a, Place b) {
        Place ra = root(parent, a);
        Place rb = root(parent, b);
        if (!ra.equals(rb)) {
            parent.put(rb, ra);
        }
    }
}
