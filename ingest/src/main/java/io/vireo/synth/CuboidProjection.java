package io.vireo.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cuboid of one {@link ObjectClass} at one pose, projected orthographically (weak perspective: one scale
 * for the whole object) by a camera looking down at {@link #CAMERA_ELEVATION_DEG}.
 *
 * <p>The silhouette is defined once, as "pixel centre inside the convex hull of the eight projected
 * corners" (edges inclusive), and everything else (rasterisation, boxes, occlusion counts) asks
 * {@link #covers}, so ground truth and pixels cannot disagree. Which face a covered pixel shows is found
 * by inverting each visible face's parallelogram; visible faces of a convex solid tile the hull, so the
 * face with the smallest excursion outside its parameter square is the one hit (this absorbs rounding
 * on shared edges).
 */
final class CuboidProjection {

    static final double CAMERA_ELEVATION_DEG = 20;
    private static final double SIN_EL = Math.sin(Math.toRadians(CAMERA_ELEVATION_DEG));
    private static final double COS_EL = Math.cos(Math.toRadians(CAMERA_ELEVATION_DEG));

    private final double centerX;
    private final double centerY;
    private final double scale;
    private final double[] hullX;
    private final double[] hullY;
    private final int minCol;
    private final int maxCol;
    private final int minRow;
    private final int maxRow;
    private final List<VisibleFace> visibleFaces;

    /** One face turned toward the camera, as the parallelogram origin + s * edgeU + t * edgeV, s, t in [0, 1]. */
    record VisibleFace(CuboidFace face, Vec3 worldNormal, double originX, double originY,
                       double edgeUx, double edgeUy, double edgeVx, double edgeVy, double width, double height) {
    }

    CuboidProjection(ObjectClass objectClass, double centerX, double centerY, double scale, double yawDeg) {
        this.centerX = centerX;
        this.centerY = centerY;
        this.scale = scale;
        double cos = Math.cos(Math.toRadians(yawDeg));
        double sin = Math.sin(Math.toRadians(yawDeg));
        double a = objectClass.width() / 2;
        double b = objectClass.height() / 2;
        double c = objectClass.depth() / 2;

        double[] xs = new double[8];
        double[] ys = new double[8];
        int n = 0;
        for (int sx = -1; sx <= 1; sx += 2) {
            for (int sy = -1; sy <= 1; sy += 2) {
                for (int sz = -1; sz <= 1; sz += 2) {
                    Vec3 w = new Vec3(sx * a, sy * b, sz * c).yawed(cos, sin);
                    xs[n] = screenX(w);
                    ys[n] = screenY(w);
                    n++;
                }
            }
        }
        double[][] hull = convexHull(xs, ys);
        hullX = hull[0];
        hullY = hull[1];
        double loX = Arrays.stream(hullX).min().orElseThrow();
        double hiX = Arrays.stream(hullX).max().orElseThrow();
        double loY = Arrays.stream(hullY).min().orElseThrow();
        double hiY = Arrays.stream(hullY).max().orElseThrow();
        // Pixel (col, row) is sampled at its centre (col + 0.5, row + 0.5).
        minCol = (int) Math.ceil(loX - 0.5);
        maxCol = (int) Math.floor(hiX - 0.5);
        minRow = (int) Math.ceil(loY - 0.5);
        maxRow = (int) Math.floor(hiY - 0.5);

        List<VisibleFace> faces = new ArrayList<>(3);
        for (CuboidFace face : CuboidFace.values()) {
            Vec3 normal = face.normal.yawed(cos, sin);
            double towardCamera = normal.y() * SIN_EL + normal.z() * COS_EL;
            if (towardCamera <= 1e-9) {
                continue;
            }
            double hu = CuboidFace.halfExtentAlong(face.uAxis, objectClass);
            double hv = CuboidFace.halfExtentAlong(face.vAxis, objectClass);
            double hn = CuboidFace.halfExtentAlong(face.normal, objectClass);
            Vec3 u = face.uAxis.yawed(cos, sin);
            Vec3 v = face.vAxis.yawed(cos, sin);
            Vec3 origin = normal.times(hn).plus(u.times(-hu)).plus(v.times(-hv));
            Vec3 edgeU = u.times(2 * hu);
            Vec3 edgeV = v.times(2 * hv);
            faces.add(new VisibleFace(face, normal, screenX(origin), screenY(origin),
                    scale * edgeU.x(), -scale * verticalOf(edgeU), scale * edgeV.x(), -scale * verticalOf(edgeV),
                    2 * hu, 2 * hv));
        }
        visibleFaces = List.copyOf(faces);
    }

    private static double verticalOf(Vec3 w) {
        return w.y() * COS_EL - w.z() * SIN_EL;
    }

    private double screenX(Vec3 w) {
        return centerX + scale * w.x();
    }

    private double screenY(Vec3 w) {
        return centerY - scale * verticalOf(w);
    }

    /** True if the centre of pixel (col, row) lies inside the silhouette; defined for pixels outside any frame too. */
    boolean covers(int col, int row) {
        if (col < minCol || col > maxCol || row < minRow || row > maxRow) {
            return false;
        }
        double px = col + 0.5;
        double py = row + 0.5;
        int n = hullX.length;
        for (int i = 0; i < n; i++) {
            int j = i + 1 == n ? 0 : i + 1;
            double cross = (hullX[j] - hullX[i]) * (py - hullY[i]) - (hullY[j] - hullY[i]) * (px - hullX[i]);
            if (cross < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Index into {@link #visibleFaces()} of the face shown at the centre of a covered pixel; writes its
     * face-centred coordinates (u, v), in object units, into {@code uvOut}.
     */
    int faceAt(int col, int row, double[] uvOut) {
        double px = col + 0.5;
        double py = row + 0.5;
        int bestIndex = -1;
        VisibleFace best = null;
        double bestExcursion = Double.POSITIVE_INFINITY;
        double bestS = 0;
        double bestT = 0;
        for (int i = 0; i < visibleFaces.size(); i++) {
            VisibleFace f = visibleFaces.get(i);
            double det = f.edgeUx() * f.edgeVy() - f.edgeUy() * f.edgeVx();
            if (Math.abs(det) < 1e-12) {
                continue;
            }
            double dx = px - f.originX();
            double dy = py - f.originY();
            double s = (dx * f.edgeVy() - dy * f.edgeVx()) / det;
            double t = (f.edgeUx() * dy - f.edgeUy() * dx) / det;
            double excursion = Math.max(Math.max(-s, s - 1), Math.max(-t, t - 1));
            if (excursion < bestExcursion) {
                bestExcursion = excursion;
                best = f;
                bestIndex = i;
                bestS = s;
                bestT = t;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no visible face at pixel (" + col + ", " + row + ")");
        }
        uvOut[0] = (Math.min(1, Math.max(0, bestS)) - 0.5) * best.width();
        uvOut[1] = (Math.min(1, Math.max(0, bestT)) - 0.5) * best.height();
        return bestIndex;
    }

    List<VisibleFace> visibleFaces() {
        return visibleFaces;
    }

    int minCol() {
        return minCol;
    }

    int maxCol() {
        return maxCol;
    }

    int minRow() {
        return minRow;
    }

    int maxRow() {
        return maxRow;
    }

    /** Andrew's monotone chain; returns {xs, ys} counter-clockwise in (x right, y down) pixel space as the cross test expects. */
    private static double[][] convexHull(double[] xs, double[] ys) {
        int n = xs.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> xs[p] != xs[q] ? Double.compare(xs[p], xs[q]) : Double.compare(ys[p], ys[q]));
        int[] hull = new int[2 * n];
        int k = 0;
        for (int idx = 0; idx < n; idx++) {
            int p = order[idx];
            while (k >= 2 && cross(xs, ys, hull[k - 2], hull[k - 1], p) <= 0) {
                k--;
            }
            hull[k++] = p;
        }
        for (int idx = n - 2, lower = k + 1; idx >= 0; idx--) {
            int p = order[idx];
            while (k >= lower && cross(xs, ys, hull[k - 2], hull[k - 1], p) <= 0) {
                k--;
            }
            hull[k++] = p;
        }
        int size = k - 1;
        double[] hx = new double[size];
        double[] hy = new double[size];
        for (int i = 0; i < size; i++) {
            hx[i] = xs[hull[i]];
            hy[i] = ys[hull[i]];
        }
        return new double[][] {hx, hy};
    }

    private static double cross(double[] xs, double[] ys, int o, int a, int b) {
        return (xs[a] - xs[o]) * (ys[b] - ys[o]) - (ys[a] - ys[o]) * (xs[b] - xs[o]);
    }
}
