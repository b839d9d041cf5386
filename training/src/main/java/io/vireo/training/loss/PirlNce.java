package io.vireo.training.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The PIRL loss (Misra &amp; van der Maaten 2020) against a memory bank, in its NCE form.
 *
 * <p>h(x, m) = exp(s/τ) / (exp(s/τ) + c) = σ(s/τ − ln c), s the cosine similarity and c the noise
 * constant (|negatives|·Z/|dataset|, Z the partition estimate of Wu et al. 2018). For network
 * outputs x_i, their memory-bank entries m_i (positives) and K negatives n_k drawn from the bank:
 * <pre>
 *   L_NCE(x) = mean_i [ −log h(x_i, m_i) − Σ_k log(1 − h(x_i, n_k)) ]
 *   L_PIRL   = λ · L_NCE(g(v_{I^t})) + (1 − λ) · L_NCE(f(v_I))
 * </pre>
 * where g(v_{I^t}) is the representation of the transformed (jigsaw) image and f(v_I) that of the
 * original. The memory bank is a constant; gradients are with respect to both un-normalised outputs.
 */
public final class PirlNce {
    /** λ of the PIRL paper. */
    public static final double DEFAULT_LAMBDA = 0.5;
    /** τ of the PIRL paper. */
    public static final double DEFAULT_TEMPERATURE = 0.07;

    private PirlNce() {
    }

    /** One NCE term: outputs x (N x D) against their positives (N x D, unit) and shared negatives (K x D, unit). */
    public static NceResult nce(INDArray x, INDArray positives, INDArray negatives, double temperature, double noise) {
        UnitRows.requireMatrix("outputs", x, -1);
        if (!java.util.Arrays.equals(x.shape(), positives.shape())) {
            throw new IllegalArgumentException("positives must match the outputs' shape " + java.util.Arrays.toString(x.shape()));
        }
        UnitRows.requireMatrix("negatives", negatives, x.size(1));
        UnitRows.requirePositive("pirl.temperature", temperature);
        UnitRows.requirePositive("pirl.nceConstant", noise);
        long n = x.size(0);
        UnitRows u = UnitRows.of(x);
        double logC = Math.log(noise);
        INDArray zPos = u.hat().mul(positives).sum(true, 1).divi(temperature).subi(logC);   // N x 1
        INDArray zNeg = u.hat().mmul(negatives.transpose()).divi(temperature).subi(logC);   // N x K
        // −log σ(z) = softplus(−z);  −log(1 − σ(z)) = softplus(z)
        double loss = (softplus(zPos.neg()).sumNumber().doubleValue() + softplus(zNeg).sumNumber().doubleValue()) / n;
        INDArray dPos = Transforms.sigmoid(zPos, true).subi(1.0).divi(n * temperature);
        INDArray dNeg = Transforms.sigmoid(zNeg, true).divi(n * temperature);
        INDArray dHat = positives.mulColumnVector(dPos).addi(dNeg.mmul(negatives));
        double positiveRate = Transforms.sigmoid(zPos, true).gt(0.5).castTo(x.dataType()).meanNumber().doubleValue();
        return new NceResult(loss, u.backward(dHat), positiveRate);
    }

    /** The full PIRL loss: λ on the transformed image's output, 1 − λ on the original's. */
    public static Result pirl(INDArray transformed, INDArray original, INDArray memoryPositives, INDArray negatives,
                              double temperature, double noise, double lambda) {
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("pirl.lambda: must be in [0, 1], got " + lambda);
        }
        NceResult t = nce(transformed, memoryPositives, negatives, temperature, noise);
        NceResult o = nce(original, memoryPositives, negatives, temperature, noise);
        return new Result(lambda * t.loss() + (1 - lambda) * o.loss(), t.gradOutputs().muli(lambda),
                o.gradOutputs().muli(1 - lambda), t.positiveRate());
    }

    static INDArray softplus(INDArray z) {
        // max(z, 0) + log(1 + exp(−|z|)), stable for large |z|
        INDArray abs = Transforms.abs(z, true);
        return Transforms.relu(z, true).addi(Transforms.log(Transforms.exp(abs.negi(), false).addi(1.0), false));
    }

    /** @param positiveRate fraction of outputs the classifier h calls "positive" for their own memory */
    public record NceResult(double loss, INDArray gradOutputs, double positiveRate) {
    }

    public record Result(double loss, INDArray gradTransformed, INDArray gradOriginal, double positiveRate) {
    }
}
