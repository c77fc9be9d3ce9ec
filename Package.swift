// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "swift-autograd",
    // MARK: - Public API
    products: [
        .library(name: "Autograd", targets: ["Autograd"]),
    ],
    targets: [
        // MARK: - Library
        .target(
            name: "Autograd",
            dependencies: ["CLinearAlgebra"]
        ),

        // MARK: - Implementation details
        .target(
            name: "CLinearAlgebra",
            linkerSettings: [.linkedLibrary("openblas"), .linkedLibrary("lapacke")]
        ),

        // MARK: - Examples and benchmarks
        .executableTarget(name: "InverseNorm", dependencies: ["Autograd"], path: "Examples/InverseNorm"),
        .executableTarget(name: "PullbackTour", dependencies: ["Autograd"], path: "Examples/PullbackTour"),
        .executableTarget(name: "CustomRules", dependencies: ["Autograd"], path: "Examples/CustomRules"),
        .executableTarget(name: "HessianVectorProducts", dependencies: ["Autograd"], path: "Examples/HessianVectorProducts"),
        // The benchmarks call the C shim directly only to time bare BLAS as the baseline.
        .executableTarget(name: "Benchmarks", dependencies: ["Autograd", "CLinearAlgebra"], path: "Benchmarks"),

        // MARK: - Tests
        .testTarget(name: "AutogradTests", dependencies: ["Autograd"]),
    ]
)
