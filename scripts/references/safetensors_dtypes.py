"""Prints, as Swift literals, safetensors files that PyTorch writes in float32, float16 and
bfloat16 (and one mixing F32 with F64), with the values PyTorch reads back from each, widened
to float32; CheckpointDTypeTests.swift holds the output. Run: python3 scripts/references/safetensors_dtypes.py
"""
import safetensors
import torch
from safetensors.torch import save
from swift_literals import swift_bytes

# Normal values that round, the extremes of each format, a subnormal, signed zero, infinities
# and NaN. 1e-7 is a float16 subnormal; 1e-40 is a float32 (and bfloat16) subnormal.
SPECIALS = [0.1, -2.5, 65504.0, 1e-7, -0.0, float("inf"), float("-inf"), float("nan")]
BF16_SPECIALS = [0.1, -2.5, 3.0e38, 1e-40, -0.0, float("inf"), float("-inf"), float("nan")]


def swift_value(value):
    if value != value:
        return ".nan"
    if value in (float("inf"), float("-inf")):
        return "-.infinity" if value < 0 else ".infinity"
    return repr(value)


def swift_values(name, tensor):
    """The values PyTorch reads from the file, widened to float32, printed as exact doubles."""
    values = ", ".join(swift_value(v) for v in tensor.float().flatten().tolist())
    print(f"private let {name}: [Double] = [{values}]\n")


print(f"// torch {torch.__version__}, safetensors {safetensors.__version__}\n")
# Each a [2, 4] "weight", as a bias-free Linear(inputSize: 4, outputSize: 2) holds.
half = torch.tensor(SPECIALS, dtype=torch.float16).reshape(2, 4)
brain = torch.tensor(BF16_SPECIALS, dtype=torch.bfloat16).reshape(2, 4)
swift_bytes("referenceFloat16", save({"weight": half}))
swift_values("referenceFloat16Values", half)
swift_bytes("referenceBFloat16", save({"weight": brain}))
swift_values("referenceBFloat16Values", brain)
# Mixed types: the writer sorts by dtype (F64 before F32), then by name.
swift_bytes("referenceMixed", save({
    "weight": torch.tensor([[1.5, -2.0]], dtype=torch.float32),
    "bias": torch.tensor([0.1], dtype=torch.float32),
    "scale": torch.tensor([0.25], dtype=torch.float64),
}))
