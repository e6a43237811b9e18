"""What the peer scripts share: arguments, the Fashion-MNIST IDX loader, timing and the report.

Every peer trains the model mlp trains in the same case (see Benchmarks/bench.py) and prints,
last on standard output, one JSON object shaped like `mlp run --json`'s, with extra fields:
`evaluate_seconds` (the 10,000 test images through the trained network, median of the
repeats after a first, warm-up pass), `evaluate_first_seconds`, `peak_rss_kib`, `threads`,
and `versions`.
"""

import argparse
import gzip
import json
import os
import resource
import statistics
import sys
import time

import numpy as np

DATA = "/usr/share/datasets/fashion-mnist"


def arguments(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--hidden", type=int, nargs="+", default=[100],
                        help="widths of the hidden relu layers (default: 100)")
    parser.add_argument("--dropout", type=float, default=0.2,
                        help="dropout after each hidden layer, 0 for none (default: 0.2)")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--eval-repeats", type=int, default=5,
                        help="timed passes over the test set after the first (default: 5)")
    parser.add_argument("--eval-batch", type=int, default=1000,
                        help="rows evaluated at once, as mlp does (default: 1000)")
    parser.add_argument("--data", default=DATA)
    return parser.parse_args()


def _idx(path, offset):
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def load(directory=DATA):
    """The four Fashion-MNIST IDX .gz files: float32 images divided by 255, int64 labels."""
    def images(name):
        return (_idx(os.path.join(directory, name), 16).reshape(-1, 784).astype(np.float32)
                / np.float32(255))

    def labels(name):
        return _idx(os.path.join(directory, name), 8).astype(np.int64)

    return (images("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz"),
            images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz"))


def layer_widths(args):
    return [784] + list(args.hidden) + [10]


def parameter_count(args):
    widths = layer_widths(args)
    return sum(i * o + o for i, o in zip(widths, widths[1:]))


def timed_evaluations(evaluate, repeats):
    """Runs `evaluate()` once (warm-up), then `repeats` times; returns its last result, the
    first pass's seconds and the median of the others."""
    started = time.perf_counter()
    result = evaluate()
    first = time.perf_counter() - started
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = evaluate()
        times.append(time.perf_counter() - started)
    return result, first, (statistics.median(times) if times else first)


def openblas_info():
    """The BLAS libraries loaded in this process, as threadpoolctl sees them."""
    try:
        from threadpoolctl import threadpool_info
        return [{k: v for k, v in pool.items()
                 if k in ("user_api", "internal_api", "version", "num_threads",
                          "architecture", "threading_layer", "filepath")}
                for pool in threadpool_info()]
    except Exception as error:  # the report is still useful without it
        return [{"error": str(error)}]


def report(tool, args, epochs, test_loss, test_accuracy, evaluate_first, evaluate_seconds,
           threads, versions, notes=None, **extra):
    record = {
        "tool": tool,
        "parameters": parameter_count(args),
        "test_loss": test_loss,
        "test_accuracy": test_accuracy,
        "train_seconds": sum(e["seconds"] for e in epochs),
        "epochs": epochs,
        "evaluate_seconds": evaluate_seconds,
        "evaluate_first_seconds": evaluate_first,
        "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "threads": threads,
        "batch": args.batch,
        "hidden": args.hidden,
        "dropout": args.dropout,
        "versions": versions,
        "blas": openblas_info(),
        "env": {k: os.environ.get(k) for k in
                ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS",
                 "OMP_NUM_THREADS", "MKL_NUM_THREADS")},
    }
    if notes:
        record["notes"] = notes
    record.update(extra)
    sys.stdout.flush()
    print(json.dumps(record), flush=True)


def progress(tool, epoch, epochs, loss, accuracy, seconds):
    print(f"{tool}: epoch {epoch}/{epochs}  loss {loss:.4f}  accuracy {accuracy:.4f}  "
          f"{seconds:.2f}s", file=sys.stderr, flush=True)
