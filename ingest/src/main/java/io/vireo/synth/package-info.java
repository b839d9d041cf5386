/**
 * Synthetic scenes with exact ground truth: the test data of the whole project, the quickstart's default
 * input, and the source of per-factor image sets for invariance metrics.
 *
 * <h2>World</h2>
 * Objects are textured cuboids ({@link io.vireo.synth.ObjectClass}: class = proportions + face pattern;
 * {@link io.vireo.synth.ObjectInstance}: per-instance colours) that move, turn about their vertical axis
 * (the viewpoint) and are lit by one directional coloured light plus a white ambient term. An orthographic
 * camera looks down at 20 degrees; it pans within a shot. Flat bars and discs pass in front of every
 * object. A shot cut replaces backdrop, objects, occluders and light at once.
 *
 * <h2>Exactness</h2>
 * Every shape is sampled at pixel centres without anti-aliasing, and ground truth is measured from the
 * same coverage tests and the per-pixel ownership map that produced the raw frame; boxes and occlusion
 * fractions are therefore exact for the raw frames (the encoded video adds H.264 / 4:2:0 loss).
 *
 * <h2>Sidecar ({@code name.json})</h2>
 * <pre>
 * { "video": {"width", "height", "fps", "frameCount", "gopFrames", "codec": "h264", "pixelFormat": "yuv420p",
 *             "mp4File", "tsFile"},
 *   "seed", "cameraElevationDeg", "classes": ["cube", ...], "shotCuts": [first frame of each new shot],
 *   "config": {every SynthConfig field},
 *   "frames": [ {"index", "ptsSeconds", "shot", "camera": {"x", "y"},
 *                "objects": [ {"id", "classId", "className", "box": [x, y, w, h], "viewpointDeg",
 *                              "light": {"azimuthDeg", "elevationDeg", "colour": [r, g, b]},
 *                              "occlusion", "silhouettePixels", "visiblePixels"} ] } ] }
 * </pre>
 */
package io.vireo.synth;
