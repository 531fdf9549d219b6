# haguard: the two commands a newcomer needs are `make demo` and `make test`.
# No ANSI escape codes in make's output: -B leaves colour off, but Maven 3.8's jansi still writes a
# reset code (ESC[0m) at start and exit unless jansi.noreset is set when the JVM starts; Maven 3.9+
# reads -Dstyle.color=never.
export MAVEN_OPTS += -Djansi.noreset=true
MVN ?= mvn -B -ntp -Dstyle.color=never
JAR := target/haguard.jar
# A real name and tag: config/manager/kustomization.yaml deploys the same (kustomize edit set image).
IMAGE ?= ghcr.io/haguard/haguard:0.1.0

.PHONY: build test test-fast demo image crds deps clean bench

build: ## Build the runnable jar target/haguard.jar
	$(MVN) -q package -DskipTests

deps: ## Install the real programs the tests start (scripts/real-components.txt; apt-get, only when missing)
	./scripts/install-deps.sh

test: deps ## Every tier: pure, embedded API server, real programs (etcd, registry, promtool, kubectl...)
	$(MVN) verify

# AuditFuzzTest (300 damaged snapshots through `audit -f`, 30-70 s alone) is pure but left to `make test`,
# so that the edit-compile loop stays short. -Dtest replaces the pom's <excludes>, so it names again
# ApiEndpointHostsFileTest, which only its own execution (hosts-file) runs.
test-fast: ## The pure tier only (no server, no process), without the audit fuzzing: the edit-compile loop
	$(MVN) test -Dsurefire.excludedGroups=embedded,real -Dtest='!AuditFuzzTest,!ApiEndpointHostsFileTest' \
	  -Dsurefire.failIfNoSpecifiedTests=false

demo: build ## The main job on the embedded default, on the example cluster inside the jar
	bin/haguard demo

image: ## The operator's container image (needs a Docker engine): make image IMAGE=registry/name:tag
	docker build -t $(IMAGE) .

bench: deps build ## Benchmarks (not tests): prints the figures of docs/performance.md, writes target/bench/results.json
	./scripts/bench.sh

crds: ## Regenerate crds/ from the Java API classes
	$(MVN) -q process-classes
	$(MVN) -q test -Dtest=CrdUpToDateTest -Dhaguard.updateCrds=true -Dsurefire.failIfNoSpecifiedTests=false

clean:
	$(MVN) -q clean

.PHONY: mutation chaos
CHAOS_SCHEDULES ?= 5000

mutation: ## PIT over the bare-pod hand-off (docs/reliability.md) and the kept-form reader; report in target/pit-reports/index.html
	$(MVN) -Pmutation test-compile org.pitest:pitest-maven:mutationCoverage

chaos: ## More seeded hand-off schedules: CHAOS_SCHEDULES=N (default 5000); CHAOS_SEED=S replays one
	$(MVN) test -Dtest=HandoffScheduleTest -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dhaguard.chaos.schedules=$(CHAOS_SCHEDULES) $(if $(CHAOS_SEED),-Dhaguard.chaos.seed=$(CHAOS_SEED))
