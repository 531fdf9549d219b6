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
