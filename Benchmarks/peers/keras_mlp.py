"""The benchmark's MLP in Keras 3 on the TensorFlow backend (CPU): Dense layers with their
defaults (Glorot-uniform kernels, zero biases), relu hidden layers each followed by Dropout, a
10-way softmax output, sparse categorical cross-entropy, Adam(lr 0.001, beta_1 0.9, beta_2
0.999, epsilon 1e-7), model.fit with shuffle=True (the partial last batch is kept) and
TensorFlow's intra- and inter-op thread pools set to --threads.
Usage: python keras_mlp.py --hidden 100 --dropout 0.2 --batch 32 --epochs 5
"""

import os
import time

import common

args = common.arguments(__doc__)

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import tensorflow as tf  # noqa: E402

tf.config.threading.set_intra_op_parallelism_threads(args.threads)
tf.config.threading.set_inter_op_parallelism_threads(args.threads)

import keras  # noqa: E402

keras.utils.set_random_seed(args.seed)

train_x, train_y, test_x, test_y = common.load(args.data)

layers = [keras.Input(shape=(784,))]
for width in args.hidden:
    layers.append(keras.layers.Dense(width, activation="relu"))
    if args.dropout > 0:
        layers.append(keras.layers.Dropout(args.dropout))
layers.append(keras.layers.Dense(10, activation="softmax"))
model = keras.Sequential(layers)
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7),
    loss="sparse_categorical_crossentropy", metrics=["accuracy"])


class EpochTimer(keras.callbacks.Callback):
    """Wall-clock seconds of each epoch, from on_epoch_begin to on_epoch_end."""

    def __init__(self):
        super().__init__()
        self.records = []

    def on_epoch_begin(self, epoch, logs=None):
        self.started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        seconds = time.perf_counter() - self.started
        logs = logs or {}
        self.records.append({"epoch": epoch + 1, "loss": float(logs.get("loss", "nan")),
                             "accuracy": float(logs.get("accuracy", "nan")),
                             "val_loss": None, "val_accuracy": None, "seconds": seconds})
        common.progress("keras", epoch + 1, args.epochs, self.records[-1]["loss"],
                        self.records[-1]["accuracy"], seconds)


timer = EpochTimer()
model.fit(train_x, train_y, batch_size=args.batch, epochs=args.epochs, shuffle=True,
          verbose=0, callbacks=[timer])


def evaluate():
    loss, accuracy = model.evaluate(test_x, test_y, batch_size=args.eval_batch, verbose=0)
    return float(loss), float(accuracy)


(test_loss, test_accuracy), first, median = common.timed_evaluations(evaluate, args.eval_repeats)
common.report(
    "keras", args, timer.records, test_loss, test_accuracy, first, median,
    threads={"intra_op": tf.config.threading.get_intra_op_parallelism_threads(),
             "inter_op": tf.config.threading.get_inter_op_parallelism_threads()},
    versions={"tensorflow": tf.__version__, "keras": keras.__version__,
              "backend": keras.backend.backend(), "numpy": common.np.__version__},
    jit_compile=bool(getattr(model, "jit_compile", False)),
    onednn=os.environ.get("TF_ENABLE_ONEDNN_OPTS", "default"))
