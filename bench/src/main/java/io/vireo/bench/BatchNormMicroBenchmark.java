package io.vireo.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.reduce.Moments;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.api.ops.impl.summarystats.Variance;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.model.batchnorm.FewPassBatchNormalization;

/**
 * Batch norm forward + backward in training mode on ResNet-18-at-64-px activation shapes: DL4J's
 * layer with its oneDNN helper against op-level alternatives, alternating in one process, median of
 * many repetitions. Exploratory: it decides which BN implementation is worth building.
 */
public final class BatchNormMicroBenchmark {
    private static final double EPS = 1e-5;
    private static final int[] NCHW_REDUCE = {0, 2, 3};

    private BatchNormMicroBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(TrainingBackend.initialise());
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        long[][] shapes = {{64, 64, 32, 32}, {64, 64, 16, 16}, {64, 128, 8, 8}, {64, 256, 4, 4}, {64, 512, 2, 2}};
        for (long[] s : shapes) {
            run(s, reps);
        }
    }

    interface Variant {
        void forward();

        void backward();
    }

    private static void run(long[] shape, int reps) {
        int c = (int) shape[1];
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(DataType.FLOAT, shape).muli(2).addi(0.5);
        INDArray g = Nd4j.randn(DataType.FLOAT, shape);
        INDArray gamma = Nd4j.rand(DataType.FLOAT, c).addi(0.5);
        INDArray beta = Nd4j.randn(DataType.FLOAT, c);

        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        BatchNormalization conf = new BatchNormalization.Builder().decay(0.9).eps(EPS).useLogStd(false).build();
        Layer layer = layer(shape, conf, gamma, beta);
        Layer fewPass = layer(shape, FewPassBatchNormalization.of(conf), gamma, beta);

        List<String> names = new ArrayList<>();
        List<Variant> variants = new ArrayList<>();
        names.add("dl4j-layer(helper " + (layer.getHelper() != null) + ")");
        variants.add(new Variant() {
            public void forward() {
                layer.setInput(x, mgr);
                layer.activate(true, mgr);
            }

            public void backward() {
                layer.backpropGradient(g, mgr);
            }
        });
        names.add("few-pass layer (" + fewPass.getClass().getSimpleName() + ")");
        variants.add(new Variant() {
            public void forward() {
                fewPass.setInput(x, mgr);
                fewPass.activate(true, mgr);
            }

            public void backward() {
                fewPass.backpropGradient(g, mgr);
            }
        });
        OpBn helperOps = new OpBn(x, g, gamma, beta, Stats.MEAN_VARIANCE, Backward.BATCHNORM_BP);
        names.add("ops mean+Variance / batchnorm_bp (the helper's ops)");
        variants.add(helperOps);
        names.add("ops mean+SquaredNorm / batchnorm_bp");
        variants.add(new OpBn(x, g, gamma, beta, Stats.MEAN_SQNORM, Backward.BATCHNORM_BP));
        names.add("ops moments / batchnorm_bp");
        variants.add(new OpBn(x, g, gamma, beta, Stats.MOMENTS, Backward.BATCHNORM_BP));
        names.add("ops mean+SquaredNorm / sum+dot+2 affine+add");
        variants.add(new OpBn(x, g, gamma, beta, Stats.MEAN_SQNORM, Backward.AFFINE));

        int n = variants.size();
        double[][] fwd = new double[n][reps];
        double[][] bwd = new double[n][reps];
        for (int warm = 0; warm < 3; warm++) {
            for (Variant v : variants) {
                v.forward();
                v.backward();
            }
        }
        for (int r = 0; r < reps; r++) {
            for (int i = 0; i < n; i++) {
                Variant v = variants.get(i);
                long t0 = System.nanoTime();
                v.forward();
                long t1 = System.nanoTime();
                v.backward();
                long t2 = System.nanoTime();
                fwd[i][r] = (t1 - t0) / 1e6;
                bwd[i][r] = (t2 - t1) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "%n%s (%.1f MB per array)%n", java.util.Arrays.toString(shape), x.length() * 4 / 1e6);
        for (int i = 0; i < n; i++) {
            double f = Timings.median(fwd[i]);
            double b = Timings.median(bwd[i]);
            System.out.printf(Locale.ROOT, "  %-52s fwd %7.2f ms  bwd %7.2f ms  total %7.2f ms%n", names.get(i), f, b,
                    f + b);
        }
    }

    private static Layer layer(long[] shape, BatchNormalization bn, INDArray gamma, INDArray beta) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(shape[2], shape[3], shape[1]))
                .addLayer("bn", bn, "in").setOutputs("bn").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        graph.initGradientsView();
        Layer l = graph.getLayer("bn");
        l.getParam("gamma").assign(gamma.reshape(l.getParam("gamma").shape()));
        l.getParam("beta").assign(beta.reshape(l.getParam("beta").shape()));
        return l;
    }

    enum Stats { MEAN_VARIANCE, MEAN_SQNORM, MOMENTS }

    enum Backward { BATCHNORM_BP, AFFINE }

    /** Training-mode BN out of single ND4J ops. */
    static final class OpBn implements Variant {
        final INDArray x;
        final INDArray g;
        final INDArray gamma;
        final INDArray beta;
        final Stats stats;
        final Backward backward;
        INDArray mean;
        INDArray var;
        INDArray y;
        final double count;

        OpBn(INDArray x, INDArray g, INDArray gamma, INDArray beta, Stats stats, Backward backward) {
            this.x = x;
            this.g = g;
            this.gamma = gamma;
            this.beta = beta;
            this.stats = stats;
            this.backward = backward;
            this.count = x.length() / x.size(1);
        }

        public void forward() {
            int c = (int) x.size(1);
            switch (stats) {
                case MEAN_VARIANCE -> {
                    mean = x.mean(NCHW_REDUCE);
                    var = Nd4j.exec(new Variance(x, false, NCHW_REDUCE));
                }
                case MEAN_SQNORM -> {
                    mean = x.mean(NCHW_REDUCE);
                    INDArray sq = Nd4j.exec(new SquaredNorm(x, false, NCHW_REDUCE));
                    var = sq.divi(count).subi(mean.mul(mean));
                }
                case MOMENTS -> {
                    INDArray[] m = Nd4j.exec(new Moments(x, NCHW_REDUCE));
                    mean = m[0];
                    var = m[1];
                }
            }
            y = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
            affine(x, mean, var, gamma, beta, y);
            if (mean.length() != c) {
                throw new IllegalStateException("mean " + mean.shapeInfoToString());
            }
        }

        public void backward() {
            switch (backward) {
                case BATCHNORM_BP -> {
                    INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
                    INDArray dm = Nd4j.createUninitialized(DataType.FLOAT, mean.shape());
                    INDArray dv = Nd4j.createUninitialized(DataType.FLOAT, mean.shape());
                    INDArray dg = Nd4j.createUninitialized(DataType.FLOAT, mean.shape());
                    INDArray db = Nd4j.createUninitialized(DataType.FLOAT, mean.shape());
                    DynamicCustomOp op = DynamicCustomOp.builder("batchnorm_bp").addInputs(x, mean, var, gamma, beta, g)
                            .addIntegerArguments(1, 1, 1).addFloatingPointArguments(EPS)
                            .addOutputs(dx, dm, dv, dg, db).build();
                    Nd4j.exec(op);
                }
                case AFFINE -> {
                    // dβ = Σg, dγ = Σ g·x̂ = invStd·(Σ g·x − μ·Σg)
                    // dx = γ·invStd·(g − dβ/N − x̂·dγ/N) = s·g + a·x + b per channel
                    INDArray invStd = org.nd4j.linalg.ops.transforms.Transforms.pow(var.add(EPS), -0.5, false);
                    INDArray dBeta = g.sum(NCHW_REDUCE);
                    INDArray dot = Nd4j.exec(new Dot(g, x, NCHW_REDUCE));
                    INDArray dGamma = dot.sub(mean.mul(dBeta)).muli(invStd);
                    INDArray s = gamma.mul(invStd);
                    INDArray a = s.mul(invStd).muli(dGamma).divi(-count);
                    INDArray b = s.mul(dBeta).divi(-count).subi(a.mul(mean));
                    INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
                    INDArray zero = Nd4j.zeros(DataType.FLOAT, mean.shape());
                    INDArray unit = Nd4j.ones(DataType.FLOAT, mean.shape()).subi(EPS);
                    affine(x, zero, unit, a, b, dx);
                    INDArray sg = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
                    affine(g, zero, unit, s, zero, sg);
                    dx.addi(sg);
                }
            }
        }
    }

    /** out = γ·(in − m)/√(v+ε) + β per channel, one oneDNN pass. */
    static void affine(INDArray in, INDArray m, INDArray v, INDArray gamma, INDArray beta, INDArray out) {
        DynamicCustomOp op = DynamicCustomOp.builder("batchnorm").addInputs(in, m, v, gamma, beta)
                .addIntegerArguments(1, 1, 1).addFloatingPointArguments(EPS).addOutputs(out).build();
        Nd4j.exec(op);
    }
}
