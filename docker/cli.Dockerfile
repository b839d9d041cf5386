# The vireo CLI (ingest, synth, quickstart, kafka helpers) on a JRE.
# Build from the repository root:  docker build -f docker/cli.Dockerfile -t vireo/cli .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -pl cli -am package -DskipTests

FROM eclipse-temurin:17-jre
# libpulse0: JavaCV's FFmpeg build links it (see scripts/ensure-system-deps.sh).
RUN apt-get update && apt-get install -y --no-install-recommends libpulse0 && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/vireo
COPY --from=build /src/cli/target/vireo-cli.jar lib/vireo-cli.jar
COPY --from=build /src/cli/target/lib/ lib/
ENV VIREO_HOME=/var/lib/vireo \
    JAVA_TOOL_OPTIONS="-Dorg.bytedeco.javacpp.cachedir=/var/cache/vireo/javacpp"
VOLUME ["/var/lib/vireo"]
ENTRYPOINT ["java", "-cp", "/opt/vireo/lib/*", "io.vireo.cli.Main"]
CMD ["--help"]
