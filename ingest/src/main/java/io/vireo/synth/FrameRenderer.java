package io.vireo.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * Rasterises a {@link SceneState}: backdrop, then objects back to front, then occluders, sampling every
 * shape at pixel centres without anti-aliasing. Hard edges are what make boxes and occlusion
 * fractions pixel-exact; the encoder's chroma subsampling softens them anyway.
 *
 * <p>While drawing it records which layer owns each pixel, and measures each object's truth from that
 * ownership map and from the object's own silhouette, so truth describes exactly these pixels.
 */
final class FrameRenderer {

    /** White ambient share of the object shading: keeps faces turned away from the light readable. */
    static final double AMBIENT = 0.35;
    static final double DIFFUSE = 0.75;

    /** Owner map codes: 0 = backdrop (the array's initial value), k + 1 = object k, this = any occluder. */
    private static final int OWNER_OCCLUDER = -1;

    private FrameRenderer() {
    }

    static RenderedFrame render(SceneState state) {
        int width = state.width();
        int height = state.height();
        double camX = state.camera().x();
        double camY = state.camera().y();
        byte[] rgb = new byte[width * height * 3];
        int[] owner = new int[width * height];

        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                state.backdrop().paint(col + 0.5 + camX, row + 0.5 + camY, rgb, (row * width + col) * 3);
            }
        }

        List<ObjectPose> poses = state.objects();
        List<CuboidProjection> projections = new ArrayList<>(poses.size());
        int[][] boxes = new int[poses.size()][];
        int[] inFrame = new int[poses.size()];
        Vec3 lightDir = state.light().direction();
        double[] uv = new double[2];
        for (int k = 0; k < poses.size(); k++) {
            ObjectPose pose = poses.get(k);
            CuboidProjection p = new CuboidProjection(pose.instance().objectClass(),
                    pose.x() - camX, pose.y() - camY, pose.scale(), pose.yawDeg());
            projections.add(p);
            List<Irradiance> faceLight = faceIrradiance(p, lightDir, state.light().colour());
            int minCol = Math.max(0, p.minCol());
            int maxCol = Math.min(width - 1, p.maxCol());
            int minRow = Math.max(0, p.minRow());
            int maxRow = Math.min(height - 1, p.maxRow());
            int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
            for (int row = minRow; row <= maxRow; row++) {
                for (int col = minCol; col <= maxCol; col++) {
                    if (!p.covers(col, row)) {
                        continue;
                    }
                    int idx = row * width + col;
                    owner[idx] = k + 1;
                    inFrame[k]++;
                    box[0] = Math.min(box[0], col);
                    box[1] = Math.min(box[1], row);
                    box[2] = Math.max(box[2], col);
                    box[3] = Math.max(box[3], row);
                    int face = p.faceAt(col, row, uv);
                    Rgb albedo = pose.instance().albedo(p.visibleFaces().get(face).face(), uv[0], uv[1]);
                    Irradiance irradiance = faceLight.get(face);
                    rgb[idx * 3] = Backdrop.toByte(albedo.r() * irradiance.r());
                    rgb[idx * 3 + 1] = Backdrop.toByte(albedo.g() * irradiance.g());
                    rgb[idx * 3 + 2] = Backdrop.toByte(albedo.b() * irradiance.b());
                }
            }
            boxes[k] = box;
        }

        for (Occluder occluder : state.occluders()) {
            OccluderShape shape = occluder.shape();
            double reach = shape.reach();
            double sx = shape.centerX() - camX;
            double sy = shape.centerY() - camY;
            int minCol = (int) Math.max(0, Math.floor(sx - reach - 1));
            int maxCol = (int) Math.min(width - 1, Math.ceil(sx + reach + 1));
            int minRow = (int) Math.max(0, Math.floor(sy - reach - 1));
            int maxRow = (int) Math.min(height - 1, Math.ceil(sy + reach + 1));
            for (int row = minRow; row <= maxRow; row++) {
                for (int col = minCol; col <= maxCol; col++) {
                    if (shape.covers(col, row, camX, camY)) {
                        int idx = row * width + col;
                        owner[idx] = OWNER_OCCLUDER;
                        rgb[idx * 3] = Backdrop.toByte(occluder.colour().r());
                        rgb[idx * 3 + 1] = Backdrop.toByte(occluder.colour().g());
                        rgb[idx * 3 + 2] = Backdrop.toByte(occluder.colour().b());
                    }
                }
            }
        }

        List<ObjectTruth> truths = new ArrayList<>();
        for (int k = 0; k < poses.size(); k++) {
            if (inFrame[k] == 0) {
                continue;
            }
            int[] b = boxes[k];
            int visible = 0;
            for (int row = b[1]; row <= b[3]; row++) {
                for (int col = b[0]; col <= b[2]; col++) {
                    if (owner[row * width + col] == k + 1) {
                        visible++;
                    }
                }
            }
            CuboidProjection p = projections.get(k);
            boolean clipped = p.minCol() < 0 || p.minRow() < 0 || p.maxCol() >= width || p.maxRow() >= height;
            int silhouette = clipped ? countSilhouette(p) : inFrame[k];
            ObjectPose pose = poses.get(k);
            ObjectClass c = pose.instance().objectClass();
            truths.add(new ObjectTruth(pose.id(), c.id(), c.label(),
                    new Box(b[0], b[1], b[2] - b[0] + 1, b[3] - b[1] + 1),
                    normalizeDegrees(pose.yawDeg()), state.light(),
                    1.0 - (double) visible / silhouette, silhouette, visible));
        }
        return new RenderedFrame(new RgbImage(width, height, rgb), truths);
    }

    /** Per visible face: white ambient plus Lambertian diffuse in the light's colour. */
    private static List<Irradiance> faceIrradiance(CuboidProjection p, Vec3 lightDir, Rgb lightColour) {
        List<Irradiance> result = new ArrayList<>(p.visibleFaces().size());
        for (CuboidProjection.VisibleFace face : p.visibleFaces()) {
            double lambert = Math.max(0, face.worldNormal().dot(lightDir));
            // Not clamped to 1: albedo * irradiance is clamped per pixel instead, so bright faces saturate naturally.
            result.add(new Irradiance(AMBIENT + DIFFUSE * lambert * lightColour.r(),
                    AMBIENT + DIFFUSE * lambert * lightColour.g(),
                    AMBIENT + DIFFUSE * lambert * lightColour.b()));
        }
        return result;
    }

    /** Light arriving at a face per channel; may exceed 1, unlike a colour. */
    private record Irradiance(double r, double g, double b) {
    }

    private static int countSilhouette(CuboidProjection p) {
        int count = 0;
        for (int row = p.minRow(); row <= p.maxRow(); row++) {
            for (int col = p.minCol(); col <= p.maxCol(); col++) {
                if (p.covers(col, row)) {
                    count++;
                }
            }
        }
        return count;
    }

    static double normalizeDegrees(double deg) {
        double d = deg % 360;
        return d < 0 ? d + 360 : d;
    }
}
