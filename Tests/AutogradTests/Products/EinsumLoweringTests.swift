@testable import Autograd
import Testing

/// The operation names of the graph that produced `y`, each node once, from `y` back to the leaves.
private func recordedOperations(_ y: Tensor) -> [String] {
    var names: [String] = [], pending = [y], seen = Set<ObjectIdentifier>()
    while let tensor = pending.popLast() {
        guard let node = tensor.node, seen.insert(ObjectIdentifier(node)).inserted else { continue }
        names.append(node.operation)
        pending += node.inputs
    }
    return names
}

/// `einsum` lowers contractions to `matmul` (BLAS), never to an elementwise product and a sum.
@Suite("Einsum lowering")
struct EinsumLoweringTests {
    @Test("each contraction records one matmul and no elementwise product or sum", arguments: [
        ("ij,jk->ik", [[2, 3], [3, 4]], ["matmul"]),
        ("ij,kj->ik", [[2, 3], [4, 3]], ["matmul"]),
        ("bij,bjk->bik", [[2, 2, 3], [2, 3, 2]], ["matmul"]),
        ("bij,jk->bik", [[2, 2, 3], [3, 2]], ["reshaped", "matmul", "reshaped"]),
        ("ij,jk,kl->il", [[2, 3], [3, 2], [2, 2]], ["matmul", "matmul"]),
    ])
    func lowering(_ specification: String, _ shapes: [[Int]], _ expected: [String]) {
        let operands = shapes.map { Tensor.ones($0).requiringGradient() }
        #expect(recordedOperations(einsum(specification, operands)).sorted() == expected.sorted())
    }
}
