// swift-tools-version: 6.0
import PackageDescription

// The BLAS library to link: OpenBLAS, or another library exporting CBLAS named by AUTOGRAD_BLAS
// (scripts/check-reference-blas sets "blas", Debian's reference BLAS).
let blasLibrary = Context.environment["AUTOGRAD_BLAS"] ?? "openblas"

/// ArgumentParser, which the examples and the benchmarks use for their options.
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
/// What every example and the benchmarks build on.
let exampleDependencies: [Target.Dependency] = ["Autograd", "ExampleSupport", argumentParser]

let package = Package(
    name: "swift-autograd",
    // MARK: - Public API
    products: [
        .library(name: "Autograd", targets: ["Autograd"]),
        .library(name: "AutogradNN", targets: ["AutogradNN"]),
        // Data-parallel training over MPI; needs Open MPI (libopenmpi-dev), which the other products do not.
        .library(name: "AutogradDistributed", targets: ["AutogradDistributed"]),
    ],
    dependencies: [
        // Only the examples and the benchmarks use it, for their command-line options.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // RealModule: exp, log, tanh, erf, ... written once for Float and Double (the kernels' scalar math).
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        // `swift package generate-documentation` (scripts/docs): the DocC catalogs as a static site.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        // MARK: - Libraries
        .target(
            name: "Autograd",
            dependencies: ["CLinearAlgebra", .product(name: "RealModule", package: "swift-numerics")]
        ),
        .target(
            name: "AutogradNN",
            dependencies: ["Autograd"],
            exclude: ["Resources/digits-README.md"],
            resources: [.copy("Resources/digits.csv")]
        ),
        .target(name: "AutogradDistributed", dependencies: ["Autograd", "AutogradNN", "CMPI"]),

        // MARK: - Implementation details
        .target(
            name: "CLinearAlgebra",
            linkerSettings: [.linkedLibrary(blasLibrary), .linkedLibrary("lapacke")]
        ),
        // Open MPI's C API, with accessors for the handles it defines as macros.
        .systemLibrary(name: "CMPI", path: "Sources/CMPI", pkgConfig: "ompi-c", providers: [.apt(["libopenmpi-dev"])]),

        // MARK: - Examples and benchmarks
        // Every example and the benchmarks parse their command line with ArgumentParser.
        .executableTarget(name: "InverseNorm", dependencies: exampleDependencies, path: "Examples/InverseNorm"),
        .executableTarget(name: "PullbackTour", dependencies: exampleDependencies, path: "Examples/PullbackTour"),
        .executableTarget(name: "CustomRules", dependencies: exampleDependencies, path: "Examples/CustomRules"),
        .executableTarget(
            name: "HessianVectorProducts", dependencies: exampleDependencies, path: "Examples/HessianVectorProducts"),
        .executableTarget(
            name: "TrainDigits", dependencies: exampleDependencies + ["AutogradNN", "AutogradDistributed"], path: "Examples/TrainDigits"),
        .executableTarget(
            name: "TrainSpirals", dependencies: exampleDependencies + ["AutogradNN"], path: "Examples/TrainSpirals"),
        .executableTarget(
            name: "LinearRegression", dependencies: exampleDependencies + ["AutogradNN"], path: "Examples/LinearRegression"),
        .executableTarget(
            name: "GaussianProcessCO2", dependencies: exampleDependencies + ["AutogradNN"], path: "Examples/GaussianProcessCO2",
            exclude: ["co2-mauna-loa-weekly-README.md"], resources: [.copy("co2-mauna-loa-weekly.csv")]),
        .executableTarget(name: "GraphExport", dependencies: exampleDependencies + ["AutogradNN"], path: "Examples/GraphExport"),
        .target(name: "ExampleSupport", dependencies: ["Autograd", argumentParser], path: "Examples/Support"),
        // The benchmarks call the C shim directly only to time bare BLAS as the baseline.
        .executableTarget(
            name: "Benchmarks", dependencies: exampleDependencies + ["AutogradNN", "CLinearAlgebra"], path: "Benchmarks",
            exclude: ["pytorch_reference.py", "Distributed"]),
        // Data-parallel training speed under mpirun (scripts/bench-distributed).
        .executableTarget(
            name: "DistributedBenchmark", dependencies: exampleDependencies + ["AutogradNN", "AutogradDistributed"],
            path: "Benchmarks/Distributed"),

        // MARK: - Tests
        .target(name: "AutogradTestSupport", dependencies: ["Autograd"], path: "Tests/Support"),
        .testTarget(name: "AutogradTests", dependencies: ["Autograd", "AutogradTestSupport"]),
        .testTarget(name: "AutogradNNTests", dependencies: ["Autograd", "AutogradNN", "AutogradTestSupport"]),
        .testTarget(
            name: "AutogradDistributedTests", dependencies: ["Autograd", "AutogradNN", "AutogradDistributed", "AutogradTestSupport"]),
        // Run under `mpirun -np 2` by AutogradDistributedTests: the collectives checked across two ranks.
        .executableTarget(
            name: "CollectiveChecks", dependencies: ["Autograd", "AutogradDistributed", "AutogradNN", "CMPI"],
            path: "Tests/DistributedPrograms/CollectiveChecks"),
        // Run under `mpirun -np 2` by AutogradDistributedTests: data-parallel training equals one process's.
        .executableTarget(
            name: "DataParallelExactness", dependencies: ["Autograd", "AutogradNN", "AutogradDistributed"],
            path: "Tests/DistributedPrograms/DataParallelExactness"),
        .testTarget(name: "ExampleSupportTests", dependencies: ["ExampleSupport", "AutogradTestSupport", argumentParser]),
    ]
)
