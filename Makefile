# Quick start: `make run` and `make test`. Each installs missing Debian packages
# (apt-get only when something is missing), configures, builds incrementally, then runs.
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
OUT ?= out/default
SCENARIO ?= scenarios/gamedays/default.json
FUZZ_SECONDS ?= 60

.PHONY: all deps configure build run test test-asan test-tsan fuzz bench update-golden clean

all: build

deps:
	@bash .ci/install-deps

$(BUILD_DIR)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: $(BUILD_DIR)/CMakeCache.txt

build: deps configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@$(BUILD_DIR)/cli/idsim run $(SCENARIO) --out $(OUT)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer, and under
# ThreadSanitizer (for the parallel sweep). Separate build trees, RelWithDebInfo.
test-asan: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIDSIM_SANITIZE=address,undefined
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

test-tsan: deps
	cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIDSIM_SANITIZE=thread
	cmake --build build-tsan -j $(JOBS)
	cd build-tsan && TSAN_OPTIONS=halt_on_error=1 ctest --output-on-failure -j $(JOBS)

# Rewrites tests/golden/digests.txt (report.json of every game day, the golden sweep's files)
# from the current code. Only on purpose: the commit that changes it must say why.
update-golden: deps configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target idsim
	@bash tests/golden/update-golden.sh $(BUILD_DIR)/cli/idsim

# Both libFuzzer targets (clang, ASan + UBSan, tree build-fuzz), FUZZ_SECONDS each; a crash
# fails and is saved in build-fuzz/artifacts/ (docs/fuzzing.md).
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) JOBS=$(JOBS) bash tests/fuzz/run.sh

# The benchmark tables of issue 7 (docs/bench.md); the kernel's hold-model microbench is
# $(BUILD_DIR)/bench/idsim_bench --benchmark_filter=Hold (docs/kernel.md).
bench: build
	@bash bench/run_all.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)
