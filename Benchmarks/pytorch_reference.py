#!/usr/bin/env python3
"""The workloads of the Swift benchmarks (Benchmarks/*.swift), timed in PyTorch eager.

Each workload has the name, shapes, seeds (torch's generator, so the values differ from the
Swift ones; the work does not), repetitions and timing rule (one warm-up run, then the
median) of its Swift twin and prints one JSON line with the same keys. Without options
every workload runs once. ``scripts/bench --compare`` uses ``--serve`` (workload names on
standard input, one JSON line back for each, so it can interleave them with ours) and
``--tape-memory`` (in a fresh process).
"""
import argparse
import json
import math
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

DTYPES = {"float32": torch.float32, "float64": torch.float64}


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
    print(json.dumps({**fields, "framework": "pytorch"}), flush=True)


def environment():
    """The torch build and the settings the figures depend on."""
    config = torch.__config__.show()
    blas = next((part.split("=", 1)[1] for part in config.replace(",", "\n").split() if part.startswith("BLAS_INFO=")),
                "unknown")
    emit({"benchmark": "environment", "version": torch.__version__, "threads": torch.get_num_threads(),
          "blas": blas, "cpuCapability": torch.backends.cpu.get_cpu_capability(),
          "loadAverage1Minute": os.getloadavg()[0]})


def chain(y, length):
    """The per-op chain: `length` ops cycling y*1.0001, y + 0.5 and tanh y."""
    for step in range(length):
        y = y * 1.0001 if step % 3 == 0 else y + 0.5 if step % 3 == 1 else torch.tanh(y)
    return y


CHAIN_LENGTH = 1_000


def per_op_overhead():
    """A 1,000-op chain on a 2 x 2 float64 tensor, its sum, and backward."""
    def forward_backward():
        chain(torch.randn(2, 2, dtype=torch.float64, requires_grad=True), CHAIN_LENGTH).sum().backward()

    seconds = median_seconds(50, forward_backward)
    emit({"benchmark": "chain", "ops": CHAIN_LENGTH, "microsecondsPerOp": seconds / CHAIN_LENGTH * 1e6})


def tape_memory():
    """10,000 ops of the chain on a 1,000-element float64 vector, forward only, graph alive:
    growth of the peak resident set per op, measured as in Benchmarks/TapeMemory.swift
    (VmRSS after a freed 3-op warm-up chain, VmHWM once the graph exists)."""
    length = 10_000
    x = torch.randn(1_000, dtype=torch.float64, requires_grad=True)
    chain(x, 3)
    baseline = memory_status("VmRSS")
    graph = chain(x, length)
    peak = memory_status("VmHWM")
    emit({"benchmark": "tape-memory", "ops": length, "elements": 1_000, "baselineBytes": baseline, "peakBytes": peak,
          "bytesPerOp": (peak - baseline) / length})
    del graph


def memory_status(field):
    """A field of /proc/self/status in bytes (VmRSS, the resident set; VmHWM, its peak)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"/proc/self/status has no {field} (Linux only)")


def training(dtype):
    """SGD steps (zero_grad, forward, cross-entropy, backward, step) of an MLP
    784-256-256-10 with ReLU on a random batch of 128, in `dtype`."""
    torch.manual_seed(1)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 10),
    ).to(DTYPES[dtype])
    inputs = torch.randn(128, 784, dtype=DTYPES[dtype])
    labels = torch.randint(0, 10, (128,))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    losses = []

    def step():
        optimizer.zero_grad()
        loss = F.cross_entropy(model(inputs), labels)
        loss.backward()
        optimizer.step()
        losses.append(loss)

    steps_per_timing = 20

    def steps():
        for _ in range(steps_per_timing):
            step()

    seconds = median_seconds(5, steps)
    if losses[-1].dtype != DTYPES[dtype]:
        raise RuntimeError(f"a {dtype} model trained in {losses[-1].dtype}")
    emit({"benchmark": f"mlp-training-{dtype}", "stepsPerSecond": steps_per_timing / seconds,
          "millisecondsPerStep": seconds / steps_per_timing * 1e3, "loss": losses[-1].item()})


def cheap_gradient():
    """MLP 784-256-256-10, batch 128, tanh, mean squared error, float64: value, value+gradient
    and the Hessian-vector product (forward-over-reverse) with respect to all parameters."""
    torch.manual_seed(10)
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

    value_seconds = median_seconds(10, value)
    gradient_seconds = median_seconds(10, value_and_gradient)
    hvp_seconds = median_seconds(10, hvp)
    emit({"benchmark": "mlp-cheap-gradient", "parameters": sum(p.numel() for p in parameters),
          "valueSeconds": value_seconds, "valueAndGradientSeconds": gradient_seconds, "hvpSeconds": hvp_seconds,
          "gradientOverValue": gradient_seconds / value_seconds, "hvpOverGradient": hvp_seconds / gradient_seconds})


def matmul(dtype):
    """C = A.B for 1024 x 1024 matrices in `dtype`, then backward with a random seed: three GEMMs."""
    torch.manual_seed(2)
    size = 1_024
    a = torch.randn(size, size, dtype=DTYPES[dtype], requires_grad=True)
    b = torch.randn(size, size, dtype=DTYPES[dtype], requires_grad=True)
    seed = torch.randn(size, size, dtype=DTYPES[dtype])

    def step():
        a.grad = None
        b.grad = None
        torch.matmul(a, b).backward(seed)

    seconds = median_seconds(5, step)
    emit({"benchmark": f"matmul-{dtype}", "size": size, "seconds": seconds, "gflops": 6 * size**3 / seconds / 1e9})


def batched_matmul(dtype):
    """C = A.B for batches of 64 matrices of 64 x 64 in `dtype`, then backward with a random seed."""
    torch.manual_seed(2)
    batch, size = 64, 64
    a = torch.randn(batch, size, size, dtype=DTYPES[dtype], requires_grad=True)
    b = torch.randn(batch, size, size, dtype=DTYPES[dtype], requires_grad=True)
    seed = torch.randn(batch, size, size, dtype=DTYPES[dtype])

    def step():
        a.grad = None
        b.grad = None
        torch.matmul(a, b).backward(seed)

    seconds = median_seconds(20, step)
    emit({"benchmark": f"batched-matmul-{dtype}", "batch": batch, "size": size, "seconds": seconds,
          "gflops": 6 * batch * size**3 / seconds / 1e9})


def inverse_norm():
    """Value and gradient of ||X^-1||_F for X = 2I + a small random 500 x 500 matrix."""
    torch.manual_seed(5)
    n = 500
    matrix = 2 * torch.eye(n, dtype=torch.float64) + torch.randn(n, n, dtype=torch.float64) * (0.5 / n**0.5)

    def value_and_gradient():
        x = matrix.detach().requires_grad_()
        torch.autograd.grad(torch.linalg.inv(x).norm(), x)

    emit({"benchmark": "inverse-norm", "size": n, "seconds": median_seconds(10, value_and_gradient)})


GAUSSIAN_PROCESS_POINTS = 1_000


def negative_log_marginal_likelihood(log_parameters, squared_distances, y):
    """NLML of y under sigma^2 exp(-D / (2 l^2)) + sigma_n^2 I = L L^T, log parameters [log l, log sigma^2,
    log sigma_n^2]: 1/2 y^T K^-1 y + sum log L_ii + n/2 log 2 pi, as Benchmarks/LinearAlgebra.swift."""
    length_scale, signal_variance, noise_variance = log_parameters
    n = y.shape[0]
    covariance = (torch.exp(signal_variance) * torch.exp(squared_distances * (-0.5 * torch.exp(-2 * length_scale)))
                  + torch.exp(noise_variance) * torch.eye(n, dtype=torch.float64))
    factor = torch.linalg.cholesky(covariance)
    alpha = torch.cholesky_solve(y[:, None], factor)[:, 0]
    return 0.5 * (y * alpha).sum() + torch.log(torch.diagonal(factor)).sum() + 0.5 * n * math.log(2 * math.pi)


def gp_likelihood():
    """NLML value, and value + gradient with respect to the three log parameters, n = 1,000 evenly
    spaced points on [0, 10) with y = sin x plus noise of standard deviation 0.1."""
    torch.manual_seed(6)
    n = GAUSSIAN_PROCESS_POINTS
    inputs = 10 * torch.arange(n, dtype=torch.float64) / n
    squared_distances = (inputs[:, None] - inputs[None, :]) ** 2
    y = torch.sin(inputs) + 0.1 * torch.randn(n, dtype=torch.float64)
    start = [torch.tensor(value, dtype=torch.float64) for value in (0.0, 0.0, math.log(0.01))]

    def value():
        with torch.no_grad():
            negative_log_marginal_likelihood(start, squared_distances, y)

    def value_and_gradient():
        leaves = [p.detach().requires_grad_() for p in start]
        torch.autograd.grad(negative_log_marginal_likelihood(leaves, squared_distances, y), leaves)

    value_seconds = median_seconds(5, value)
    gradient_seconds = median_seconds(5, value_and_gradient)
    emit({"benchmark": "gp-likelihood", "points": n, "valueSeconds": value_seconds,
          "valueAndGradientSeconds": gradient_seconds, "gradientOverValue": gradient_seconds / value_seconds})


def solve():
    """||A^-1 b||^2 for A = 2I + a small random 500 x 500 matrix: value, and value + gradient (A and b)."""
    torch.manual_seed(7)
    n = 500
    a = 2 * torch.eye(n, dtype=torch.float64) + torch.randn(n, n, dtype=torch.float64) * (0.5 / n**0.5)
    b = torch.randn(n, dtype=torch.float64)

    def loss(a, b):
        x = torch.linalg.solve(a, b)
        return (x * x).sum()

    def value():
        with torch.no_grad():
            loss(a, b)

    def value_and_gradient():
        leaves = (a.detach().requires_grad_(), b.detach().requires_grad_())
        torch.autograd.grad(loss(*leaves), leaves)

    value_seconds = median_seconds(10, value)
    gradient_seconds = median_seconds(10, value_and_gradient)
    emit({"benchmark": "solve", "size": n, "valueSeconds": value_seconds, "valueAndGradientSeconds": gradient_seconds,
          "gradientOverValue": gradient_seconds / value_seconds})


def convolution(dtype):
    """A Conv2d layer 1 -> 32 channels, 3 x 3 kernel, padding 1, on a batch of 64 28 x 28 images in
    `dtype`: forward, then backward with a random seed into the weight, the bias and the input."""
    torch.manual_seed(1)
    layer = torch.nn.Conv2d(1, 32, 3, padding=1).to(DTYPES[dtype])
    inputs = torch.randn(64, 1, 28, 28, dtype=DTYPES[dtype], requires_grad=True)
    seed = torch.randn(64, 32, 28, 28, dtype=DTYPES[dtype])

    def step():
        layer.zero_grad()
        inputs.grad = None
        layer(inputs).backward(seed)

    emit({"benchmark": f"conv2d-{dtype}", "seconds": median_seconds(10, step)})


# Every timed workload by the name Benchmarks/Workloads.swift gives its twin, in the same order.
WORKLOADS = {
    "environment": environment,
    "chain": per_op_overhead,
    "mlp-training-float64": lambda: training("float64"),
    "mlp-training-float32": lambda: training("float32"),
    "mlp-cheap-gradient": cheap_gradient,
    "matmul-float64": lambda: matmul("float64"),
    "matmul-float32": lambda: matmul("float32"),
    "batched-matmul-float64": lambda: batched_matmul("float64"),
    "batched-matmul-float32": lambda: batched_matmul("float32"),
    "inverse-norm": inverse_norm,
    "gp-likelihood": gp_likelihood,
    "solve": solve,
    "conv2d-float64": lambda: convolution("float64"),
    "conv2d-float32": lambda: convolution("float32"),
}


def run(name):
    """Runs the workload called `name`, or prints an error line when there is none."""
    if name in WORKLOADS:
        WORKLOADS[name]()
    else:
        emit({"benchmark": name, "error": f"no such workload; known: {', '.join(WORKLOADS)}"})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=2, help="torch intra-op threads (default 2, as scripts/bench)")
    modes = parser.add_mutually_exclusive_group()
    modes.add_argument("--serve", action="store_true", help="read workload names from standard input, one a line")
    modes.add_argument("--tape-memory", action="store_true", help="measure the tape's memory (in a fresh process)")
    arguments = parser.parse_args()
    if arguments.threads < 1:
        parser.error(f"--threads must be at least 1, got {arguments.threads}")
    torch.set_num_threads(arguments.threads)
    if arguments.tape_memory:
        tape_memory()
    elif arguments.serve:
        for line in iter(sys.stdin.readline, ""):
            run(line.strip())
    else:
        for name in WORKLOADS:
            run(name)


if __name__ == "__main__":
    sys.exit(main())
