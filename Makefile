# The two commands of the README. Each installs what it needs (scripts/setup) and builds in
# release mode.
.PHONY: setup train test build lint format

setup:
	scripts/setup

build: setup
	swift build -c release

# Trains Examples/fashion.mlp on the 60,000 Fashion-MNIST images and prints its test accuracy.
train: build
	.build/release/mlp run Examples/fashion.mlp

# Runs the whole test suite (Swift Testing), in release mode; it builds mlp for the tests that
# run the command.
test: setup
	swift test -c release

lint:
	swift format lint --strict -r Sources Tests Package.swift

format:
	swift format -i -r Sources Tests Package.swift
