# The two commands a user needs are `make demo` and `make test`; both install
# any missing Debian packages first, so a fresh machine needs nothing else.
BUILD_DIR ?= build
JOBS ?= 2
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all deps configure build test demo bench fuzz clean

all: build

deps:
	@./tools/install-deps.sh

$(BUILD_DIR)/build.ninja: CMakeLists.txt
	cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS)

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

demo: build
	@./tools/demo.sh $(BUILD_DIR)/bin/syncrule

# Micro-benchmarks (Google Benchmark), then the whole-program benchmark on
# the project's own generated workload (tools/bench.sh; docs/performance.md).
bench: build
	cmake --build $(BUILD_DIR) -j $(JOBS) --target syncrule_bench
	$(BUILD_DIR)/bin/syncrule_bench
	./tools/bench.sh $(BUILD_DIR)/bin/syncrule $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)
