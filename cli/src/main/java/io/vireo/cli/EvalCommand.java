package io.vireo.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.vireo.eval.datasets.ade20k.Ade20kDataset;
import io.vireo.eval.datasets.voc.VocDataset;
import io.vireo.eval.encoder.Encoder;
import io.vireo.eval.encoder.FeatureExtractor;
import io.vireo.eval.export.FeatureExport;
import io.vireo.eval.features.FeatureIndex;
import io.vireo.eval.features.FeatureMatrix;
import io.vireo.eval.features.Npy;
import io.vireo.eval.images.ImageSet;
import io.vireo.eval.probe.KnnConfig;
import io.vireo.eval.probe.KnnProbe;
import io.vireo.eval.probe.LabeledFeatures;
import io.vireo.eval.probe.LinearProbe;
import io.vireo.eval.probe.LinearProbeConfig;
import io.vireo.eval.probe.MlpProbe;
import io.vireo.eval.probe.MlpProbeConfig;
import io.vireo.eval.probe.ProbeResult;
import io.vireo.eval.report.MetricsLog;
import io.vireo.eval.report.ModelResults;
import io.vireo.eval.report.ReportWriter;
import io.vireo.eval.report.ResultsFile;
import io.vireo.eval.ris.AloiSets;
import io.vireo.eval.ris.RisEvaluation;
import io.vireo.eval.ris.RisInput;
import io.vireo.eval.ris.RisResult;
import io.vireo.eval.ris.SynthSets;
import io.vireo.eval.ris.TrackSets;
import io.vireo.training.data.ParquetPairStream;
import io.vireo.eval.segmentation.LinearSegmentation;
import io.vireo.eval.segmentation.SegmentationConfig;
import io.vireo.eval.segmentation.SegmentationResult;
import io.vireo.eval.segmentation.SegmentationSample;
import io.vireo.eval.tasks.VocClassification;
import io.vireo.eval.tasks.VocClassificationResult;
import io.vireo.eval.tasks.VocCroppedBoxes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Measure an encoder (a checkpoint or a random initialisation) with frozen features:",
                "feature export, probes, Pascal VOC, ADE20K, RIS invariance, and HTML/JSON reports."},
        subcommands = {EvalCommand.Features.class, EvalCommand.Probe.class, EvalCommand.Voc.class, EvalCommand.Ade20k.class,
                EvalCommand.Ris.class, EvalCommand.Report.class})
final class EvalCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", 100 * v);
    }

    @Command(name = "features", mixinStandardHelpOptions = true,
            description = {"Pre-logits of every image under --images (class-per-folder or flat) to a NumPy .npy",
                    "(float32, (N, D)) plus a CSV index (path,label,class) next to it."})
    static final class Features implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        EvalEncoderOptions encoder;
        @Option(names = "--images", required = true, description = "Image folder.")
        Path images;
        @Option(names = "--out", required = true, description = "Output .npy file (the index goes to the same name with .csv).")
        Path out;

        @Override
        public Integer call() throws IOException {
            FeatureExport.Written w = FeatureExport.export(new FeatureExtractor(encoder.load(), encoder.batchSize),
                    ImageSet.folder(images), out);
            spec.commandLine().getOut().printf("%d×%d features  %s  %s%n", w.rows(), w.dim(), w.npy(), w.index());
            return 0;
        }
    }

    @Command(name = "probe", mixinStandardHelpOptions = true,
            description = {"Linear (multinomial logistic, L2 chosen on a validation split), MLP and kNN (cosine, k 20,",
                    "T 0.07) probes on exported features; labels come from each .npy's CSV index. Top-1/top-5."})
    static final class Probe implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--train", required = true, description = "Training features (.npy with its .csv).")
        Path train;
        @Option(names = "--test", required = true, description = "Test features (.npy with its .csv).")
        Path test;
        @Option(names = "--probes", defaultValue = "linear,knn", split = ",",
                description = "Any of linear, mlp, knn (default: ${DEFAULT-VALUE}).")
        List<String> probes;
        @Option(names = "--task", defaultValue = "probe", description = "Task label in the results file (default: ${DEFAULT-VALUE}).")
        String task;
        @Option(names = "--results", description = "Add the figures to this JSON results file.")
        Path results;
        @Option(names = "--name", description = "Encoder name for the results file (default: the .npy's name).")
        String name;

        @Override
        public Integer call() throws IOException {
            LabeledFeatures tr = load(train);
            LabeledFeatures te = load(test);
            tr.requireCompatible(te);
            PrintWriter out = spec.commandLine().getOut();
            List<ProbeResult> done = new ArrayList<>();
            for (String p : probes) {
                ProbeResult r = switch (p.trim()) {
                    case "linear" -> LinearProbe.evaluate(tr, te, LinearProbeConfig.defaults());
                    case "mlp" -> MlpProbe.evaluate(tr, te, MlpProbeConfig.defaults());
                    case "knn" -> KnnProbe.evaluate(tr, te, KnnConfig.defaults());
                    default -> throw new IllegalArgumentException("--probes: unknown probe '" + p + "' (linear, mlp, knn)");
                };
                done.add(r);
                out.printf("%-7s top-1 %s  top-5 %s  (%d test rows)%n", r.probe(), pct(r.top1()), pct(r.top5()), r.testSize());
            }
            if (results != null) {
                String n = name != null ? name : train.getFileName().toString();
                ModelResults m = ResultsFile.readOrCreate(results, n, "features " + train.toAbsolutePath(), 0);
                for (ProbeResult r : done) {
                    m = m.withProbe(task + "/" + r.probe(), r);
                }
                ResultsFile.write(results, m);
            }
            return 0;
        }

        static LabeledFeatures load(Path npy) throws IOException {
            FeatureMatrix x = Npy.read(npy);
            Path csv = FeatureExport.indexFor(npy);
            List<FeatureIndex.Row> rows = FeatureIndex.read(csv);
            if (rows.size() != x.rows()) {
                throw new IllegalArgumentException(csv + " has " + rows.size() + " rows but " + npy + " has " + x.rows());
            }
            int[] labels = rows.stream().mapToInt(FeatureIndex.Row::label).toArray();
            int classes = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0) {
                    throw new IllegalArgumentException(csv + ": row " + (i + 1) + " is unlabelled; probes need labelled features");
                }
                classes = Math.max(classes, labels[i] + 1);
            }
            return new LabeledFeatures(x, labels, classes, npy.toString());
        }
    }

    @Command(name = "voc", mixinStandardHelpOptions = true,
            description = {"Pascal VOC from VOCdevkit/VOC<year> as released: 20-class classification (per-class",
                    "logistic, mAP 11-point and all-point), optionally cropped boxes and segmentation (mIoU)."})
    static final class Voc implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        EvalEncoderOptions encoder;
        @Mixin
        EvalResultsOptions results;
        @Option(names = "--devkit", required = true, description = "The VOCdevkit folder.")
        Path devkit;
        @Option(names = "--year", defaultValue = "2007", description = "2007 or 2012 (default: ${DEFAULT-VALUE}).")
        String year;
        @Option(names = "--train-split", defaultValue = "trainval", description = "ImageSets/Main split to fit on (default: ${DEFAULT-VALUE}).")
        String trainSplit;
        @Option(names = "--test-split", defaultValue = "test", description = "ImageSets/Main split to score (default: ${DEFAULT-VALUE}).")
        String testSplit;
        @Option(names = "--cropped-boxes", description = "Also classify object crops (difficult skipped).")
        boolean croppedBoxes;
        @Option(names = "--segmentation", description = "Also segmentation on ImageSets/Segmentation train → val (255 ignored).")
        boolean segmentation;

        @Override
        public Integer call() throws IOException {
            Encoder e = encoder.load();
            FeatureExtractor x = new FeatureExtractor(e, encoder.batchSize);
            VocDataset voc = VocDataset.open(devkit, year);
            PrintWriter out = spec.commandLine().getOut();
            VocClassificationResult cls = VocClassification.evaluate(x, voc, trainSplit, testSplit, LinearProbeConfig.defaults());
            out.printf("VOC%s classification  mAP 11-point %s  all-point %s%n", year, pct(cls.mapElevenPoint()),
                    pct(cls.mapAllPoint()));
            results.add(e, m -> m.withVoc(cls));
            if (croppedBoxes) {
                ProbeResult crops = VocCroppedBoxes.evaluate(x, voc, trainSplit, testSplit, LinearProbeConfig.defaults());
                out.printf("VOC%s cropped boxes   top-1 %s  top-5 %s%n", year, pct(crops.top1()), pct(crops.top5()));
                results.add(e, m -> m.withProbe("voc" + year + "-cropped-boxes/linear", crops));
            }
            if (segmentation) {
                SegmentationResult s = LinearSegmentation.evaluate("VOC" + year, e, 21, voc.segmentationSamples("train"),
                        voc.segmentationSamples("val"), VocDataset::mask, SegmentationConfig.defaults());
                out.printf("VOC%s segmentation    mIoU %s  pixel accuracy %s%n", year, pct(s.meanIou()), pct(s.pixelAccuracy()));
                results.add(e, m -> m.withSegmentation(s));
            }
            return 0;
        }
    }

    @Command(name = "ade20k", mixinStandardHelpOptions = true,
            description = {"ADE20K from ADEChallengeData2016/ as released: linear per-pixel head on frozen, upsampled",
                    "features, fitted on training and scored on validation; mIoU over 150 classes, pixel accuracy."})
    static final class Ade20k implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        EvalEncoderOptions encoder;
        @Mixin
        EvalResultsOptions results;
        @Option(names = "--root", required = true, description = "The ADEChallengeData2016 folder.")
        Path root;
        @Option(names = "--max-train", defaultValue = "0", description = "Use only the first N training images (0 = all).")
        int maxTrain;
        @Option(names = "--max-val", defaultValue = "0", description = "Use only the first N validation images (0 = all).")
        int maxVal;
        @Option(names = "--pixels-per-image", defaultValue = "256", description = "Pixels sampled per training image (default: ${DEFAULT-VALUE}).")
        int pixels;

        @Override
        public Integer call() throws IOException {
            Encoder e = encoder.load();
            Ade20kDataset ade = Ade20kDataset.open(root);
            List<SegmentationSample> train = limit(ade.samples("training"), maxTrain);
            List<SegmentationSample> val = limit(ade.samples("validation"), maxVal);
            SegmentationConfig d = SegmentationConfig.defaults();
            SegmentationResult s = LinearSegmentation.evaluate("ADE20K", e, Ade20kDataset.CLASSES, train, val,
                    Ade20kDataset::mask, new SegmentationConfig(pixels, d.l2(), d.maxIterations(), encoder.batchSize, d.seed()));
            spec.commandLine().getOut().printf("ADE20K  mIoU %s  pixel accuracy %s  (%d train, %d val images)%n",
                    pct(s.meanIou()), pct(s.pixelAccuracy()), train.size(), val.size());
            results.add(e, m -> m.withSegmentation(s));
            return 0;
        }

        private static List<SegmentationSample> limit(List<SegmentationSample> all, int n) {
            if (n < 0) {
                throw new IllegalArgumentException("--max-train/--max-val must be >= 0, got " + n);
            }
            return n == 0 ? all : all.subList(0, Math.min(n, all.size()));
        }
    }

    @Command(name = "ris", mixinStandardHelpOptions = true,
            description = {"RIS@10/@25 invariance per factor, from an ALOI-style layout (--aloi: one folder per factor,",
                    "one sub-folder per object), the synthetic world's single-factor renders (--synth), and/or",
                    "the instances followed by region-tracked pairs (--pairs: the pair builder's Parquet shards)."})
    static final class Ris implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Mixin
        EvalEncoderOptions encoder;
        @Mixin
        EvalResultsOptions results;
        @Option(names = "--aloi", description = "Folder with one sub-folder per factor (e.g. view, ill, col).")
        Path aloi;
        @Option(names = "--synth", description = "Synthetic sets for these factors: ${COMPLETION-CANDIDATES}.", split = ",",
                completionCandidates = SynthFactors.class)
        List<String> synth;
        @Option(names = "--pairs", description = "Folder of Parquet pair shards (vireo pairs --shard-dir); each chain "
                + "of region-tracked pairs is one instance.")
        Path pairs;
        @Option(names = "--synth-instances", defaultValue = "4", description = "Instances per class (default: ${DEFAULT-VALUE}).")
        int instances;
        @Option(names = "--synth-conditions", defaultValue = "8", description = "Images per set (default: ${DEFAULT-VALUE}).")
        int conditions;

        static final class SynthFactors extends ArrayList<String> {
            private static final long serialVersionUID = 1L;

            SynthFactors() {
                super(SynthSets.FACTORS);
            }
        }

        @Override
        public Integer call() throws IOException {
            List<RisInput> inputs = new ArrayList<>();
            if (aloi != null) {
                inputs.addAll(AloiSets.scanAll(aloi));
            }
            if (synth != null) {
                SynthSets.Settings s = new SynthSets.Settings(instances, conditions, 96, 1);
                for (String f : synth) {
                    inputs.add(SynthSets.build(f.trim(), s));
                }
            }
            if (pairs != null) {
                inputs.add(TrackSets.fromPairs(ParquetPairStream.readAll(pairs)));
            }
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException("give --aloi DIR, --synth FACTORS and/or --pairs DIR");
            }
            Encoder e = encoder.load();
            FeatureExtractor x = new FeatureExtractor(e, encoder.batchSize);
            for (RisInput in : inputs) {
                RisResult r = RisEvaluation.evaluate(x, in);
                spec.commandLine().getOut().printf("%-24s RIS@10 %6.2f  RIS@25 %6.2f  (%d images, %d sets, %d classes)%n",
                        r.factor(), r.ris10(), r.ris25(), r.images(), r.sets(), r.classes());
                results.add(e, m -> m.withRis(r));
            }
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"An HTML page with PNG charts and a report.json comparing encoders side by side, from",
                    "results files written by the other eval commands (--results)."})
    static final class Report implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Parameters(arity = "1..*", description = "Results JSON files, one per encoder.")
        List<Path> files;
        @Option(names = "--out", required = true, description = "Report folder (index.html, report.json, *.png).")
        Path out;
        @Option(names = "--title", defaultValue = "Vireo evaluation", description = "Page title (default: ${DEFAULT-VALUE}).")
        String title;
        @Option(names = "--curve", description = "NAME=metrics.jsonl: training curve for the encoder called NAME.")
        Map<String, Path> curves = new LinkedHashMap<>();

        @Override
        public Integer call() throws IOException {
            List<ModelResults> models = new ArrayList<>();
            for (Path f : files) {
                ModelResults m = ResultsFile.read(f);
                if (curves.containsKey(m.name())) {
                    m = m.withCurve(MetricsLog.read(curves.get(m.name())));
                }
                models.add(m);
            }
            for (String n : curves.keySet()) {
                if (models.stream().noneMatch(m -> m.name().equals(n))) {
                    throw new IllegalArgumentException("--curve: no results file has an encoder named '" + n + "'");
                }
            }
            ReportWriter.Written w = ReportWriter.write(out, title, models);
            spec.commandLine().getOut().printf("%s  %s  (%d charts)%n", w.html(), w.json(), w.charts().size());
            return 0;
        }
    }
}
