package io.vireo.eval.probe;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import io.vireo.eval.features.FeatureMatrix;

/**
 * Linear classifiers trained by L-BFGS on standardised features, the objectives written out with
 * ND4J matrix products (float64: the line search compares losses that differ in late digits).
 * <ul>
 *   <li>{@link #multinomial}: mean cross-entropy of a softmax over C classes + λ/2·‖W‖²;</li>
 *   <li>{@link #oneVsRest}: C independent logistic regressions (sum of per-class mean binary
 *       cross-entropies + λ/2·‖W‖²), where a target weight of 0 leaves an example out for that class
 *       (VOC "difficult").</li>
 * </ul>
 * Biases are not regularised, as in scikit-learn and the VOC/ImageNet linear-probe protocols.
 */
public final class SoftmaxRegression {

    private SoftmaxRegression() {
    }

    public static LinearModel multinomial(FeatureMatrix x, int[] labels, int classes, double l2, Lbfgs.Settings settings) {
        Standardizer standardizer = Standardizer.fit(x);
        INDArray z = standardizer.apply(x).toNd4j(DataType.DOUBLE);
        int n = x.rows();
        int d = x.cols();
        INDArray oneHot = Nd4j.zeros(DataType.DOUBLE, n, classes);
        for (int i = 0; i < n; i++) {
            oneHot.putScalar(i, labels[i], 1.0);
        }
        Lbfgs.Objective objective = (params, gradient) -> {
            INDArray w = Nd4j.create(java.util.Arrays.copyOf(params, d * classes), new long[] {d, classes}, 'c');
            INDArray b = Nd4j.create(java.util.Arrays.copyOfRange(params, d * classes, params.length), new long[] {1, classes}, 'c');
            INDArray logits = z.mmul(w).addiRowVector(b);
            logits.subiColumnVector(logits.max(1).reshape(n, 1));
            INDArray exp = Transforms.exp(logits, true);
            INDArray sum = exp.sum(true, 1);
            double nll = Transforms.log(sum, true).sumNumber().doubleValue() - logits.mul(oneHot).sumNumber().doubleValue();
            INDArray g = exp.diviColumnVector(sum).subi(oneHot).divi(n);
            INDArray gw = z.transpose().mmul(g).addi(w.mul(l2));
            copyGradient(gw, g.sum(0), gradient);
            return nll / n + 0.5 * l2 * w.mul(w).sumNumber().doubleValue();
        };
        double[] params = Lbfgs.minimize(objective, new double[d * classes + classes], settings).x();
        return model(standardizer, d, classes, params);
    }

    /**
     * @param targets N×C in {0, 1}
     * @param weights N×C example weights per class (1 normally, 0 to leave the example out of that class)
     */
    public static LinearModel oneVsRest(FeatureMatrix x, double[][] targets, double[][] weights, double l2,
                                        Lbfgs.Settings settings) {
        Standardizer standardizer = Standardizer.fit(x);
        INDArray z = standardizer.apply(x).toNd4j(DataType.DOUBLE);
        int n = x.rows();
        int d = x.cols();
        int c = targets.length == 0 ? 0 : targets[0].length;
        INDArray t = Nd4j.create(targets);
        INDArray mask = Nd4j.create(weights);
        // Each class's loss is a mean over the examples that count for it.
        INDArray perClass = mask.sum(true, 0);
        INDArray normaliser = mask.divRowVector(Transforms.max(perClass, 1.0, true));
        Lbfgs.Objective objective = (params, gradient) -> {
            INDArray w = Nd4j.create(java.util.Arrays.copyOf(params, d * c), new long[] {d, c}, 'c');
            INDArray b = Nd4j.create(java.util.Arrays.copyOfRange(params, d * c, params.length), new long[] {1, c}, 'c');
            INDArray logits = z.mmul(w).addiRowVector(b);
            // BCE with logits, stably: max(s, 0) - s·t + log(1 + exp(-|s|)).
            INDArray loss = Transforms.relu(logits, true).subi(logits.mul(t))
                    .addi(Transforms.log(Transforms.exp(Transforms.abs(logits, true).negi(), false).addi(1), false));
            double value = loss.muli(normaliser).sumNumber().doubleValue();
            INDArray g = Transforms.sigmoid(logits, true).subi(t).muli(normaliser);
            INDArray gw = z.transpose().mmul(g).addi(w.mul(l2));
            copyGradient(gw, g.sum(0), gradient);
            return value + 0.5 * l2 * w.mul(w).sumNumber().doubleValue();
        };
        double[] params = Lbfgs.minimize(objective, new double[d * c + c], settings).x();
        return model(standardizer, d, c, params);
    }

    private static void copyGradient(INDArray gw, INDArray gb, double[] gradient) {
        double[] a = gw.dup('c').data().asDouble();
        double[] b = gb.dup('c').data().asDouble();
        System.arraycopy(a, 0, gradient, 0, a.length);
        System.arraycopy(b, 0, gradient, a.length, b.length);
    }

    private static LinearModel model(Standardizer standardizer, int d, int c, double[] params) {
        return new LinearModel(standardizer, d, c, java.util.Arrays.copyOf(params, d * c),
                java.util.Arrays.copyOfRange(params, d * c, params.length));
    }
}
