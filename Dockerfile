# syntax=docker/dockerfile:1
# Shepherd's image: build the shaded jar with Maven on a JDK, run it on a JRE as a non-root user.
#   docker build -t shepherd .
#   docker run -p 3000:3000 -v "$PWD/config:/config:ro" -v "$PWD/runbooks:/runbooks:ro" \
#     -v shepherd-data:/data -e SHEPHERD_RUNBOOKS=/runbooks \
#     -e SLACK_BOT_TOKEN -e SLACK_SIGNING_SECRET shepherd
# Every fact here (port, paths, variable names) is checked against the code by
# src/test/java/dev/shepherd/ship/DeploymentAgreementTest.java.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY src ./src
# Tests are not run here: CI runs them (`mvn -B verify`, .ci/run), some against PostgreSQL.
# The cache mount keeps ~/.m2 between builds (BuildKit).
RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
# The HEALTHCHECK uses curl. eclipse-temurin's Ubuntu images ship curl today, "for historical
# reasons" in Adoptium's own Dockerfile, not as a promise: install it only when it is missing, so
# the check survives a base image without it. A Java one-liner would start a second JVM (~100 MB,
# a CPU spike) every 30 s; bash's /dev/tcp works but is hard to read and to get right.
# The user's home is /data: JGit keeps a per-filesystem cache in ~/.config/jgit and logs an error
# at every git fetch when it cannot write there, and /data is the one writable place.
# hadolint ignore=DL3008
RUN set -eux; \
    if ! command -v curl >/dev/null 2>&1; then \
      apt-get update; \
      apt-get install -y --no-install-recommends curl; \
      rm -rf /var/lib/apt/lists/*; \
    fi; \
    groupadd --system --gid 10001 shepherd; \
    useradd --system --uid 10001 --gid 10001 --home-dir /data --no-create-home \
      --shell /usr/sbin/nologin shepherd; \
    mkdir -p /app /config /data; \
    chown 10001:10001 /data

COPY --from=build /src/target/shepherd.jar /app/shepherd.jar

# /config/shepherd.yaml: mount the config (partitions, no secrets) there.
# /runbooks: mount a runbooks folder there and set SHEPHERD_RUNBOOKS=/runbooks, or name a git URL
#   in the config's runbooks: (a relative path would be read from /app, the working directory).
# /data: the H2 database (one replica only) and git clones.
ENV SHEPHERD_CONFIG=/config/shepherd.yaml \
    SHEPHERD_DATA_DIR=/data \
    PORT=3000
VOLUME ["/data"]
WORKDIR /app
USER 10001:10001
EXPOSE 3000

# /healthz answers 200 while the process is up; readiness (/readyz) is the orchestrator's business.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/healthz" || exit 1

# Heap at 75% of the container's memory limit; an OutOfMemoryError ends the JVM so that the
# orchestrator restarts it rather than leaving a half-working process. The serial collector: the
# live heap is about 40 MB, and G1's own structures cost 40 MB more than that heap's pauses save
# (BENCHMARKS.md, memory). More flags: JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/shepherd.jar"]
CMD ["serve"]
