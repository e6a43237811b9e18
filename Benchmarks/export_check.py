"""Checks `mlp export --pytorch` where PyTorch is installed (this folder's virtual environment).

Trains the seed model for one epoch with mlp, saves it, exports it as a PyTorch script, and then:
  1. loads the script as a module and compares its probabilities on 1,000 test images with
     `mlp predict --json` (the largest absolute difference must stay under 1e-5);
  2. runs the script's own training loop for one epoch, as a user continuing in PyTorch would.

Usage: export_check.py MLP_BINARY  (prints one line of results; exit status 1 on a mismatch)
"""
import gzip
import importlib.util
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

FASHION = "/usr/share/datasets/fashion-mnist"


def main():
    mlp = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="mlp-export-check-")
    script = os.path.join(work, "seed.mlp")
    with open(script, "w") as out:
        out.write(
            "data fashion-mnist\nnormalize 255\ndense 100 relu\ndropout 0.2\n"
            "dense 10 softmax\nloss crossentropy\nseed 1\ntrain epochs 1 validation none\n"
            'save "m.safetensors"\n')
    subprocess.run([mlp, "run", script], check=True, capture_output=True)
    model_file = os.path.join(work, "m.safetensors")
    module_file = os.path.join(work, "m.py")
    subprocess.run([mlp, "export", model_file, "--pytorch", module_file], check=True,
                   capture_output=True)

    # The first 1,000 test images as a raw IDX file both tools read.
    with gzip.open(os.path.join(FASHION, "t10k-images-idx3-ubyte.gz")) as source:
        raw = source.read()
    count = 1000
    images = os.path.join(work, "images-idx3-ubyte")
    with open(images, "wb") as out:
        out.write(raw[:4] + count.to_bytes(4, "big") + raw[8:16] + raw[16:16 + count * 784])

    report = subprocess.run([mlp, "predict", model_file, images, "--json", "--top", "10"],
                            check=True, capture_output=True, text=True).stdout
    ours = np.zeros((count, 10))
    for row in json.loads(report.strip().splitlines()[-1])["inputs"][0]["predictions"]:
        for entry in row["top"]:
            ours[row["row"] - 1, entry["index"]] = entry["probability"]

    spec = importlib.util.spec_from_file_location("exported", module_file)
    exported = importlib.util.module_from_spec(spec)
    sys.argv = [module_file]
    spec.loader.exec_module(exported)
    model, _ = exported.load(model_file)
    model.eval()
    pixels = exported.read_idx(images).reshape(-1, exported.INPUT_WIDTH).float()
    import torch
    with torch.no_grad():
        theirs = model.predict(pixels).numpy()
    difference = float(np.abs(theirs - ours).max())

    train_dir = os.path.join(work, "fashion")
    os.makedirs(train_dir)
    for name in os.listdir(FASHION):
        os.symlink(os.path.join(FASHION, name), os.path.join(train_dir, name))
    trained = subprocess.run(
        [sys.executable, module_file, "--weights", model_file, "--train", train_dir,
         "--epochs", "1", "--out", os.path.join(work, "trained.safetensors")],
        capture_output=True, text=True, cwd=work)
    last = (trained.stdout.strip().splitlines() or ["(no output)"])[-2:]
    print(json.dumps({"max_abs_difference": difference, "images": count,
                      "pytorch_training_status": trained.returncode,
                      "pytorch_training_output": last,
                      "pytorch_training_error": trained.stderr.strip()[-500:]}))
    return 0 if difference < 1e-5 and trained.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
