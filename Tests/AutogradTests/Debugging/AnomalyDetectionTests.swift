import Synchronization
import Testing
import Autograd

/// `withAnomalyDetection`: the first operation, pullback and differential to produce NaN or
/// ±∞ from finite values is reported with its shapes and the caller's code; later ones fed by
/// non-finite values are not; the setting belongs to its scope and its task. Expected values by
/// hand: 0/0 = NaN, log 0 = −∞, −∞·0 = NaN, d√x/dx = 1/(2√x) = +∞ at 0.
@Suite("Anomaly detection")
struct AnomalyDetectionTests {
    /// The operations a handler was told of, in order.
    private final class Reports: Sendable {
        let operations = Mutex<[String]>([])
    }

    /// The error a scope running `body` throws (the test stops when it throws none).
    private func anomalyError(_ body: () throws -> Void) throws -> AnomalyError {
        try #require(throws: AnomalyError.self) { try withAnomalyDetection(body) }
    }

    /// Whether a frame of `anomaly`'s call stack names `function` (the test's own function).
    private func callStack(of anomaly: Anomaly?, names function: String) -> Bool {
        anomaly?.callStack.contains { $0.contains(function) } ?? false
    }

    @Test("0/0 is reported as a forward anomaly of '/' with its shapes and the caller's function")
    func divisionOfZeroByZero() throws {
        let error = try anomalyError {
            _ = Tensor([0.0, 1.0, 0.0]) / Tensor([0.0, 2.0, 4.0])  // [NaN, 0.5, 0]
        }
        let anomaly = try #require(error.forward)
        #expect(anomaly.stage == .forward)
        #expect(anomaly.operation == "/")
        #expect(anomaly.inputShapes == [[3], [3]])
        #expect(anomaly.outputShape == [3])
        #expect(anomaly.result == "the output")
        #expect(anomaly.nonFiniteCount == 1 && anomaly.valueCount == 3)
        #expect(anomaly.firstNonFiniteValue.isNaN)
        #expect(error.derivative == nil)
        #expect(callStack(of: anomaly, names: "divisionOfZeroByZero"))
        #expect(!anomaly.callStack.isEmpty && !anomaly.callStack[0].contains("Autograd.Tensor"))
        #expect(anomaly.description.contains("'/'") && anomaly.description.contains("non-finite inputs: none"))
    }

    @Test("in log(0)·0 only log is reported: the NaN of · comes from its non-finite input")
    func onlyTheFirstProducer() throws {
        let reports = Reports()
        #expect(throws: AnomalyError.self) {
            try withAnomalyDetection(onAnomaly: { anomaly in reports.operations.withLock { $0.append(anomaly.operation) } }) {
                let x = Tensor(shape: [1, 2], scalars: [0.0, 1.0])
                let y = log(x) * Tensor(shape: [1, 2], scalars: [0.0, 0.0])  // [−∞·0, 0·0] = [NaN, 0]
                #expect(y.scalars[0].isNaN)
                _ = exp(y)  // NaN in, NaN out: not reported either
            }
        }
        #expect(reports.operations.withLock { $0 } == ["log"])
        let error = try anomalyError { _ = log(Tensor([0.0, 1.0])) * Tensor([0.0, 0.0]) }
        #expect(error.forward?.operation == "log")
        #expect(error.forward?.firstNonFiniteValue == -.infinity)
    }

    @Test("an input that is already NaN is not a new anomaly")
    func nonFiniteInputs() throws {
        let value = try withAnomalyDetection {
            (Tensor([Double.nan, 1.0]) + Tensor([1.0, .infinity])).scalars
        }
        #expect(value[0].isNaN && value[1] == .infinity)
    }

    @Test("without an anomaly the body's value is returned and nothing is thrown")
    func noAnomaly() throws {
        let x = Tensor([1.0, 4.0]).requiringGradient()
        let value = try withAnomalyDetection {
            let y = sqrt(x).sum()
            y.backward()
            return y.scalar
        }
        #expect(value == 3)
        #expect(x.grad?.scalars == [0.5, 0.25])  // 1/(2√x)
    }

    @Test("√x at 0 is finite, its pullback 1/(2√x) is +∞: a pullback anomaly at sqrt's forward call site")
    func pullbackOfSquareRootAtZero() throws {
        let x = Tensor([0.0, 4.0]).requiringGradient()
        let error = try anomalyError {
            let y = sqrt(x)  // [0, 2]: finite
            y.sum().backward()
        }
        #expect(error.forward == nil)
        let anomaly = try #require(error.derivative)
        #expect(anomaly.stage == .pullback)
        #expect(anomaly.operation == "sqrt")
        #expect(anomaly.inputShapes == [[2]] && anomaly.outputShape == [2])
        #expect(anomaly.result == "the cotangent of input 0")
        #expect(anomaly.nonFiniteCount == 1 && anomaly.firstNonFiniteValue == .infinity)
        #expect(callStack(of: anomaly, names: "pullbackOfSquareRootAtZero"))
        #expect(anomaly.description.contains("pullback") && anomaly.description.contains("recorded in the forward computation at"))
        #expect(x.grad?.scalars == [.infinity, 0.25])  // the pass ran to its end
    }

    @Test("inside gradient(at:of:) the pullback anomaly names sqrt; a scope inside the function sees its forward ops")
    func insideTransforms() throws {
        let error = try anomalyError {
            let g = gradient(at: Tensor([0.0, 1.0])) { x in sqrt(x).sum() }
            #expect(g.scalars == [.infinity, 0.5])
        }
        #expect(error.derivative?.operation == "sqrt" && error.derivative?.stage == .pullback)
        #expect(callStack(of: error.derivative, names: "insideTransforms"))

        var inner: AnomalyError?
        _ = gradient(at: Tensor([0.0, 1.0])) { x in
            do {
                return try withAnomalyDetection { log(x).sum() }
            } catch {
                inner = error as? AnomalyError
                return x.sum()
            }
        }
        #expect(inner?.forward?.operation == "log")
    }

    @Test("operations under withoutGradients are checked too")
    func withoutRecording() throws {
        let error = try anomalyError {
            withoutGradients { _ = exp(Tensor([1000.0])) }  // e¹⁰⁰⁰ overflows to +∞
        }
        #expect(error.forward?.operation == "exp")
        #expect(error.forward?.firstNonFiniteValue == .infinity)
    }

    @Test("the differential of √x at 0, dx/(2√x), is +∞: a differential anomaly in jvp")
    func differentialOfSquareRootAtZero() throws {
        let error = try anomalyError {
            let (value, tangent) = jvp(at: Tensor([0.0, 1.0]), tangent: Tensor([1.0, 1.0])) { x in sqrt(x) }
            #expect(value.scalars == [0, 1])
            #expect(tangent.scalars == [.infinity, 0.5])
        }
        #expect(error.forward == nil)
        let anomaly = try #require(error.derivative)
        #expect(anomaly.stage == .differential)
        #expect(anomaly.operation == "sqrt")
        #expect(anomaly.result == "the tangent of the output")
        #expect(anomaly.nonFiniteCount == 1)
        #expect(callStack(of: anomaly, names: "differentialOfSquareRootAtZero"))
    }

    @Test("a nested scope reports to itself: caught there, the outer scope does not throw it")
    func nestedScopes() throws {
        var innerError: AnomalyError?
        let value = try withAnomalyDetection {
            do {
                try withAnomalyDetection { _ = Tensor([0.0]) / Tensor([0.0]) }
            } catch let error as AnomalyError {
                innerError = error
            }
            return Tensor([2.0]).scalar
        }
        #expect(value == 2)
        #expect(innerError?.forward?.operation == "/")

        let outer = try anomalyError {
            try withAnomalyDetection { _ = Tensor([1.0]) + Tensor([1.0]) }
            _ = log(Tensor([0.0]))
        }
        #expect(outer.forward?.operation == "log")
    }

    @Test("a scope in one task does not see another task's anomaly")
    func tasksAreIndependent() async throws {
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for task in 0..<4 {
                group.addTask {
                    // Tasks 0 and 1 compute NaN (task 1 outside any scope); 2 and 3 only finite values.
                    let denominator = task < 2 ? 0.0 : 1.0
                    let compute = {
                        for _ in 0..<200 { _ = Tensor([0.0, 1.0]) / Tensor([denominator, 1.0]) }
                    }
                    guard task != 1 else { compute(); return (task, false) }
                    do {
                        try withAnomalyDetection(compute)
                        return (task, false)
                    } catch {
                        return (task, error is AnomalyError)
                    }
                }
            }
            return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
        }
        #expect(outcomes == [0: true, 1: false, 2: false, 3: false])
    }

    @Test("the async scope watches its body across suspension points")
    func asyncScope() async throws {
        await #expect(throws: AnomalyError.self) {
            try await withAnomalyDetection {
                await Task.yield()
                _ = log(Tensor([0.0]))
            }
        }
        let value = try await withAnomalyDetection {
            await Task.yield()
            return Tensor([3.0]).scalar
        }
        #expect(value == 3)
    }
}
