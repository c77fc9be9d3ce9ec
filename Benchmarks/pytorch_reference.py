#!/usr/bin/env python3
"""The workloads of the Swift benchmarks (Benchmarks/*.swift), timed in PyTorch eager.

Same sizes, float64, the same thread count (``--threads``), the same timing rule (one
warm-up run, then the median of the same number of repetitions). The random values come
from torch's generator, not the Swift one; they do not change the work done.

Prints JSON lines shaped like the Swift benchmarks' (same ``benchmark`` names and keys).
With ``--compare-with FILE`` (the Swift benchmarks' output from the same run) it then
prints, for every time both measured, PyTorch's time divided by Swift's: above 1 means
the Swift package was faster in this run. ``scripts/bench`` runs it that way.
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

# For each benchmark, the figures that are times (smaller is better) and can be compared.
TIMES = {
    "per-op overhead": ["microsecondsPerOp"],
    "matmul 1024 forward+backward": ["seconds"],
    "InverseNorm n=500 value+gradient": ["seconds"],
    "MLP 784-256-256-10 batch 128 cheap gradient": ["valueSeconds", "valueAndGradientSeconds", "hvpSeconds"],
    "MLP 784-256-256-10 batch 128 SGD training": ["millisecondsPerStep"],
}


def median_seconds(repetitions, body):
    """The median wall-clock seconds of `repetitions` runs of `body`, after one warm-up run."""
    body()
    seconds = []
    for _ in range(repetitions):
        start = time.perf_counter()
        body()
        seconds.append(time.perf_counter() - start)
    return statistics.median_low(seconds)


def emit(fields):
    print(json.dumps(fields), flush=True)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def per_op_overhead():
    """A chain of 1,000 ops on 2 x 2 tensors (x*1.0001, +0.5, tanh), a sum, backward."""
    length = 1_000

    def chain():
        x = torch.randn(2, 2, dtype=torch.float64, requires_grad=True)
        y = x
        for step in range(length):
            y = y * 1.0001 if step % 3 == 0 else y + 0.5 if step % 3 == 1 else torch.tanh(y)
        y.sum().backward()

    seconds = median_seconds(50, chain)
    return {"benchmark": "per-op overhead", "ops": length, "microsecondsPerOp": seconds / length * 1e6}


def matmul_forward_backward():
    """C = A·B for 1024 x 1024 matrices, then backward with a random seed: three GEMMs."""
    size = 1_024
    a = torch.randn(size, size, dtype=torch.float64, requires_grad=True)
    b = torch.randn(size, size, dtype=torch.float64, requires_grad=True)
    seed = torch.randn(size, size, dtype=torch.float64)

    def step():
        a.grad = None
        b.grad = None
        torch.matmul(a, b).backward(seed)

    seconds = median_seconds(10, step)
    flops = 3 * 2 * size**3
    return {"benchmark": "matmul 1024 forward+backward", "seconds": seconds, "gflops": flops / seconds / 1e9}


def inverse_norm():
    """Value and gradient of ||X^-1||_F for X = 2I + a small random 500 x 500 matrix."""
    n = 500
    matrix = 2 * torch.eye(n, dtype=torch.float64) + torch.randn(n, n, dtype=torch.float64) * (0.5 / n**0.5)

    def value_and_gradient():
        x = matrix.detach().requires_grad_()
        z = torch.linalg.inv(x).norm()
        torch.autograd.grad(z, x)

    return {"benchmark": "InverseNorm n=500 value+gradient", "seconds": median_seconds(10, value_and_gradient)}


def cheap_gradient():
    """MLP 784-256-256-10, batch 128, tanh, mean squared error: value, value+gradient and
    the Hessian-vector product (forward-over-reverse) with respect to all parameters."""
    widths = [784, 256, 256, 10]
    parameters = []
    for fan_in, fan_out in zip(widths, widths[1:]):
        parameters.append(torch.randn(fan_in, fan_out, dtype=torch.float64) / fan_in**0.5)
        parameters.append(torch.zeros(fan_out, dtype=torch.float64))
    parameters = tuple(parameters)
    inputs = torch.randn(128, 784, dtype=torch.float64)
    targets = torch.randn(128, 10, dtype=torch.float64)
    directions = tuple(torch.randn_like(p) for p in parameters)

    def loss(parameters):
        activations = inputs
        for layer in range(3):
            activations = activations @ parameters[2 * layer] + parameters[2 * layer + 1]
            if layer < 2:
                activations = torch.tanh(activations)
        return ((activations - targets) ** 2).mean()

    def value():
        with torch.no_grad():
            loss(parameters)

    def value_and_gradient():
        leaves = tuple(p.detach().requires_grad_() for p in parameters)
        torch.autograd.grad(loss(leaves), leaves)

    def hvp():
        torch.func.jvp(torch.func.grad(loss), (parameters,), (directions,))

    value_seconds = median_seconds(20, value)
    gradient_seconds = median_seconds(20, value_and_gradient)
    hvp_seconds = median_seconds(20, hvp)
    return {
        "benchmark": "MLP 784-256-256-10 batch 128 cheap gradient",
        "parameters": sum(p.numel() for p in parameters),
        "valueSeconds": value_seconds, "valueAndGradientSeconds": gradient_seconds, "hvpSeconds": hvp_seconds,
        "gradientOverValue": gradient_seconds / value_seconds, "hvpOverGradient": hvp_seconds / gradient_seconds,
    }


def training():
    """SGD steps (zero_grad, forward, cross-entropy, backward, step) of an MLP
    784-256-256-10 with ReLU on a random batch of 128."""
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 10),
    ).double()
    inputs = torch.randn(128, 784, dtype=torch.float64)
    labels = torch.randint(0, 10, (128,))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)

    def step():
        optimizer.zero_grad()
        F.cross_entropy(model(inputs), labels).backward()
        optimizer.step()

    steps_per_timing = 50

    def steps():
        for _ in range(steps_per_timing):
            step()

    seconds = median_seconds(9, steps)
    return {
        "benchmark": "MLP 784-256-256-10 batch 128 SGD training", "stepsPerSecond": steps_per_timing / seconds,
        "millisecondsPerStep": seconds / steps_per_timing * 1e3,
    }


def compare(swift_lines, pytorch_lines):
    """PyTorch's time over Swift's for every time both runs measured."""
    swift = {line["benchmark"]: line for line in swift_lines}
    for line in pytorch_lines:
        name = line["benchmark"]
        for key in TIMES.get(name, []):
            if name in swift and key in swift[name]:
                emit({"benchmark": name, "comparison": key, "swiftAutograd": swift[name][key],
                      "pytorch": line[key], "pytorchOverSwift": line[key] / swift[name][key]})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=os.cpu_count(),
                        help="intra-op threads for torch (default: the logical core count)")
    parser.add_argument("--compare-with", metavar="FILE",
                        help="the Swift benchmarks' JSON lines from the same run, to print ratios")
    arguments = parser.parse_args()
    if arguments.threads < 1:
        parser.error(f"--threads must be at least 1, got {arguments.threads}")
    swift_lines = []
    if arguments.compare_with:
        try:
            with open(arguments.compare_with) as file:
                swift_lines = [json.loads(line) for line in file if line.startswith("{")]
        except (OSError, json.JSONDecodeError) as error:
            parser.error(f"cannot read the Swift results: {error}")

    torch.set_num_threads(arguments.threads)
    torch.manual_seed(0)
    emit({"benchmark": "environment", "framework": "pytorch", "version": torch.__version__, "cpu": cpu_model(),
          "logicalCores": os.cpu_count(), "threads": torch.get_num_threads(),
          "loadAverage1Minute": os.getloadavg()[0]})
    results = []
    for benchmark in (per_op_overhead, matmul_forward_backward, inverse_norm, cheap_gradient, training):
        results.append(benchmark())
        emit(results[-1])
    compare(swift_lines, results)


if __name__ == "__main__":
    sys.exit(main())
