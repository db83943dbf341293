"""Images/s for one Adam step of DeepSMOTE's MNIST autoencoder in PyTorch (the authors' code),
the reference for bench/train-step.mjs. Same workload: reconstruction MSE, batch 100.

    python3 bench/torch_step.py [--dims 64,32,16] [--batch 100] [--steps 3]

Debian: apt-get install -y python3-torch (1.13); run it with /usr/bin/python3. Debian's torch is
built with BLAS_INFO=generic and uses whatever libblas.so.3 is installed, the slow reference one
unless an optimised one is (libopenblas0-pthread); to use OpenBLAS without installing it system-wide:
apt-get download libopenblas0-pthread && dpkg -x libopenblas0-pthread_*.deb ob &&
LD_LIBRARY_PATH=$PWD/ob/usr/lib/x86_64-linux-gnu/openblas-pthread python3 bench/torch_step.py --threads 2
The CPU is shared: the load average is printed.
"""
import argparse
import json
import os
import resource
import time

import torch
import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self, dim_h, n_z):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(1, dim_h, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(dim_h, dim_h * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(dim_h * 2),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(dim_h * 2, dim_h * 4, 4, 2, 1, bias=False),
            nn.BatchNorm2d(dim_h * 4),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(dim_h * 4, dim_h * 8, 4, 2, 1, bias=False),
            nn.BatchNorm2d(dim_h * 8),
            nn.LeakyReLU(0.2, inplace=True),
        )
        self.fc = nn.Linear(dim_h * 8, n_z)

    def forward(self, x):
        return self.fc(self.conv(x).squeeze())


class Decoder(nn.Module):
    def __init__(self, dim_h, n_z):
        super().__init__()
        self.dim_h = dim_h
        self.fc = nn.Sequential(nn.Linear(n_z, dim_h * 8 * 7 * 7), nn.ReLU())
        self.deconv = nn.Sequential(
            nn.ConvTranspose2d(dim_h * 8, dim_h * 4, 4),
            nn.BatchNorm2d(dim_h * 4),
            nn.ReLU(True),
            nn.ConvTranspose2d(dim_h * 4, dim_h * 2, 4),
            nn.BatchNorm2d(dim_h * 2),
            nn.ReLU(True),
            nn.ConvTranspose2d(dim_h * 2, 1, 4, stride=2),
            nn.Tanh(),
        )

    def forward(self, z):
        return self.deconv(self.fc(z).view(-1, self.dim_h * 8, 7, 7))


def gemm_gflops(dim_h, batch):
    """Best GFLOP/s of 3 matmuls [batch*49, 16*4*dim_h] x [16*4*dim_h, 8*dim_h] after a warm-up,
    the same product bench/train-step.mjs times on its backend."""
    m, k, n = batch * 49, 16 * 4 * dim_h, 8 * dim_h
    a, b = torch.randn(m, k), torch.randn(k, n)
    best = float("inf")
    for r in range(4):
        start = time.perf_counter()
        torch.matmul(a, b)
        if r > 0:
            best = min(best, time.perf_counter() - start)
    return 2 * m * k * n / best / 1e9


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dims", default="64,32,16")
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--nz", type=int, default=300)
    parser.add_argument("--threads", type=int, default=0, help="torch.set_num_threads (0: torch's default)")
    parser.add_argument("--json", action="store_true", help="also print one JSON line per dim_h (for bench/train-step.mjs)")
    parser.add_argument("--ceiling", action="store_true",
                        help="also time the matmul of the decoder's first transposed conv as a GEMM (GFLOP/s)")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    print(f"load average {' '.join(f'{l:.2f}' for l in os.getloadavg())}, torch {torch.__version__}, "
          f"{torch.get_num_threads()} threads")
    print("backend         dim_h  batch  step_s   images/s  best_images/s  loss")
    for dim_h in (int(d) for d in args.dims.split(",")):
        enc, dec = Encoder(dim_h, args.nz), Decoder(dim_h, args.nz)
        opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=2e-4, betas=(0.9, 0.999))
        images = torch.rand(args.batch, 1, 28, 28) * 2 - 1

        def step():
            opt.zero_grad()
            loss = nn.functional.mse_loss(dec(enc(images)), images)
            loss.backward()
            opt.step()
            return loss.item()

        step()  # warm-up
        times = []
        for _ in range(args.steps):
            start = time.perf_counter()
            loss = step()
            times.append(time.perf_counter() - start)
        mean = sum(times) / len(times)
        gemm = gemm_gflops(dim_h, args.batch) if args.ceiling else None
        print(f"pytorch         {dim_h:5d} {args.batch:6d} {mean:7.2f} {args.batch / mean:10.2f} "
              f"{args.batch / min(times):14.2f}  {loss:.5f}")
        if args.json:
            print(json.dumps({"dimH": dim_h, "stepSeconds": mean, "imagesPerSecond": args.batch / mean,
                              "bestImagesPerSecond": args.batch / min(times), "threads": torch.get_num_threads(),
                              "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                              "torch": torch.__version__, "gemmGflops": gemm}), flush=True)


if __name__ == "__main__":
    main()
