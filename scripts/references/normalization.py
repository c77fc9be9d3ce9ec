# PyTorch 2.13.0 (CPU) references for Tests/AutogradNNTests/NormalizationTests.swift: python3 scripts/references/normalization.py
import torch, torch.nn as nn, torch.nn.functional as F
def show(name, t): print(name, [float(v) for v in t.detach().flatten()], list(t.shape))
x = torch.tensor([((i*5) % 7) - 3 + 0.1*i for i in range(24)], dtype=torch.float64).reshape(2, 3, 2, 2)
bn = nn.BatchNorm2d(3).double()
with torch.no_grad():
    bn.weight.copy_(torch.tensor([1.5, -0.5, 2.0], dtype=torch.float64)); bn.bias.copy_(torch.tensor([0.1, 0.2, -0.3], dtype=torch.float64))
y = bn(x); show("bn2d train", y)
show("running_mean", bn.running_mean); show("running_var", bn.running_var); print(bn.num_batches_tracked)
y2 = bn(x * 2 + 1); show("running_mean2", bn.running_mean); show("running_var2", bn.running_var)
bn.eval(); show("bn2d eval", bn(x))
x1 = torch.tensor([((i*3) % 5) - 2 + 0.25*i for i in range(8)], dtype=torch.float64).reshape(4, 2)
bn1 = nn.BatchNorm1d(2, momentum=None).double(); show("bn1d", bn1(x1)); bn1(x1 * 3); show("bn1d cum mean", bn1.running_mean); show("bn1d cum var", bn1.running_var)
ln = nn.LayerNorm([2, 2]).double()
with torch.no_grad():
    ln.weight.copy_(torch.tensor([[1.0, 2.0], [-1.0, 0.5]], dtype=torch.float64)); ln.bias.copy_(torch.tensor([[0.0, 0.1], [0.2, 0.3]], dtype=torch.float64))
show("layernorm", ln(x))
show("layernorm plain last", F.layer_norm(x, [2]))
