package io.vireo.training.data;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The raw material of one training example before augmentation: two views that are positives of
 * each other. For image sources both are the same image (views come from augmentation alone); for
 * video pairs (Parquet shards, Kafka topic) they are two frames or two tracked regions Δt apart.
 */
public record ViewPair(Mat first, Mat second, int label) {
}
