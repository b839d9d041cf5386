package io.vireo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vireo.flink.PairJobConfig;
import io.vireo.training.config.TrainConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine;

/**
 * The container files in docker/ (no Docker engine needed): the compose file is what `docker compose config`
 * accepts (run when a compose CLI is installed), names every service, and each build points at an existing
 * Dockerfile stage; the commands the services run parse with the real CLI; Flink slots, job parallelism and
 * topic partitions agree; the trainer config loads; the cron entry and the Kubernetes CronJob are well-formed.
 */
class DockerFilesTest {

    static final Set<String> SERVICES = Set.of("kafka", "jobmanager", "taskmanager-1", "taskmanager-2",
            "job-submitter", "ingest", "trainer", "eval");
    static final Path ROOT = repositoryRoot();
    static final Path DOCKER = ROOT.resolve("docker");
    static final Path COMPOSE = DOCKER.resolve("compose.yaml");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void composeConfigAcceptsTheFileWhenAComposeCliIsInstalled() throws Exception {
        Optional<List<String>> compose = composeCli();
        assumeThat(compose).as("docker-compose or the docker compose plugin on PATH").isPresent();
        Process p = new ProcessBuilder(concat(compose.get(), "-f", COMPOSE.toString(), "config"))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("compose config finished").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(services(YAMLMapper.builder().build().readTree(output)).keySet())
                .containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    @Test
    void everyServiceIsThereAndEveryBuildPointsAtAnExistingDockerfileStage() throws Exception {
        Map<String, JsonNode> services = services(model());
        assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
        Map<String, String> builtImages = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> s : services.entrySet()) {
            JsonNode build = s.getValue().path("build");
            if (build.isMissingNode()) {
                continue;
            }
            Path context = DOCKER.resolve(build.path("context").asText(".")).normalize();
            Path dockerfile = context.resolve(build.path("dockerfile").asText("Dockerfile")).normalize();
            assertThat(dockerfile).as(s.getKey() + " build.dockerfile").isRegularFile();
            String target = build.path("target").asText("");
            assertThat(target).as(s.getKey() + " build.target").isNotEmpty();
            assertThat(stages(dockerfile)).as(s.getKey() + ": stages of " + dockerfile).contains(target);
            // Services sharing an image tag must build it from the same target.
            String image = s.getValue().path("image").asText(s.getKey());
            String previous = builtImages.putIfAbsent(image, target);
            assertThat(previous == null || previous.equals(target)).as(image + " built from " + previous + " and " + target).isTrue();
        }
        assertThat(builtImages).containsEntry("vireo/flink", "flink").containsEntry("vireo/cli", "cli")
                .containsEntry("vireo/trainer", "trainer").containsEntry("vireo/eval", "eval");
        for (String tm : List.of("jobmanager", "taskmanager-1", "taskmanager-2")) {
            assertThat(services.get(tm).path("image").asText()).as(tm).isEqualTo("vireo/flink");
        }
        assertThat(services.get("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        JsonNode gpu = services.get("trainer").path("deploy").path("resources").path("reservations").path("devices").path(0);
        assertThat(gpu.path("capabilities").toString()).contains("\"gpu\"");
        // Bind-mounted files (relative sources) exist; the rest are named volumes the file declares.
        Set<String> declared = fieldNames(model().path("volumes"));
        for (Map.Entry<String, JsonNode> s : services.entrySet()) {
            for (String[] mount : mounts(s.getValue())) {
                if (mount[0].startsWith(".") || mount[0].startsWith("/")) {
                    if (!mount[0].contains("videos")) {   // docker/videos/ is the user's to fill
                        assertThat(DOCKER.resolve(mount[0]).normalize()).as(s.getKey() + " mount " + mount[0]).exists();
                    }
                } else {
                    assertThat(declared).as(s.getKey() + " volume " + mount[0]).contains(mount[0]);
                }
            }
        }
    }

    @Test
    void dockerfileCopiesOnlyWhatExists() throws IOException {
        Path dockerfile = DOCKER.resolve("Dockerfile");
        Set<String> stages = stages(dockerfile);
        Pattern copy = Pattern.compile("^COPY\\s+(?:--chown=\\S+\\s+)?(--from=(\\S+)\\s+)?(?:--chown=\\S+\\s+)?(\\S+)", Pattern.MULTILINE);
        Matcher m = copy.matcher(Files.readString(dockerfile));
        int copies = 0;
        while (m.find()) {
            copies++;
            String from = m.group(2);
            String source = m.group(3);
            if (from == null) {
                if (!source.equals(".")) {
                    assertThat(ROOT.resolve(source)).as("COPY " + source + " (build context = repository root)").exists();
                }
            } else if (!from.contains(":")) {
                assertThat(stages).as("COPY --from=" + from).contains(from);
                if (source.startsWith("/src/")) {
                    // Paths of the build stages' output (/src = the repository): the module must exist, and
                    // where this checkout has built it, the file name pattern must match the real output.
                    Path local = ROOT.resolve(source.substring("/src/".length()));
                    Path module = ROOT.resolve(source.substring("/src/".length()).split("/")[0]);
                    assertThat(module.resolve("pom.xml")).as(source).isRegularFile();
                    if (Files.isDirectory(local.getParent()) && local.getFileName().toString().contains("*")) {
                        String glob = local.getFileName().toString();
                        try (Stream<Path> files = Files.list(local.getParent())) {
                            assertThat(files.map(f -> f.getFileName().toString())
                                    .filter(n -> n.matches(glob.replace(".", "\\.").replace("*", ".*"))))
                                    .as(source + " in " + local.getParent()).hasSize(1);
                        }
                    }
                }
            }
        }
        assertThat(copies).isGreaterThan(5);
        assertThat(stages).contains("build", "build-cuda", "cli", "eval", "flink", "trainer");
        String text = Files.readString(dockerfile);
        assertThat(text).contains("-Pcuda").contains("ARG FLINK_IMAGE=flink:2.2").contains("ARG CUDA_IMAGE=nvidia/cuda:11.");
    }

    @Test
    void serviceCommandsParseWithTheRealCliAndSlotsMatchParallelismAndPartitions() throws Exception {
        Map<String, JsonNode> services = services(model());

        CommandLine submitter = Main.newCommandLine();
        CommandLine.ParseResult pairs = submitter.parseArgs(command(services.get("job-submitter")).toArray(String[]::new));
        PairsCommand pairsCommand = (PairsCommand) pairs.subcommand().commandSpec().userObject();
        assertThat(pairsCommand.cluster).isEqualTo("jobmanager:8081");
        PairJobConfig job = pairsCommand.config(pairsCommand.kafka.settings());   // validates every job option
        assertThat(job.bootstrapServers()).isEqualTo("kafka:9092");

        List<String> ingest = command(services.get("ingest"));
        Main.newCommandLine().parseArgs(ingest.toArray(String[]::new));
        int partitions = Integer.parseInt(ingest.get(ingest.indexOf("--partitions") + 1));

        Map<String, String> flink = flinkProperties(services.get("taskmanager-1"));
        int taskManagers = (int) services.keySet().stream().filter(s -> s.startsWith("taskmanager-")).count();
        int slots = taskManagers * Integer.parseInt(flink.get("taskmanager.numberOfTaskSlots"));
        assertThat(job.parallelism()).as("job parallelism = Flink slots = chunk topic partitions")
                .isEqualTo(slots).isEqualTo(partitions);
        assertThat(flink.get("jobmanager.rpc.address")).isEqualTo("jobmanager");
        assertThat(flink.get("execution.checkpointing.dir")).startsWith("file:///var/lib/vireo/flink/");
        assertThat(flinkProperties(services.get("jobmanager"))).isEqualTo(flink);

        List<String> eval = concat(List.of("eval"), command(services.get("eval")).toArray(String[]::new));
        Main.newCommandLine().parseArgs(eval.toArray(String[]::new));
        assertThat(eval).contains("/var/lib/vireo/checkpoints/checkpoint.zip");
    }

    @Test
    void trainerCommandsParseOnceTheTrainCommandExists() throws Exception {
        // The compose trainer, the cron entry and the CronJob use the continuous and scheduled modes
        // (--follow, --resume latest --until-caught-up): their arguments must parse with the real command.
        CommandLine train = Main.newCommandLine().getSubcommands().get("train");
        assumeThat(train).as("vireo train").isNotNull();
        assumeThat(train.getCommandSpec().optionsMap()).as("vireo train's options")
                .containsKeys("--follow", "--until-caught-up");
        List<List<String>> argLists = List.of(command(services(model()).get("trainer")), cronJobArgs(), cronArgs());
        for (List<String> args : argLists) {
            Main.newCommandLine().parseArgs(concat(List.of("train"), args.toArray(String[]::new)).toArray(String[]::new));
        }
    }

    @Test
    void trainerConfigLoadsAndCheckpointsGoWhereTheVolumesAre() throws Exception {
        TrainConfig config = TrainConfig.load(DOCKER.resolve("trainer/train.yaml"), List.of());
        String checkpoints = config.output().dir();
        assertThat(checkpoints).isEqualTo("/var/lib/vireo/checkpoints");
        JsonNode trainer = services(model()).get("trainer");
        assertThat(mounts(trainer)).anySatisfy(m -> assertThat(m[1]).isEqualTo(checkpoints));
        assertThat(mounts(trainer)).anySatisfy(m -> assertThat(m[1]).isEqualTo("/etc/vireo/train.yaml"));
        assertThat(mounts(services(model()).get("eval"))).anySatisfy(m -> assertThat(m[1]).isEqualTo(checkpoints));
        JsonNode container = cronJob().path("spec").path("jobTemplate").path("spec").path("template").path("spec")
                .path("containers").path(0);
        assertThat(container.path("volumeMounts").findValuesAsText("mountPath")).contains(checkpoints, "/etc/vireo");
    }

    @Test
    void kubernetesCronJobIsComplete() throws Exception {
        List<JsonNode> docs = k8sDocuments();
        JsonNode cron = cronJob();
        assertThat(cron.path("apiVersion").asText()).isEqualTo("batch/v1");
        assertThat(cronFields(cron.path("spec").path("schedule").asText())).isTrue();
        assertThat(cron.path("spec").path("concurrencyPolicy").asText()).isEqualTo("Forbid");
        JsonNode pod = cron.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
        assertThat(pod.path("restartPolicy").asText()).isIn("Never", "OnFailure");
        JsonNode container = pod.path("containers").path(0);
        assertThat(container.path("image").asText()).contains("vireo/trainer");
        assertThat(container.path("resources").path("limits").path("nvidia.com/gpu").asInt()).isEqualTo(1);
        assertThat(cronJobArgs()).containsSubsequence("--resume", "latest").contains("--until-caught-up");
        // Every mount has a volume; every claim the pod uses is declared in the file.
        Set<String> volumes = new LinkedHashSet<>(pod.path("volumes").findValuesAsText("name"));
        assertThat(volumes).containsAll(container.path("volumeMounts").findValuesAsText("name"));
        Set<String> claims = docs.stream().filter(d -> d.path("kind").asText().equals("PersistentVolumeClaim"))
                .map(d -> d.path("metadata").path("name").asText()).collect(Collectors.toSet());
        assertThat(claims).containsAll(pod.path("volumes").findValuesAsText("claimName")).isNotEmpty();
    }

    @Test
    void cronEntryRunsTheTrainerOnTheCronJobsSchedule() throws IOException {
        List<String> entries = cronEntries();
        assertThat(entries).hasSize(1);
        String[] fields = entries.get(0).trim().split("\\s+", 6);
        assertThat(cronFields(String.join(" ", List.of(fields).subList(0, 5)))).as(entries.get(0)).isTrue();
        assertThat(fields[5]).contains("./vireo train").contains("--resume latest").contains("--until-caught-up");
        assertThat(String.join(" ", List.of(fields).subList(0, 5))).isEqualTo(cronJob().path("spec").path("schedule").asText());
    }

    // ------------------------------------------------------------------ helpers

    /** The compose file as a tree (whether Docker accepts it is the first test's job). */
    static JsonNode model() throws IOException {
        // SnakeYAML resolves the anchors and merge keys (<<: *flink) that Jackson's YAML parser leaves alone.
        Object raw = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(COMPOSE));
        return JSON.valueToTree(raw);
    }

    static Map<String, JsonNode> services(JsonNode model) {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        model.path("services").fields().forEachRemaining(e -> services.put(e.getKey(), e.getValue()));
        return services;
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<String> command(JsonNode service) {
        List<String> args = new ArrayList<>();
        service.path("command").forEach(a -> args.add(a.asText().replace("${VIREO_INPUT:-/videos}", "/videos")));
        assertThat(args).as("command of " + service).isNotEmpty();
        return args;
    }

    /** [source, target] of each short-syntax volume entry. */
    static List<String[]> mounts(JsonNode service) {
        List<String[]> mounts = new ArrayList<>();
        service.path("volumes").forEach(v -> {
            String[] parts = v.asText().split(":");
            mounts.add(new String[] {parts[0], parts[1]});
        });
        return mounts;
    }

    static Map<String, String> flinkProperties(JsonNode service) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : service.path("environment").path("FLINK_PROPERTIES").asText().split("\n")) {
            if (!line.isBlank()) {
                int colon = line.indexOf(':');
                properties.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return properties;
    }

    static Set<String> stages(Path dockerfile) throws IOException {
        Matcher m = Pattern.compile("^FROM\\s+\\S+\\s+AS\\s+(\\S+)", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE)
                .matcher(Files.readString(dockerfile));
        Set<String> stages = new LinkedHashSet<>();
        while (m.find()) {
            stages.add(m.group(1));
        }
        return stages;
    }

    static List<JsonNode> k8sDocuments() throws IOException {
        YAMLMapper yaml = YAMLMapper.builder().build();
        try (var parser = new YAMLFactory().createParser(DOCKER.resolve("k8s/train-cronjob.yaml").toFile())) {
            List<JsonNode> docs = yaml.readValues(parser, JsonNode.class).readAll();
            assertThat(docs).allSatisfy(d -> assertThat(d.path("kind").isTextual()).as(d.toString()).isTrue());
            return docs;
        }
    }

    static JsonNode cronJob() throws IOException {
        List<JsonNode> jobs = k8sDocuments().stream().filter(d -> d.path("kind").asText().equals("CronJob")).toList();
        assertThat(jobs).hasSize(1);
        return jobs.get(0);
    }

    static List<String> cronJobArgs() throws IOException {
        List<String> args = new ArrayList<>();
        cronJob().path("spec").path("jobTemplate").path("spec").path("template").path("spec").path("containers").path(0)
                .path("args").forEach(a -> args.add(a.asText()));
        return args;
    }

    static List<String> cronEntries() throws IOException {
        return Files.readAllLines(DOCKER.resolve("cron/vireo-train.cron")).stream()
                .filter(l -> !l.isBlank() && !l.trim().startsWith("#") && !l.matches("^[A-Z_]+=.*"))
                .toList();
    }

    /** The arguments after `./vireo train` up to the output redirection. */
    static List<String> cronArgs() throws IOException {
        String command = cronEntries().get(0).trim().split("\\s+", 6)[5];
        String afterTrain = command.substring(command.indexOf("./vireo train") + "./vireo train".length());
        afterTrain = afterTrain.replaceAll(">>.*$", "").trim();
        return List.of(afterTrain.split("\\s+"));
    }

    /** Five standard cron fields: *, N, N-M, lists, and /step, each within its range. */
    static boolean cronFields(String schedule) {
        String[] fields = schedule.trim().split("\\s+");
        int[][] ranges = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
        if (fields.length != 5) {
            return false;
        }
        for (int i = 0; i < 5; i++) {
            for (String item : fields[i].split(",")) {
                Matcher m = Pattern.compile("(\\*|(\\d+)(?:-(\\d+))?)(?:/(\\d+))?").matcher(item);
                if (!m.matches()) {
                    return false;
                }
                for (String n : new String[] {m.group(2), m.group(3)}) {
                    if (n != null && (Integer.parseInt(n) < ranges[i][0] || Integer.parseInt(n) > ranges[i][1])) {
                        return false;
                    }
                }
                if (m.group(4) != null && Integer.parseInt(m.group(4)) < 1) {
                    return false;
                }
            }
        }
        return true;
    }

    static Optional<List<String>> composeCli() {
        for (List<String> cli : List.of(List.of("docker-compose"), List.of("docker", "compose"))) {
            try {
                Process p = new ProcessBuilder(concat(cli, "version")).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return Optional.of(cli);
                }
            } catch (IOException e) {
                // not installed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker/compose.yaml")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root with docker/compose.yaml above " + Path.of("").toAbsolutePath());
    }
}
