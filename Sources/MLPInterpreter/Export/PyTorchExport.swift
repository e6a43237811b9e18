import MLPLanguage

/// A model file as a standalone PyTorch script: an `nn.Module` with the same layers, a loader
/// that reads the weights and the normalization from the safetensors file (transposing each
/// [in, out] weight to nn.Linear's [out, in]), a writer that stores them back in mlp's layout,
/// and, behind `if __name__ == "__main__"`, prediction on IDX images and a training loop on
/// Fashion-MNIST IDX files that runs under `torchrun` with DistributedDataParallel.
enum PyTorchExport {
  /// The script; `weights` is the path it reads by default (`--weights` overrides it).
  static func script(_ file: ModelFile, weights: String) -> String {
    let model = file.model
    let head = Head(model)
    var members: [String] = []
    var forward: [String] = []
    var width = model.inputWidth
    var dense = 0
    var dropout = 0
    let lastDense = model.layers.lastIndex { if case .dense = $0.kind { true } else { false } }
    for (index, layer) in model.layers.enumerated() {
      switch layer.kind {
      case .dense(let units, let activation):
        dense += 1
        members.append("self.dense\(dense) = nn.Linear(\(width), \(units))")
        forward.append("x = self.dense\(dense)(x)")
        if index != lastDense || !head.dropsLastActivation, let call = call(activation) {
          forward.append("x = \(call)")
        }
        width = units
      case .dropout(let rate):
        dropout += 1
        members.append("self.dropout\(dropout) = nn.Dropout(\(rate))")
        forward.append("x = self.dropout\(dropout)(x)")
      }
    }
    let statements = ModelFile.source(of: model).split(separator: "\n")
      .map { "    " + $0 }.joined(separator: "\n")
    let classes = "[" + file.classNames.map(jsonQuoted).joined(separator: ", ") + "]"
    let normalization = ModelFile.statement(for: file.normalization)
    return """
      #!/usr/bin/env python3
      \"\"\"An mlp model as a PyTorch module, written by `mlp export --pytorch`.

      The network, as mlp's statements define it:

      \(statements)

      The weights and the normalization ('\(normalization)') are read from the safetensors file
      that mlp's `save` wrote. mlp stores a dense layer's weight as [in, out] and nn.Linear keeps
      [out, in], so each weight is transposed on the way in and on the way out. The module takes
      raw inputs, as `mlp predict` does: it applies the normalization itself.

          python3 model.py                             # load the weights and print the module
          python3 model.py --predict IMAGES            # the top class of each image of an IDX file
          python3 model.py --train DIR --epochs 5      # go on training on Fashion-MNIST IDX files
          torchrun --nproc_per_node=4 model.py --train DIR   # the same on 4 processes (DDP)

      Needs torch and safetensors (pip install torch safetensors).
      \"\"\"

      import argparse
      import gzip
      import json
      import os
      import struct

      import torch
      from safetensors import safe_open
      from safetensors.torch import save_file
      from torch import nn

      WEIGHTS = \(jsonQuoted(weights))
      CLASSES = \(classes)
      INPUT_WIDTH = \(model.inputWidth)


      class MLP(nn.Module):
          \"\"\"Raw inputs [N, \(model.inputWidth)] to \(head.outputDescription) [N, \(width)].\"\"\"

          def __init__(self):
              super().__init__()
              # The normalization, x * scale + shift per feature; buffers, not trained.
              self.register_buffer("scale", torch.ones(INPUT_WIDTH))
              self.register_buffer("shift", torch.zeros(INPUT_WIDTH))
      \(members.map { "        " + $0 }.joined(separator: "\n"))

          def forward(self, x):
              x = x * self.scale + self.shift
      \(forward.map { "        " + $0 }.joined(separator: "\n"))
              return x

          def predict(self, x):
              \"\"\"What `mlp predict` prints: \(head.predictDescription).\"\"\"
              return \(head.predict)

          def dense_layers(self):
              return [(name, layer) for name, layer in self.named_children() if name.startswith("dense")]


      def criterion():
          \"\"\"mlp's loss '\(model.loss.rawValue)' on the output of forward.\"\"\"
          return \(head.criterion)


      def target(labels):
          \"\"\"Class labels as the loss compares them.\"\"\"
          return \(head.target(width: width))


      def load(path=WEIGHTS):
          \"\"\"The module with the weights and normalization of the file, and the file's metadata.\"\"\"
          model = MLP()
          with safe_open(path, framework="pt") as f:
              metadata = f.metadata()
              with torch.no_grad():
                  model.scale.copy_(torch.tensor(json.loads(metadata["normalization.scale"])))
                  model.shift.copy_(torch.tensor(json.loads(metadata["normalization.shift"])))
                  for name, layer in model.dense_layers():
                      layer.weight.copy_(f.get_tensor(name + ".weight").T)
                      layer.bias.copy_(f.get_tensor(name + ".bias"))
          return model, metadata


      def save(model, path, metadata):
          \"\"\"Writes the weights in mlp's layout, so that mlp's `load` reads them back.\"\"\"
          tensors = {}
          for name, layer in model.dense_layers():
              tensors[name + ".weight"] = layer.weight.detach().T.contiguous()
              tensors[name + ".bias"] = layer.bias.detach().contiguous()
          save_file(tensors, path, metadata=metadata)


      def read_idx(path):
          \"\"\"An IDX file (raw or .gz) of unsigned bytes as a uint8 tensor of its dimensions.\"\"\"
          with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
              data = f.read()
          rank = data[3]
          dims = struct.unpack(">" + "I" * rank, data[4 : 4 + 4 * rank])
          return torch.frombuffer(bytearray(data[4 + 4 * rank :]), dtype=torch.uint8).reshape(dims)


      def fashion_mnist(directory, prefix):
          \"\"\"The images (as float rows) and labels of 'train' or 't10k' from the four IDX files.\"\"\"
          def find(name):
              for candidate in (name, name + ".gz"):
                  if os.path.exists(os.path.join(directory, candidate)):
                      return os.path.join(directory, candidate)
              raise FileNotFoundError(os.path.join(directory, name))

          images = read_idx(find(prefix + "-images-idx3-ubyte")).reshape(-1, INPUT_WIDTH).float()
          labels = read_idx(find(prefix + "-labels-idx1-ubyte")).long()
          return torch.utils.data.TensorDataset(images, labels)


      def predicted_classes(model, images):
          with torch.no_grad():
              scores = model.predict(images)
          return scores.argmax(dim=1) if scores.shape[1] > 1 else (scores[:, 0] > 0.5).long()


      def train(model, metadata, args):
          \"\"\"Adam with mlp's defaults (lr 0.001, eps 1e-7), batch 32, shuffled each epoch.

          Under torchrun (WORLD_SIZE is set) each process trains on its share of the examples
          and DistributedDataParallel averages the gradients; use the "nccl" backend on GPUs.
          \"\"\"
          distributed = "WORLD_SIZE" in os.environ
          rank = 0
          network = model
          if distributed:
              torch.distributed.init_process_group("gloo")
              rank = torch.distributed.get_rank()
              network = nn.parallel.DistributedDataParallel(model)
          data = fashion_mnist(args.train, "train")
          sampler = torch.utils.data.distributed.DistributedSampler(data) if distributed else None
          loader = torch.utils.data.DataLoader(
              data, batch_size=args.batch, shuffle=sampler is None, sampler=sampler)
          optimizer = torch.optim.Adam(network.parameters(), lr=args.lr, eps=1e-7)
          loss_function = criterion()
          test = fashion_mnist(args.train, "t10k")
          for epoch in range(1, args.epochs + 1):
              if sampler is not None:
                  sampler.set_epoch(epoch)
              network.train()
              total, count = 0.0, 0
              for images, labels in loader:
                  optimizer.zero_grad()
                  loss = loss_function(network(images), target(labels))
                  loss.backward()
                  optimizer.step()
                  total += loss.item() * len(labels)
                  count += len(labels)
              model.eval()
              images, labels = test.tensors
              accuracy = (predicted_classes(model, images) == labels).float().mean().item()
              if rank == 0:
                  print(f"epoch {epoch}/{args.epochs}  loss {total / count:.4f}  test accuracy {accuracy:.4f}")
          if rank == 0:
              save(model, args.out, metadata)
              print(f"saved {args.out}")
          if distributed:
              torch.distributed.destroy_process_group()


      if __name__ == "__main__":
          parser = argparse.ArgumentParser(description="The mlp model in PyTorch.")
          parser.add_argument("--weights", default=WEIGHTS, help="the .safetensors file to load")
          parser.add_argument("--predict", metavar="IMAGES", help="an IDX file of images to classify")
          parser.add_argument("--train", metavar="DIR", help="a folder of Fashion-MNIST IDX files")
          parser.add_argument("--epochs", type=int, default=1)
          parser.add_argument("--batch", type=int, default=32)
          parser.add_argument("--lr", type=float, default=0.001)
          parser.add_argument("--out", default="trained.safetensors", help="where --train saves")
          args = parser.parse_args()
          model, metadata = load(args.weights)
          model.eval()
          if args.predict:
              images = read_idx(args.predict).reshape(-1, INPUT_WIDTH).float()
              for index, label in enumerate(predicted_classes(model, images).tolist()):
                  print(f"{index + 1}  {CLASSES[label] if label < len(CLASSES) else label}")
          elif args.train:
              train(model, metadata, args)
          else:
              print(model)

      """
  }

  /// What the module's last step is and how it is trained: PyTorch's losses take scores before a
  /// final softmax (or sigmoid for binary crossentropy), so forward stops before it.
  private struct Head {
    var dropsLastActivation: Bool
    var predict: String
    var predictDescription: String
    var outputDescription: String
    var criterion: String
    var loss: Loss

    init(_ model: ModelSpec) {
      loss = model.loss
      let last = model.outputActivation
      switch (model.loss, last) {
      case (.crossentropy, _):
        dropsLastActivation = last == .softmax
        predict = "torch.softmax(self(x), dim=1)"
        predictDescription = "class probabilities"
        outputDescription = "scores before the softmax"
        criterion = "nn.CrossEntropyLoss()"
      case (.binaryCrossentropy, .sigmoid):
        dropsLastActivation = true
        predict = "torch.sigmoid(self(x))"
        predictDescription = "probabilities"
        outputDescription = "scores before the sigmoid"
        criterion = "nn.BCEWithLogitsLoss()"
      default:
        dropsLastActivation = false
        predict = "self(x)"
        predictDescription = "the outputs"
        outputDescription = "outputs"
        criterion =
          switch model.loss {
          case .mse: "nn.MSELoss()"
          case .mae: "nn.L1Loss()"
          default: "nn.BCELoss()"
          }
      }
    }

    /// Crossentropy takes class indices; the other losses one-hot rows, or the label itself
    /// for a single output.
    func target(width: Int) -> String {
      if loss == .crossentropy { return "labels" }
      if width == 1 { return "labels.float().unsqueeze(1)" }
      return "nn.functional.one_hot(labels, \(width)).float()"
    }
  }

  private static func call(_ activation: Activation) -> String? {
    switch activation {
    case .linear: nil
    case .relu: "torch.relu(x)"
    case .sigmoid: "torch.sigmoid(x)"
    case .tanh: "torch.tanh(x)"
    case .softmax: "torch.softmax(x, dim=1)"
    }
  }
}
