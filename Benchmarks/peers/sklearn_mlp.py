"""The benchmark's MLP in scikit-learn (MLPClassifier, NumPy/OpenBLAS underneath): relu hidden
layers, a softmax output with log-loss, solver adam (lr 0.001, beta_1 0.9, beta_2 0.999,
epsilon 1e-7), no L2 penalty (alpha 0), shuffle every epoch, float32 throughout, one
partial_fit call per epoch (one pass over the shuffled training set; the Adam state carries
over between calls). Glorot-uniform weights with zero biases: MLPClassifier draws its biases
from the same uniform range as its weights, so a subclass overrides `_init_coef` (a private
method) to zero them. MLPClassifier has no dropout: the dropout of the case is NOT applied
here, and the report says so in its `notes`.
Threads: OMP_NUM_THREADS and OPENBLAS_NUM_THREADS are set to --threads before NumPy loads
(and threadpoolctl limits the pools to the same).
Usage: python sklearn_mlp.py --hidden 100 --batch 32 --epochs 5
"""

import os
import sys

threads = "2"
for i, arg in enumerate(sys.argv):
    if arg == "--threads" and i + 1 < len(sys.argv):
        threads = sys.argv[i + 1]
os.environ["OMP_NUM_THREADS"] = threads
os.environ["OPENBLAS_NUM_THREADS"] = threads

import time  # noqa: E402
import warnings  # noqa: E402

import common  # noqa: E402

args = common.arguments(__doc__)
np = common.np

import sklearn  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

threadpool_limits(args.threads)


class GlorotMLPClassifier(MLPClassifier):
    """MLPClassifier with zero initial biases (its weights are already Glorot-uniform for relu:
    uniform in +-sqrt(6 / (fan_in + fan_out)))."""

    def _init_coef(self, fan_in, fan_out, dtype):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        coef = self._random_state.uniform(-limit, limit, (fan_in, fan_out)).astype(dtype)
        return coef, np.zeros(fan_out, dtype=dtype)


train_x, train_y, test_x, test_y = common.load(args.data)
model = GlorotMLPClassifier(
    hidden_layer_sizes=tuple(args.hidden), activation="relu", solver="adam", alpha=0.0,
    batch_size=args.batch, learning_rate_init=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
    shuffle=True, random_state=args.seed)
classes = np.arange(10)

epochs = []
for epoch in range(1, args.epochs + 1):
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.partial_fit(train_x, train_y, classes=classes)
    seconds = time.perf_counter() - started
    # MLPClassifier reports the epoch's mean training loss but not its accuracy.
    epochs.append({"epoch": epoch, "loss": float(model.loss_), "accuracy": None,
                   "val_loss": None, "val_accuracy": None, "seconds": seconds})
    common.progress("sklearn", epoch, args.epochs, float(model.loss_), float("nan"), seconds)


def evaluate():
    correct = 0
    loss_sum = 0.0
    for start in range(0, test_x.shape[0], args.eval_batch):
        x, y = test_x[start:start + args.eval_batch], test_y[start:start + args.eval_batch]
        probabilities = model.predict_proba(x)
        correct += int((probabilities.argmax(1) == y).sum())
        loss_sum += float(-np.log(np.maximum(probabilities[np.arange(len(y)), y], 1e-7)).sum())
    return loss_sum / test_x.shape[0], correct / test_x.shape[0]


(test_loss, test_accuracy), first, median = common.timed_evaluations(evaluate, args.eval_repeats)
notes = ["MLPClassifier has no dropout: trained without it"] if args.dropout > 0 else None
common.report(
    "sklearn", args, epochs, test_loss, test_accuracy, first, median,
    threads={"OMP_NUM_THREADS": os.environ["OMP_NUM_THREADS"],
             "OPENBLAS_NUM_THREADS": os.environ["OPENBLAS_NUM_THREADS"]},
    versions={"scikit-learn": sklearn.__version__, "numpy": np.__version__},
    notes=notes, dtype=str(model.coefs_[0].dtype))
