# `sam build` runs these targets (template.yml: Metadata: BuildMethod: makefile)
# with ARTIFACTS_DIR set; both functions are the same bundle, dist/handlers.js, with
# dist/aws-sdk-v2.js beside it.

TSX := node_modules/.bin/tsx

.PHONY: build-TypeFunction build-TestEntrypoint

build-TypeFunction:
	$(TSX) scripts/build/cli.ts --out "$(ARTIFACTS_DIR)"

build-TestEntrypoint:
	$(TSX) scripts/build/cli.ts --out "$(ARTIFACTS_DIR)"
