"""The Hessian of the Gaussian-process negative log marginal likelihood of GaussianProcessTests.swift's
twelvePoints() (the Mauna Loa kernel at scikit-learn's starting values, noise deviation 0.1), with
respect to the eleven log hyperparameters, by torch.autograd.functional.hessian in float64; the
same ops in the same order as Examples/Support/GaussianProcess.swift. Prints the Hessian as the
Swift literal GaussianProcessTests.swift holds, after comment lines with torch's version, the
condition number of K, the Hessian's asymmetry, and the error of central differences of torch's
own gradient at several steps (against torch's Hessian, relative to its largest entry).
Run from the package root: python3 scripts/references/gp_nlml_hessian.py
"""
import math

import torch

torch.set_default_dtype(torch.float64)

X = torch.tensor([1958.2, 1958.3, 1958.4, 1958.55, 1958.6, 1958.7, 1958.9, 1958.95, 1959.05, 1959.1, 1959.2, 1959.3])
Y = torch.tensor([-23.7, -22.6, -22.4, -24.2, -24.9, -26.3, -26.4, -25.1, -24.3, -23.1, -23.1, -22.1])
# long-term trend (σ, ℓ), seasonal (σ, ℓ_d, ℓ_p; period 1), medium term (σ, ℓ, α), short term (σ, ℓ), noise (σ)
START = [50.0, 50.0, 2.0, 100.0, 1.0, 0.5, 1.0, 1.0, 0.1, 0.1, 0.1]


def covariance(theta):
    p = theta.exp()
    r = X.reshape(-1, 1) - X.reshape(1, -1)
    k = p[0].square() * torch.exp(-0.5 * (r / p[1]).square())
    k = k + p[2].square() * torch.exp(-0.5 * (r / p[3]).square() - 2 * (torch.sin(r * (math.pi / 1.0)) / p[4]).square())
    k = k + p[5].square() * torch.exp(-p[7] * torch.log(1 + (r / p[6]).square() / (2 * p[7])))
    k = k + p[8].square() * torch.exp(-0.5 * (r / p[9]).square())
    return k + p[10].square() * torch.eye(len(X))


def nlml(theta):
    l = torch.linalg.cholesky(covariance(theta))
    alpha = torch.cholesky_solve(Y.reshape(-1, 1), l).reshape(-1)
    return 0.5 * (Y * alpha).sum() + torch.log(torch.diagonal(l)).sum() + 0.5 * len(Y) * math.log(2 * math.pi)


def gradient(theta):
    theta = theta.clone().requires_grad_(True)
    return torch.autograd.grad(nlml(theta), theta)[0]


theta = torch.tensor([math.log(v) for v in START])
hessian = torch.autograd.functional.hessian(nlml, theta)
scale = hessian.abs().max().item()
print(f"// torch {torch.__version__}: NLML {nlml(theta).item()!r}, cond(K) {torch.linalg.cond(covariance(theta)).item():.3g}, "
      f"max |H - H^T| / max |H| {((hessian - hessian.T).abs().max().item() / scale):.2g}")
for h in (1e-3, 1e-4, 1e-5, 1e-6):
    columns = [(gradient(theta + h * e) - gradient(theta - h * e)) / (2 * h) for e in torch.eye(len(theta))]
    error = (torch.stack(columns, dim=1) - hessian).abs().max().item() / scale
    print(f"// central differences of the gradient, h = {h:g}: max |error| / max |H| = {error:.2g}")
print("private let pyTorchHessian: [[Double]] = [")
for row in hessian.tolist():
    print("    [" + ", ".join(repr(v) for v in row) + "],")
print("]")
