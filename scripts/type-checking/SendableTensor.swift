// Type-checked in the Swift 6 language mode by scripts/check-type-checking: a top-level tensor
// used inside functions and tasks. It compiles because `Tensor` is `Sendable`; before it was,
// Swift 6 refused it ("main actor-isolated let 'weights' can not be referenced from a
// nonisolated context").
import Autograd

let weights = Tensor([0.5, -1.0, 2.0]).requiringGradient()

func loss(_ input: Tensor) -> Tensor { (weights * input).sum() }

func backwardConcurrently(on inputs: [Tensor]) async {
    await withTaskGroup(of: Void.self) { group in
        for input in inputs {
            group.addTask { loss(input).backward() }
        }
    }
}

await backwardConcurrently(on: [Tensor([1.0, 2, 3]), Tensor([4.0, 5, 6])])
print(weights.grad?.scalars ?? [])
