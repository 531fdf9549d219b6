# haguard's container image: build the shaded jar with Maven, run it on a distroless JRE 17.
#   docker build -t haguard .
# The runtime image has no shell and no package manager, and runs as the non-root user 65532.

# --- build ---------------------------------------------------------------------------------
FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies first, so that a source change does not download most of them again.
COPY pom.xml .
RUN mvn -B -ntp dependency:go-offline
COPY src ./src
RUN mvn -B -ntp package -DskipTests

# --- run -----------------------------------------------------------------------------------
FROM gcr.io/distroless/java17-debian12:nonroot
COPY --from=build /build/target/haguard.jar /app/haguard.jar
USER 65532:65532
# Exit at once on OutOfMemoryError (the kubelet or Docker restarts it) instead of running on with
# threads that died half-way. config/manager/manager.yaml sets the same, with the heap size.
ENV JAVA_TOOL_OPTIONS=-XX:+ExitOnOutOfMemoryError
# /metrics, /healthz and /readyz.
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/haguard.jar"]
CMD ["operator"]
