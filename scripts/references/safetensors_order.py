"""Prints, as Swift array literals, the bytes Python's safetensors writes for tensors given
out of name order; CheckpointTests.swift holds the output. Run: python3 scripts/references/safetensors_order.py
"""
import numpy as np
import safetensors
import safetensors.numpy
from swift_literals import swift_bytes

print(f"// safetensors {safetensors.__version__}, NumPy {np.__version__}\n")
# Dicts keep insertion order, so the writer receives the names in the order listed here.
swift_bytes("referenceOutOfOrder", safetensors.numpy.save({
    "10.weight": np.array([[1.0, -2.5]]),
    "2.bias": np.array([0.5]),
    "0.weight": np.array([[0.25], [3.0]]),
}))
# The writer compares names as UTF-8 bytes: a decomposed "e\u0301x" (0x65 …) precedes a
# precomposed "\u00e9a" (0xC3 …), although "\u00e9a" sorts first once both are normalised.
swift_bytes("referenceDecomposedName", safetensors.numpy.save({
    "\u00e9a": np.array([1.0]),
    "e\u0301x": np.array([2.0]),
}))
