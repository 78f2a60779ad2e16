# Youhao: `make run` starts the demo, `make test` runs every test. Both install what is missing.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
LISTEN ?= 127.0.0.1:8080
DEMO_DB ?= $(BUILD_DIR)/demo.db
JOBS ?= 2

.PHONY: all deps configure build web run test test-unit bench lint audit format clean

all: build web

deps:
	@scripts/install-deps.sh

configure: deps
	@mkdir -p $(BUILD_DIR)
	@cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DYOUHAO_WERROR=ON > $(BUILD_DIR)/configure.log 2>&1 \
	  || (cat $(BUILD_DIR)/configure.log; exit 1)

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

web: deps
	@npm --prefix web run --silent build

run: build web
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_DB).roads.yrn
	@$(BUILD_DIR)/youhao serve --demo --db sqlite:$(DEMO_DB) --listen $(LISTEN) --web web/dist

test: build web
	@cd $(BUILD_DIR) && ctest --output-on-failure -j 1

test-unit: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -L unit

bench: build web
	@bench/run.sh

# sqlmap (level 3, loopback, bounded) over every operation that takes input, on both databases;
# fails on any finding. Reports in build/audit/.
audit: build
	@cd tests && node audit/sqlmap.mjs \
	  && ../scripts/with-postgres.sh env YOUHAO_TEST_DB=postgres node audit/sqlmap.mjs

# clang-format on every C++ file, clang-tidy on the changed ones, tsc and ESLint on the web client.
lint: configure
	@scripts/lint.sh

format:
	@clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.h' 'bench/*.cpp' 'bench/*.h' 'fuzz/*.cpp' 'fuzz/*.h')

clean:
	@rm -rf $(BUILD_DIR) web/dist
