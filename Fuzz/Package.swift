// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for the file readers, kept out of the root package: each defines
// `LLVMFuzzerTestOneInput` and no `main` (libFuzzer supplies it), so it links only when built
// with `swift build --sanitize=fuzzer`, which `swift build --build-tests` at the root never does.
// Run them with `scripts/fuzz [seconds]`; README's "Fuzzing" section says more.

/// Compiled without a `main`: libFuzzer's runtime provides it and calls `LLVMFuzzerTestOneInput`.
let fuzzTargetSettings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "swift-autograd-fuzz",
    dependencies: [.package(name: "swift-autograd", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzSafeTensors",
            dependencies: [.product(name: "AutogradNN", package: "swift-autograd"),
                           .product(name: "Autograd", package: "swift-autograd")],
            swiftSettings: fuzzTargetSettings),
        .executableTarget(
            name: "FuzzIDX",
            dependencies: [.product(name: "AutogradNN", package: "swift-autograd")],
            swiftSettings: fuzzTargetSettings),
    ]
)
