# haguard: the two commands a newcomer needs are `make demo` and `make test`.
MVN ?= mvn -B -ntp
JAR := target/haguard.jar

.PHONY: build test demo crds deps clean bench

build: ## Build the runnable jar target/haguard.jar
	$(MVN) -q package -DskipTests

deps: ## Install the real components the tests use (apt-get, only when missing)
	./scripts/install-deps.sh

test: deps ## Every test: unit, operator (embedded API server), real etcd/registry/promtool, kustomize
	$(MVN) verify

demo: build ## The main job on the embedded default: examples/demo-cluster.yaml
	java -jar $(JAR) demo

bench: deps build ## Benchmarks (not tests): prints the figures of docs/performance.md, writes target/bench/results.json
	./scripts/bench.sh

crds: ## Regenerate crds/ from the Java API classes
	$(MVN) -q process-classes
	$(MVN) -q test -Dtest=CrdUpToDateTest -Dhaguard.updateCrds=true -Dsurefire.failIfNoSpecifiedTests=false

clean:
	$(MVN) -q clean

.PHONY: mutation chaos
CHAOS_SCHEDULES ?= 5000

mutation: ## PIT over the remediation package (docs/reliability.md); report in target/pit-reports/index.html
	$(MVN) -Pmutation test-compile org.pitest:pitest-maven:mutationCoverage

chaos: ## More seeded hand-off schedules: CHAOS_SCHEDULES=N (default 5000); CHAOS_SEED=S replays one
	$(MVN) test -Dtest=HandoffScheduleTest -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dhaguard.chaos.schedules=$(CHAOS_SCHEDULES) $(if $(CHAOS_SEED),-Dhaguard.chaos.seed=$(CHAOS_SEED))
