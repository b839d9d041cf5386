package io.vireo.training.loss;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The ReLICv2 loss (Tomasev et al. 2022, "Pushing the limits of self-supervised ResNets").
 *
 * <p>Per pair of views (online embeddings o from view a, target embeddings t from view b, both N x D,
 * compared by cosine similarity φ):
 * <pre>
 *   L_ij = φ(o_i, t_j) / τ
 *   p_o(i) = softmax_j L_ij            (the online view's distribution over the batch)
 *   p_t(i) = softmax_j L_ji            (the target view's distribution: φ(t_i, o_j)/τ)
 *   loss = mean_i [ −log p_o(i)[i] + β · KL(p_o(i) ‖ sg(p_t(i))) ]
 * </pre>
 * The target side is a constant (EMA network, stop-gradient): the gradient is with respect to the
 * un-normalised online output only. All other batch elements are the negatives (the paper's
 * subsampling of n_e negatives is not done: at test-scale batches every negative is cheap).
 *
 * <p>Multi-crop: large views go through both networks, small views through the online network only;
 * the loss sums the pair loss over (large_i, large_j) for all i, j — including i = j, the same crop
 * through online and target — and over (small_i, large_j), divided by (L+S)·L. This bookkeeping is
 * the paper's Algorithm 1.
 */
public final class ReLicV2Loss {
    /** Temperature; see training/README.md "Methods" for where the default comes from. */
    public static final double DEFAULT_TEMPERATURE = 0.2;
    /** Weight of the KL invariance term. */
    public static final double DEFAULT_BETA = 1.0;

    private ReLicV2Loss() {
    }

    /** One (online view, target view) pair. */
    public static PairResult pair(INDArray online, INDArray target, double temperature, double beta) {
        UnitRows.requireMatrix("online", online, -1);
        if (!java.util.Arrays.equals(online.shape(), target.shape())) {
            throw new IllegalArgumentException("online and target must have the same N x D shape; got "
                    + java.util.Arrays.toString(online.shape()) + " and " + java.util.Arrays.toString(target.shape()));
        }
        UnitRows.requirePositive("relic.temperature", temperature);
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("relic.beta: must be a finite number >= 0, got " + beta);
        }
        long n = online.size(0);
        UnitRows o = UnitRows.of(online);
        INDArray tHat = UnitRows.of(target).hat();
        INDArray logits = o.hat().mmul(tHat.transpose()).divi(temperature);       // N x N
        INDArray logP = UnitRows.logSoftmax(logits);
        INDArray logQ = UnitRows.logSoftmax(logits.transpose().dup());          // target-side rows, constant
        INDArray p = Transforms.exp(logP, true);

        INDArray eye = Nd4j.eye(n).castTo(logits.dataType());
        double contrastive = -logP.mul(eye).sumNumber().doubleValue() / n;
        INDArray logRatio = logP.sub(logQ);
        INDArray klRows = p.mul(logRatio).sum(true, 1);                       // N x 1
        double kl = klRows.sumNumber().doubleValue() / n;

        // d/dL of −log p_o[i]:          p − e_i
        // d/dL of KL(p_o ‖ q):           p ⊙ (log p − log q − KL_i)   (q constant)
        INDArray dLogits = p.mul(logRatio.subColumnVector(klRows)).muli(beta).addi(p);
        dLogits.subi(eye);
        dLogits.divi(n * temperature);                                         // mean over rows; ∂L/∂φ = 1/τ
        INDArray grad = o.backward(dLogits.mmul(tHat));
        return new PairResult(contrastive + beta * kl, contrastive, kl, grad, UnitRows.diagonalArgmaxRate(logits));
    }

    /**
     * Multi-crop aggregation (paper's Algorithm 1).
     *
     * @param onlineLarge online embeddings of the L large views (each N x D)
     * @param onlineSmall online embeddings of the S small views (may be empty)
     * @param targetLarge target embeddings of the same L large views, in the same order
     */
    public static MultiCropResult multiCrop(List<INDArray> onlineLarge, List<INDArray> onlineSmall,
                                            List<INDArray> targetLarge, double temperature, double beta) {
        int l = onlineLarge.size();
        int s = onlineSmall.size();
        if (l < 1 || targetLarge.size() != l) {
            throw new IllegalArgumentException("relic.largeCrops: need >= 1 large view through both networks; got "
                    + l + " online and " + targetLarge.size() + " target");
        }
        List<INDArray> online = new ArrayList<>(onlineLarge);
        online.addAll(onlineSmall);
        Sums sums = sumOverTargets(online, targetLarge, temperature, beta);
        double scale = (double) (l + s) * l;
        List<INDArray> gradLarge = new ArrayList<>();
        List<INDArray> gradSmall = new ArrayList<>();
        for (int i = 0; i < l + s; i++) {
            (i < l ? gradLarge : gradSmall).add(sums.gradOnline().get(i).divi(scale));
        }
        return new MultiCropResult(sums.loss() / scale, sums.contrastive() / scale, sums.kl() / scale, gradLarge, gradSmall,
                sums.accuracy() / scale);
    }

    /**
     * Σ_i Σ_j pair(online_i, target_j), not yet divided: the building block of {@link #multiCrop}, for
     * callers that run large and small views through the network in separate passes (they differ in
     * size) and divide by (L+S)·L themselves.
     */
    public static Sums sumOverTargets(List<INDArray> online, List<INDArray> targets, double temperature, double beta) {
        double loss = 0, contrastive = 0, kl = 0, accuracy = 0;
        List<INDArray> grads = new ArrayList<>();
        for (INDArray o : online) {
            INDArray g = null;
            for (INDArray t : targets) {
                PairResult r = pair(o, t, temperature, beta);
                loss += r.loss();
                contrastive += r.contrastive();
                kl += r.kl();
                accuracy += r.accuracy();
                g = g == null ? r.gradOnline() : g.addi(r.gradOnline());
            }
            grads.add(g);
        }
        return new Sums(loss, contrastive, kl, grads, accuracy);
    }

    /** Un-normalised sums over all (online, target) pairs; gradOnline per online view. */
    public record Sums(double loss, double contrastive, double kl, List<INDArray> gradOnline, double accuracy) {
        public Sums {
            gradOnline = List.copyOf(gradOnline);
        }
    }

    /**
     * @param loss        contrastive + β·KL, mean over the batch
     * @param contrastive −log p_o(i)[i], mean
     * @param kl          KL(p_o ‖ p_t), mean (unweighted)
     * @param gradOnline  dLoss/d(online output), un-normalised
     * @param accuracy    fraction of rows whose own target is the most similar
     */
    public record PairResult(double loss, double contrastive, double kl, INDArray gradOnline, double accuracy) {
    }

    /** Aggregated over all pairs; gradients per online view, already divided by (L+S)·L. */
    public record MultiCropResult(double loss, double contrastive, double kl, List<INDArray> gradLarge,
                                  List<INDArray> gradSmall, double accuracy) {
        public MultiCropResult {
            gradLarge = List.copyOf(gradLarge);
            gradSmall = List.copyOf(gradSmall);
        }
    }
}
