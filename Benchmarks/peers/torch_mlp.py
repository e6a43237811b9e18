"""The benchmark's MLP in PyTorch (CPU): Glorot-uniform weights, zero biases, relu hidden
layers each followed by dropout, a 10-way output trained with softmax cross-entropy (fused,
as nn.CrossEntropyLoss on logits), Adam(lr 0.001, betas 0.9/0.999, eps 1e-7), the training set
shuffled every epoch (a fresh permutation, batches gathered by index; the partial last batch
is kept). Usage: python torch_mlp.py --hidden 100 --dropout 0.2 --batch 32 --epochs 5
"""

import time

import common

args = common.arguments(__doc__)

import torch  # noqa: E402  (after argument parsing, so --help is quick)

torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)

train_x, train_y, test_x, test_y = (torch.from_numpy(a) for a in common.load(args.data))

layers = []
widths = common.layer_widths(args)
for i, (fan_in, fan_out) in enumerate(zip(widths, widths[1:])):
    linear = torch.nn.Linear(fan_in, fan_out)
    torch.nn.init.xavier_uniform_(linear.weight)
    torch.nn.init.zeros_(linear.bias)
    layers.append(linear)
    if i < len(widths) - 2:
        layers.append(torch.nn.ReLU())
        if args.dropout > 0:
            layers.append(torch.nn.Dropout(args.dropout))
model = torch.nn.Sequential(*layers)
optimizer = torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-7)
criterion = torch.nn.CrossEntropyLoss(reduction="sum")

epochs = []
count = train_x.shape[0]
for epoch in range(1, args.epochs + 1):
    started = time.perf_counter()
    model.train()
    order = torch.randperm(count)
    loss_sum = 0.0
    correct = 0
    for start in range(0, count, args.batch):
        index = order[start:start + args.batch]
        x, y = train_x[index], train_y[index]
        optimizer.zero_grad(set_to_none=True)
        logits = model(x)
        loss = criterion(logits, y)
        (loss / x.shape[0]).backward()
        optimizer.step()
        loss_sum += loss.item()
        correct += (logits.argmax(1) == y).sum().item()
    seconds = time.perf_counter() - started
    epochs.append({"epoch": epoch, "loss": loss_sum / count, "accuracy": correct / count,
                   "val_loss": None, "val_accuracy": None, "seconds": seconds})
    common.progress("torch", epoch, args.epochs, loss_sum / count, correct / count, seconds)


def evaluate():
    model.eval()
    loss_sum = 0.0
    correct = 0
    with torch.inference_mode():
        for start in range(0, test_x.shape[0], args.eval_batch):
            x, y = test_x[start:start + args.eval_batch], test_y[start:start + args.eval_batch]
            logits = model(x)
            loss_sum += criterion(logits, y).item()
            correct += (logits.argmax(1) == y).sum().item()
    return loss_sum / test_x.shape[0], correct / test_x.shape[0]


(test_loss, test_accuracy), first, median = common.timed_evaluations(evaluate, args.eval_repeats)
common.report(
    "torch", args, epochs, test_loss, test_accuracy, first, median,
    threads={"torch.get_num_threads": torch.get_num_threads(),
             "torch.get_num_interop_threads": torch.get_num_interop_threads()},
    versions={"torch": torch.__version__, "numpy": common.np.__version__},
    cpu_capability=torch.backends.cpu.get_cpu_capability(),
    torch_config=torch.__config__.show().splitlines()[:12])
