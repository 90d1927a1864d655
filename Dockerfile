# Build stage: Maven with JDK 17 builds the fat jar (tests run in CI, not here).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests -Dspotless.check.skip=true

# Runtime stage: a JRE only, as an unprivileged user.
FROM eclipse-temurin:17-jre
# fontconfig and one font: /likes stats draws its chart's digits and labels with Java2D.
RUN apt-get update && apt-get install -y --no-install-recommends curl fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data likesbot \
    && mkdir -p /data && chown likesbot /data
COPY --from=build /src/target/likes-bot.jar /app/likes-bot.jar
USER likesbot
WORKDIR /data
# The SQLite database and its key file live here (store.url defaults to
# jdbc:sqlite:likes-bot.db in /data, the key to /data/likes-bot.key): back up both.
VOLUME /data
# The callback server, with /metrics and the health endpoints: publish it on this machine only
# (-p 127.0.0.1:8080:8080) and let a proxy forward the callback and /login/ (see Caddyfile).
EXPOSE 8080
# Configure with environment variables (DISCORD_TOKEN, SPOTIFY_CLIENT_ID, ...) or mount a
# bot.properties into /data.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:${WEB_PORT:-8080}/healthz || exit 1
# Sized for a small service that mostly waits on the network (see BENCHMARKS.md): the serial GC
# and a 64 MB heap, small stacks, capped code cache and class space, the quick compiler only, and
# two malloc arenas instead of one per thread. README's run command uses the same flags and
# variable (DeploymentFilesTest keeps them equal).
ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xmx64m", "-Xss512k", "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=96m", "-XX:TieredStopAtLevel=1", "-jar", "/app/likes-bot.jar"]
