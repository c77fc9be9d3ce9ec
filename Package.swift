// swift-tools-version: 6.0
import PackageDescription

// The BLAS library to link: OpenBLAS, or another library exporting CBLAS named by AUTOGRAD_BLAS
// (scripts/check-reference-blas sets "blas", Debian's reference BLAS).
let blasLibrary = Context.environment["AUTOGRAD_BLAS"] ?? "openblas"

let package = Package(
    name: "swift-autograd",
    // MARK: - Public API
    products: [
        .library(name: "Autograd", targets: ["Autograd"]),
        .library(name: "AutogradNN", targets: ["AutogradNN"]),
    ],
    dependencies: [
        // Only the TrainDigits example uses it, for its command-line options.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: - Libraries
        .target(
            name: "Autograd",
            dependencies: ["CLinearAlgebra"]
        ),
        .target(
            name: "AutogradNN",
            dependencies: ["Autograd"],
            exclude: ["Resources/digits-README.md"],
            resources: [.copy("Resources/digits.csv")]
        ),

        // MARK: - Implementation details
        .target(
            name: "CLinearAlgebra",
            linkerSettings: [.linkedLibrary(blasLibrary), .linkedLibrary("lapacke")]
        ),

        // MARK: - Examples and benchmarks
        .executableTarget(name: "InverseNorm", dependencies: ["Autograd"], path: "Examples/InverseNorm"),
        .executableTarget(name: "PullbackTour", dependencies: ["Autograd"], path: "Examples/PullbackTour"),
        .executableTarget(name: "CustomRules", dependencies: ["Autograd"], path: "Examples/CustomRules"),
        .executableTarget(name: "HessianVectorProducts", dependencies: ["Autograd"], path: "Examples/HessianVectorProducts"),
        .executableTarget(
            name: "TrainDigits",
            dependencies: [
                "Autograd", "AutogradNN", "ExampleSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Examples/TrainDigits"),
        .executableTarget(
            name: "TrainSpirals", dependencies: ["Autograd", "AutogradNN", "ExampleSupport"], path: "Examples/TrainSpirals"),
        .executableTarget(name: "LinearRegression", dependencies: ["Autograd", "AutogradNN"], path: "Examples/LinearRegression"),
        .target(name: "ExampleSupport", path: "Examples/Support"),
        // The benchmarks call the C shim directly only to time bare BLAS as the baseline.
        .executableTarget(
            name: "Benchmarks", dependencies: ["Autograd", "AutogradNN", "CLinearAlgebra"], path: "Benchmarks"),

        // MARK: - Tests
        .target(name: "AutogradTestSupport", dependencies: ["Autograd"], path: "Tests/Support"),
        .testTarget(name: "AutogradTests", dependencies: ["Autograd", "AutogradTestSupport"]),
        .testTarget(name: "AutogradNNTests", dependencies: ["Autograd", "AutogradNN", "AutogradTestSupport"]),
        .testTarget(name: "ExampleSupportTests", dependencies: ["ExampleSupport"]),
    ]
)
