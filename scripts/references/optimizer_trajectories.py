"""Prints a Swift file holding the trajectories of PyTorch's own optimizers (float64, CPU) on
fixed gradients, for OptimizerTests.swift. Run from the package root:
    python3 scripts/references/optimizer_trajectories.py > Tests/AutogradNNTests/PyTorchTrajectories.swift
Every value is printed with repr (shortest round-trip, 17 significant digits at most), so the
literals are the exact doubles PyTorch computed.

With the argument float32, the same steps in float32 (START and GRADIENTS rounded to float32,
as torch.tensor rounds them), each float32 value printed as the double it widens to:
    python3 scripts/references/optimizer_trajectories.py float32 > Tests/AutogradNNTests/PyTorchTrajectories+Float32.swift
"""
import importlib
import sys
from fractions import Fraction

import torch

DTYPE = sys.argv[1] if len(sys.argv) > 1 else "float64"
assert DTYPE in ("float32", "float64"), f"unknown dtype {DTYPE}: float32 or float64"
torch.set_default_dtype(getattr(torch, DTYPE))

# Two parameters (five elements, so a SIMD width and a remainder, and one) and five steps of
# gradients, fixed so that no autograd is involved.
START = [[0.3, -1.2, 2.5, 0.7, -0.05], [1.0]]
GRADIENTS = [
    [[0.1, -0.37, 1.3, 0.0, 2.2], [-0.6]],
    [[0.25, 0.4, -0.9, 1e-3, 1.7], [-0.45]],
    [[-0.3, 0.33, 0.7, -2e-3, 1.1], [0.2]],
    [[0.05, -0.12, 0.45, 3e-3, 0.6], [0.9]],
    [[0.4, 0.07, -0.2, -1e-3, 0.3], [-1.3]],
]

CONFIGURATIONS = [
    ("sgdMomentumWeightDecay", torch.optim.SGD, dict(lr=0.1, momentum=0.9, weight_decay=0.01)),
    ("sgdNesterovWeightDecay", torch.optim.SGD, dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)),
    ("adam", torch.optim.Adam, dict(lr=0.1)),
    ("adamWeightDecay", torch.optim.Adam, dict(lr=0.1, weight_decay=0.1)),
    ("adamW", torch.optim.AdamW, dict(lr=0.1, weight_decay=0.1)),
]

# Record which implementation ran: the per-tensor loop, the foreach kernels or a fused one.
paths = set()
for module, names in [(importlib.import_module("torch.optim.adam"), ["_single_tensor_adam", "_multi_tensor_adam", "_fused_adam"]),
                      (importlib.import_module("torch.optim.sgd"), ["_single_tensor_sgd", "_multi_tensor_sgd", "_fused_sgd"])]:
    for name in names:
        original = getattr(module, name)
        def recorder(*args, _original=original, _name=name, **kwargs):
            paths.add(_name)
            return _original(*args, **kwargs)
        setattr(module, name, recorder)


def trajectory(optimizer_type, options):
    parameters = [torch.tensor(values) for values in START]
    optimizer = optimizer_type(parameters, **options)
    steps = []
    for gradients in GRADIENTS:
        for parameter, gradient in zip(parameters, gradients):
            parameter.grad = torch.tensor(gradient)
        optimizer.step()
        steps.append([p.tolist() for p in parameters])
    return steps


def swift_array(values):
    if isinstance(values, list):
        return "[" + ", ".join(swift_array(v) for v in values) + "]"
    return values if isinstance(values, str) else repr(float(values))


def fma(a, b, c):
    """a·b + c rounded once, as a fused multiply-add does."""
    return float(Fraction(a) * Fraction(b) + Fraction(c))


def replay(optimizer_type, options):
    """PyTorch's per-element arithmetic (_single_tensor_sgd, _single_tensor_adam) with its
    add(alpha:), lerp and addcmul fused, and torch's own sqrt: checks that these two
    are all that separates PyTorch's results from the same operations rounded one at a time."""
    lr, decay = options["lr"], options.get("weight_decay", 0.0)
    momentum, nesterov = options.get("momentum", 0.0), options.get("nesterov", False)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    decoupled = optimizer_type is torch.optim.AdamW
    parameters = [list(values) for values in START]
    state = [[[None, 0.0, 0.0] for _ in p] for p in parameters]
    steps = []
    for step, gradients in enumerate(GRADIENTS, start=1):
        for p, g, s in zip(parameters, gradients, state):
            for i in range(len(p)):
                grad, (buffer, first, second) = g[i], s[i]
                if decoupled:
                    p[i] = p[i] * (1 - lr * decay)
                elif decay:
                    grad = fma(decay, p[i], grad)                        # grad.add(param, alpha=decay)
                if optimizer_type is torch.optim.SGD:
                    buffer = grad if buffer is None else buffer * momentum + grad
                    direction = fma(momentum, buffer, grad) if nesterov else buffer
                    p[i] = fma(-lr, direction, p[i])                     # param.add_(grad, alpha=-lr)
                else:
                    first = fma(1 - beta1, grad - first, first)          # exp_avg.lerp_(grad, 1 - beta1)
                    second = fma((1 - beta2) * grad, grad, second * beta2)  # mul_(beta2).addcmul_
                    step_size = lr / (1 - beta1 ** float(step))
                    root = torch.tensor([second]).sqrt().item()
                    denominator = root / (1 - beta2 ** float(step)) ** 0.5 + eps
                    p[i] = p[i] + (-step_size * first) / denominator      # addcdiv_
                s[i] = [buffer, first, second]
        steps.append([list(p) for p in parameters])
    return steps


results = [(name, trajectory(t, o), o) for name, t, o in CONFIGURATIONS]
if DTYPE == "float32":
    print(f"""// Generated by `scripts/references/optimizer_trajectories.py float32` with torch {torch.__version__}
// (float32 on CPU, capability {torch.backends.cpu.get_cpu_capability()}; the optimizers ran {", ".join(sorted(paths))}).
// Each float32 value is written as the double it widens to. Do not edit by hand.

/// PyTorch's optimizers stepped in float32 along `PyTorchTrajectories.gradients` from
/// `PyTorchTrajectories.start`, both rounded to float32: two parameters, five steps.
enum PyTorchTrajectoriesFloat32 {{""")
    for index, (name, steps, options) in enumerate(results):
        print(f"""{"" if index == 0 else chr(10)}    /// The parameters after each step of `{name}`, `{options}`.
    static let {name}: [[[Double]]] = [""")
        for step in steps:
            print(f"        {swift_array(step)},")
        print("    ]")
    print("}")
    sys.exit()
replays_agree = all(replay(t, o) == steps for (_, t, o), (_, steps, _) in zip(CONFIGURATIONS, results))
print(f"""// Generated by scripts/references/optimizer_trajectories.py with torch {torch.__version__}
// (float64 on CPU, capability {torch.backends.cpu.get_cpu_capability()}; the optimizers ran {", ".join(sorted(paths))}).
// Replaying these steps with fused multiply-adds and torch's sqrt reproduces every value: {replays_agree}.
// Do not edit by hand.

/// PyTorch's optimizers stepped along fixed gradients: two parameters, five steps.
enum PyTorchTrajectories {{
    /// The parameters before the first step.
    static let start: [[Double]] = {swift_array(START)}

    /// The gradients of each step, one per parameter.
    static let gradients: [[[Double]]] = [""")
for step in GRADIENTS:
    print(f"        {swift_array(step)},")
print("    ]")
for name, steps, options in results:
    print(f"""
    /// The parameters after each step of `{name}`, `{options}`.
    static let {name}: [[[Double]]] = [""")
    for step in steps:
        print(f"        {swift_array(step)},")
    print("    ]")
print("}")
