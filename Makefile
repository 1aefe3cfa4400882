# Seek: `make demo` and `make test` work on a fresh Debian 12 machine as root.
SWIFT        ?= swift
CONFIG       ?= release
SWIFT_FLAGS  := -c $(CONFIG)
APT_PACKAGES := libopenblas-dev libdnnl-dev libssl-dev libsqlite3-dev poppler-utils pkg-config libuchardet-dev zlib1g-dev \
                tesseract-ocr tesseract-ocr-eng antiword catdoc chromium
BIN_DIR       = $(shell $(SWIFT) build $(SWIFT_FLAGS) --show-bin-path)
SEEK          = $(BIN_DIR)/seek

.PHONY: all deps build model test demo bench clean

all: build

# Installs the system packages Seek needs when they are missing (Debian/Ubuntu, as root).
deps:
	@if command -v dpkg >/dev/null 2>&1; then \
	  missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then \
	    echo "installing:$$missing"; \
	    apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq $$missing; \
	  fi; \
	fi
	@# PostgreSQL with pgvector for the Postgres tests only (never fails: they are skipped without it).
	@./scripts/pgvector-server-install.sh

build: deps
	$(SWIFT) build $(SWIFT_FLAGS)

# Fetches and verifies the embedding model into the cache when it is not there yet.
model: build
	$(SEEK) model fetch

# One build serves both the tests and the `seek` binary they run (a plain `swift build` and
# `swift test` compile everything twice: tests need -enable-testing).
# The Postgres tests get a throw-away server (scripts/pg-test-server.sh) through
# SEEK_TEST_POSTGRES_URL; it is stopped afterwards whether the tests pass or not, and make keeps
# the tests' exit status. Without the server's binaries those tests are skipped with a message;
# where pgvector's build cannot run on the CPU, only the tests of connections get a server
# (SEEK_TEST_POSTGRES_SERVER_URL) and the store tests are skipped with the reason.
test: deps
	$(SWIFT) build $(SWIFT_FLAGS) --build-tests
	$(SEEK) model fetch
	@pgdir=$$(mktemp -d /tmp/seek-pg-test.XXXXXX); \
	if url=$$(./scripts/pg-test-server.sh start "$$pgdir" 2>"$$pgdir.err"); then \
	  echo "Postgres tests: $$url"; \
	  SEEK_TEST_POSTGRES_URL="$$url" SEEK_BINARY=$(SEEK) $(SWIFT) test $(SWIFT_FLAGS) --skip-build; status=$$?; \
	  ./scripts/pg-test-server.sh stop "$$pgdir" || echo "warning: the test PostgreSQL in $$pgdir did not stop"; \
	elif url=$$(./scripts/pg-test-server.sh start-server-only "$$pgdir.plain" 2>>"$$pgdir.err"); then \
	  echo "Postgres store tests skipped: $$(head -1 "$$pgdir.err"); connection tests: $$url"; \
	  SEEK_TEST_POSTGRES_SERVER_URL="$$url" SEEK_BINARY=$(SEEK) $(SWIFT) test $(SWIFT_FLAGS) --skip-build; status=$$?; \
	  ./scripts/pg-test-server.sh stop "$$pgdir.plain" || echo "warning: the test PostgreSQL in $$pgdir.plain did not stop"; \
	else \
	  echo "Postgres tests skipped: $$(cat "$$pgdir.err")"; \
	  SEEK_BINARY=$(SEEK) $(SWIFT) test $(SWIFT_FLAGS) --skip-build; status=$$?; \
	fi; \
	rm -rf "$$pgdir" "$$pgdir.plain" "$$pgdir.err"; exit $$status

demo: model
	./scripts/demo.sh $(SEEK)

clean:
	rm -rf .build
