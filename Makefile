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

build: deps
	$(SWIFT) build $(SWIFT_FLAGS)

# Fetches and verifies the embedding model into the cache when it is not there yet.
model: build
	$(SEEK) model fetch

# One build serves both the tests and the `seek` binary they run (a plain `swift build` and
# `swift test` compile everything twice: tests need -enable-testing).
test: deps
	$(SWIFT) build $(SWIFT_FLAGS) --build-tests
	$(SEEK) model fetch
	SEEK_BINARY=$(SEEK) $(SWIFT) test $(SWIFT_FLAGS) --skip-build

demo: model
	./scripts/demo.sh $(SEEK)

clean:
	rm -rf .build
