"""Runs the benchmark cases against mlp and its peers and writes results.md and results.json.

Started by Benchmarks/run (which sets up the environment and builds mlp first). Every run of a
tool is its own process; the parent waits for it with wait4, so peak RSS (ru_maxrss) and CPU
time are the kernel's numbers for that process. Tools alternate within a round (mlp, torch,
keras, sklearn, mlp, torch, ...), so a change of load hurts them alike.

Options: --quick (1 round, fewer epochs: a smoke test of the harness, not for numbers),
--only mlp,torch (a subset of the tools).
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import psutil

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MLP = os.path.join(ROOT, ".build", "release", "mlp")
SGEMM = os.path.join(ROOT, ".build", "benchmarks", "sgemm_peak")
PYTHON = os.path.join(HERE, ".venv", "bin", "python")
SCRIPTS = os.path.join(HERE, "scripts")
LOGS = os.path.join(HERE, "logs")
TOOLS = ["mlp", "torch", "keras", "sklearn"]
PEER_THREADS = 2
TRAIN_IMAGES = 60000

# The cases: the mlp script, the same model for the peers, and how long to run.
CASES = {
    "a": {"title": "(a) seed MLP 784-100 relu-dropout 0.2-10 softmax, batch 32",
          "script": "seed-b32.mlp", "hidden": [100], "dropout": 0.2, "batch": 32,
          "epochs": 4, "rounds": 3},
    "b": {"title": "(b) seed MLP, batch 128",
          "script": "seed-b128.mlp", "hidden": [100], "dropout": 0.2, "batch": 128,
          "epochs": 4, "rounds": 3},
    "c": {"title": "(c) 784-1024 relu-1024 relu-10 softmax, batch 256",
          "script": "wide-b256.mlp", "hidden": [1024, 1024], "dropout": 0.0, "batch": 256,
          "epochs": 3, "rounds": 2},
}
MLP_THREADS = ("OpenBLAS on 1 thread, or on every core for a pass whose largest product has at "
               "least 2^25 multiply-adds (OPENBLAS_NUM_THREADS unset; mlp calls "
               "openblas_set_num_threads); the rest of the executor is single-threaded")
ACCURACY_EPOCHS = 10
EVAL_REPEATS = 20  # timed passes over the test set in each peer
MLP_EVAL_EXTRA = 50  # extra `evaluate` statements in mlp's second script (see mlp_evaluate_time)


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def loadavg():
    return [round(x, 2) for x in os.getloadavg()]


def peer_env():
    """The environment of a Python peer. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, set on some
    machines for older OpenBLAS builds, slow the current wheels: they are unset here (and only
    here: mlp runs with the environment as it is)."""
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    env["PYTHONUNBUFFERED"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def busy_seconds():
    """CPU seconds the whole machine has spent on anything but idling, summed over cores."""
    t = psutil.cpu_times()
    return sum(t) - t.idle - getattr(t, "iowait", 0.0)


QUIET = {"enabled": True, "threshold_cores": 0.25, "max_wait_seconds": 90}


def wait_for_quiet():
    """Waits (up to QUIET's limit) until the rest of the machine uses less than
    QUIET['threshold_cores'] cores over a one-second sample; returns the seconds waited and
    the last sample. Peers on 2 threads of a 2-core machine slow down many-fold when another
    process holds a core, so starting a run while something else is busy spoils it."""
    if not QUIET["enabled"]:
        return 0.0, None
    started = time.perf_counter()
    while True:
        before = busy_seconds()
        time.sleep(1.0)
        cores = busy_seconds() - before
        waited = time.perf_counter() - started
        if cores < QUIET["threshold_cores"] or waited >= QUIET["max_wait_seconds"]:
            if waited > 1.5:
                log(f"waited {waited:.0f} s for the machine to quieten (last sample: "
                    f"{cores:.2f} cores busy)")
            return waited, cores


def run_process(command, env=None, name="run", cwd=None):
    """Runs `command`, polling its thread count; returns wall seconds, the kernel's rusage
    (peak RSS, CPU seconds), the last JSON object on its stdout, the exit status, and the
    cores that the rest of the machine kept busy meanwhile (`other_cores`: the machine's busy
    CPU time minus the child's, over the wall time)."""
    os.makedirs(LOGS, exist_ok=True)
    stderr_path = os.path.join(LOGS, f"{name}.stderr")
    waited, quiet_sample = wait_for_quiet()
    with open(stderr_path, "w") as stderr:
        busy_before = busy_seconds()
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, env=env,
                                   cwd=cwd, text=True)
        max_threads = [0]
        done = threading.Event()

        def poll():
            try:
                handle = psutil.Process(process.pid)
                while not done.is_set():
                    max_threads[0] = max(max_threads[0], handle.num_threads())
                    done.wait(0.25)
            except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
                pass

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        busy = busy_seconds() - busy_before
        done.set()
        poller.join()
        process.returncode = os.waitstatus_to_exitcode(status)
    report = None
    for line in reversed(output.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                report = json.loads(line)
                break
            except json.JSONDecodeError:
                continue
    return {
        "command": command, "exit": process.returncode, "wall_seconds": wall,
        "peak_rss_kib": usage.ru_maxrss, "user_seconds": usage.ru_utime,
        "system_seconds": usage.ru_stime, "max_os_threads": max_threads[0],
        "other_cores": max(0.0, busy - usage.ru_utime - usage.ru_stime) / wall,
        "waited_for_quiet_seconds": waited, "quiet_sample_cores": quiet_sample,
        "report": report, "stderr_log": os.path.relpath(stderr_path, ROOT),
        "stderr_tail": None if process.returncode == 0 else tail(stderr_path),
    }


def tail(path, lines=15):
    with open(path, errors="replace") as f:
        return "".join(f.readlines()[-lines:])


def tool_command(tool, case, epochs, eval_repeats=5):
    if tool == "mlp":
        return [MLP, "run", os.path.join(SCRIPTS, case["script"]), "--epochs", str(epochs),
                "--json"], None
    command = [PYTHON, os.path.join(HERE, "peers", f"{tool}_mlp.py"),
               "--hidden", *map(str, case["hidden"]), "--dropout", str(case["dropout"]),
               "--batch", str(case["batch"]), "--epochs", str(epochs),
               "--threads", str(PEER_THREADS), "--eval-repeats", str(eval_repeats)]
    return command, peer_env()


def run_tool(tool, case, epochs, name, eval_repeats=5):
    command, env = tool_command(tool, case, epochs, eval_repeats)
    log(f"{name}: {' '.join(os.path.relpath(c, ROOT) if c.startswith(ROOT) else c for c in command)}")
    result = run_process(command, env=env, name=name)
    result["tool"] = tool
    result["loadavg_after"] = loadavg()
    if result["exit"] != 0 or result["report"] is None:
        log(f"{name}: FAILED (exit {result['exit']}), see {result['stderr_log']}")
    else:
        seconds = [e["seconds"] for e in result["report"]["epochs"]]
        log(f"{name}: epochs {', '.join(f'{s:.2f}' for s in seconds)} s; "
            f"accuracy {result['report']['test_accuracy']:.4f}; "
            f"peak RSS {result['peak_rss_kib'] / 1024:.0f} MiB; "
            f"other load {result['other_cores']:.2f} cores")
    return result


def flops_per_epoch(hidden):
    """Multiply-adds of the matrix products of one epoch, counted as 2 flops each: per image and
    dense layer of `in` x `out`, the forward product x*W (2*in*out), the weight gradient x^T*dY
    (2*in*out) and the input gradient dY*W^T (2*in*out), except for the first layer, whose input
    gradient is not computed (mlp's graph has no such product; see `mlp check --graph`).
    Element-wise work (bias, relu, dropout, softmax, Adam) is left out: it is O(out), not
    O(in*out)."""
    widths = [784] + list(hidden) + [10]
    per_image = 0
    for layer, (fan_in, fan_out) in enumerate(zip(widths, widths[1:])):
        products = 2 if layer == 0 else 3
        per_image += products * 2 * fan_in * fan_out
    return TRAIN_IMAGES * per_image


def graph_products(script):
    """The number of matmul operations in mlp's compiled graph of `script` (a check on the
    count above: 3 per dense layer, minus 1)."""
    output = subprocess.run([MLP, "check", script, "--graph"], capture_output=True, text=True)
    return sum(1 for line in output.stdout.splitlines() if "= matmul" in line)


def sgemm(threads, shapes=()):
    command = [SGEMM, str(threads), *map(str, shapes)]
    output = subprocess.run(command, capture_output=True, text=True)
    lines = [json.loads(line) for line in output.stdout.splitlines() if line.startswith("{")]
    core = output.stderr.strip()
    return {"threads": threads, "results": lines, "openblas": core}


def measure_sgemm(label):
    log(f"sgemm peak ({label})")
    wait_for_quiet()
    # mlp's own product shapes (row-major M x K times K x N): the seed model's first layer at
    # batch 32 forward (32x784 * 784x100), its weight-gradient shape (784x32 * 32x100), and
    # the wide model's layers at batch 256.
    shapes = [32, 100, 784, 784, 100, 32, 256, 1024, 784, 256, 1024, 1024, 1024, 1024, 256]
    return {"label": label, "loadavg": loadavg(),
            "one_thread": sgemm(1), "two_threads": sgemm(2),
            "mlp_shapes_one_thread": sgemm(1, shapes)}


def mlp_evaluate_time(rounds):
    """Seconds mlp takes to evaluate the 10,000 test images with the seed model.

    Read from `evaluate_seconds` in mlp's JSON when present. Otherwise: two scripts that train
    one epoch of the seed model and then evaluate once or 1 + MLP_EVAL_EXTRA times; each run's
    wall time minus its own train_seconds leaves start-up, loading, compiling and the
    evaluations, so the difference between the two (the minimum over `rounds` runs of each),
    over MLP_EVAL_EXTRA, is one evaluation: a mean over MLP_EVAL_EXTRA passes."""
    base = open(os.path.join(SCRIPTS, "seed-b32.mlp")).read()
    base = base.replace("train epochs 5 batch 32", "train epochs 1 batch 32")
    assert "train epochs 1 batch 32 validation none" in base
    scripts = {}
    tmp = tempfile.mkdtemp(prefix="mlp-eval-")
    for count in (1, 1 + MLP_EVAL_EXTRA):
        body = base.replace("\nevaluate\n", "\n" + "evaluate\n" * count)
        path = os.path.join(tmp, f"evaluate-{count}.mlp")
        with open(path, "w") as f:
            f.write(body)
        scripts[count] = path
    runs = {1: [], 1 + MLP_EVAL_EXTRA: []}
    reported = []
    other = []
    for r in range(rounds):
        for count, path in scripts.items():
            name = f"d-mlp-evaluate{count}-r{r + 1}"
            log(f"{name}: mlp run {os.path.basename(path)} --json")
            result = run_process([MLP, "run", path, "--json"], name=name)
            result["tool"] = "mlp"
            other.append(result["other_cores"])
            report = result["report"] or {}
            if "evaluate_seconds" in report and report["evaluate_seconds"] is not None:
                reported.append(report["evaluate_seconds"])
            if result["exit"] == 0 and report:
                runs[count].append(result["wall_seconds"] - report["train_seconds"])
    shutil.rmtree(tmp, ignore_errors=True)
    many, one = min(runs[1 + MLP_EVAL_EXTRA]), min(runs[1])
    by_difference = (many - one) / MLP_EVAL_EXTRA
    return {
        "evaluate_seconds_reported": statistics.median(reported) if reported else None,
        "evaluate_seconds_by_difference": by_difference,
        "method": ("evaluate_seconds from mlp's JSON" if reported else
                   f"(min over {rounds} runs of [wall - train_seconds] with 1 + {MLP_EVAL_EXTRA} "
                   f"evaluates  -  the same with 1 evaluate) / {MLP_EVAL_EXTRA}"),
        "overhead_seconds_one_evaluate": runs[1],
        "overhead_seconds_many_evaluates": runs[1 + MLP_EVAL_EXTRA],
        "other_cores_max": max(other) if other else None,
    }


def startup_time():
    """`mlp check` on the seed script: hyperfine when installed, else timed here."""
    script = os.path.join(SCRIPTS, "seed-b32.mlp")
    wait_for_quiet()
    if shutil.which("hyperfine"):
        out = os.path.join(tempfile.mkdtemp(prefix="mlp-hf-"), "hyperfine.json")
        subprocess.run(["hyperfine", "--warmup", "5", "--runs", "50", "--style", "none",
                        "--export-json", out, f"{MLP} check {script}"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        data = json.load(open(out))["results"][0]
        return {"method": "hyperfine --warmup 5 --runs 50", "mean": data["mean"],
                "stddev": data["stddev"], "median": data["median"], "min": data["min"],
                "max": data["max"]}
    times = []
    for i in range(55):
        started = time.perf_counter()
        subprocess.run([MLP, "check", script], stdout=subprocess.DEVNULL, check=True)
        if i >= 5:
            times.append(time.perf_counter() - started)
    return {"method": "50 timed runs after 5 warm-up runs (subprocess, perf_counter)",
            "mean": statistics.mean(times), "stddev": statistics.stdev(times),
            "median": statistics.median(times), "min": min(times), "max": max(times)}


def epoch_stats(runs):
    """Per-epoch training seconds over all runs of one tool, without each run's first epoch."""
    kept, first = [], []
    for run in runs:
        if run["report"] is None:
            continue
        seconds = [e["seconds"] for e in run["report"]["epochs"]]
        first.append(seconds[0])
        kept.extend(seconds[1:] if len(seconds) > 1 else seconds)
    if not kept:
        return None
    return {"best": min(kept), "median": statistics.median(kept), "count": len(kept),
            "first_epochs": first, "kept": kept}


def versions():
    result = {"python": platform.python_version()}
    try:
        out = subprocess.run(["swift", "--version"], capture_output=True, text=True)
        result["swift"] = (out.stdout or out.stderr).splitlines()[0]
    except (OSError, IndexError):
        pass
    try:
        # The last commit that changed mlp itself (the benchmark's own commits do not).
        result["mlp_commit"] = subprocess.run(
            ["git", "-C", ROOT, "log", "-1", "--format=%h", "--", "Sources", "Package.swift"],
            capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    return result


def machine():
    model = ""
    flags = ""
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name") and not model:
            model = line.split(":", 1)[1].strip()
        if line.startswith("flags") and not flags:
            flags = line.split(":", 1)[1]
    return {"cpu": model, "cores": os.cpu_count(), "avx512f": " avx512f" in flags,
            "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
            "kernel": platform.release()}


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default=",".join(TOOLS))
    parser.add_argument("--no-wait", action="store_true",
                        help="start each run at once, without waiting for a quiet machine")
    parser.add_argument("--render", action="store_true",
                        help="write results.md again from results.json, running nothing")
    options = parser.parse_args()
    if options.render:
        with open(os.path.join(HERE, "results.json")) as f:
            results = json.load(f)
        if not results["env"].get("OPENBLAS_NUM_THREADS"):
            results["threads"]["mlp"] = MLP_THREADS
        with open(os.path.join(HERE, "results.md"), "w") as f:
            f.write(render(results, [t for t in options.only.split(",") if t]))
        return
    QUIET["enabled"] = not options.no_wait
    tools = [t for t in options.only.split(",") if t]
    cases = json.loads(json.dumps(CASES))
    accuracy_epochs, eval_rounds = ACCURACY_EPOCHS, 3
    if options.quick:
        for case in cases.values():
            case["epochs"], case["rounds"] = 2, 1
        accuracy_epochs, eval_rounds = 1, 1

    started = time.time()
    results = {
        "started": datetime.datetime.now().isoformat(timespec="seconds"),
        "quick": options.quick, "machine": machine(), "versions": versions(),
        "uptime_start": uptime(),
        "env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE",
                                               "OPENBLAS_NUM_THREADS")},
        "threads": {"mlp": (MLP_THREADS
                            if os.environ.get("OPENBLAS_NUM_THREADS") is None else
                            f"OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}"),
                    "peers": PEER_THREADS},
        "sgemm": [], "cases": {}, "flops": {},
    }
    log(f"load: {results['uptime_start']}")
    results["sgemm"].append(measure_sgemm("start"))

    for key, case in cases.items():
        script = os.path.join(SCRIPTS, case["script"])
        flops = flops_per_epoch(case["hidden"])
        layers = len(case["hidden"]) + 1
        results["flops"][key] = {"per_epoch": flops, "graph_matmuls": graph_products(script),
                                 "expected_matmuls": 3 * layers - 1}
        runs = {tool: [] for tool in tools}
        for r in range(case["rounds"]):
            for tool in tools:
                runs[tool].append(run_tool(tool, case, case["epochs"], f"{key}-{tool}-r{r + 1}"))
        results["cases"][key] = {"title": case["title"], "epochs": case["epochs"],
                                 "rounds": case["rounds"], "flops_per_epoch": flops,
                                 "runs": runs,
                                 "stats": {tool: epoch_stats(runs[tool]) for tool in tools}}

    # Test accuracy: 10 epochs of case (a), one run per tool.
    accuracy = {}
    for tool in tools:
        accuracy[tool] = run_tool(tool, cases["a"], accuracy_epochs, f"accuracy-{tool}")
    results["accuracy"] = {"epochs": accuracy_epochs, "runs": accuracy}

    # (d) Evaluation of the 10,000 test images with the seed model after one epoch.
    evaluation = {}
    if "mlp" in tools:
        evaluation["mlp"] = mlp_evaluate_time(eval_rounds)
    for tool in tools:
        if tool == "mlp":
            continue
        run = run_tool(tool, cases["a"], 1, f"d-{tool}", eval_repeats=EVAL_REPEATS)
        report = run["report"] or {}
        evaluation[tool] = {"evaluate_seconds": report.get("evaluate_seconds"),
                            "evaluate_first_seconds": report.get("evaluate_first_seconds"),
                            "method": f"median of {EVAL_REPEATS} passes after a first one "
                                      "(batches of 1,000 rows, as mlp)",
                            "other_cores_max": run["other_cores"], "run": run}
    results["evaluation"] = evaluation

    # (e) Start-up: `mlp check`.
    if "mlp" in tools:
        log("startup: mlp check")
        results["startup"] = startup_time()

    results["sgemm"].append(measure_sgemm("end"))
    results["uptime_end"] = uptime()
    results["elapsed_seconds"] = time.time() - started
    log(f"load: {results['uptime_end']}")

    with open(os.path.join(HERE, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    markdown = render(results, tools)
    with open(os.path.join(HERE, "results.md"), "w") as f:
        f.write(markdown)
    print(markdown)


# ---------------------------------------------------------------------------- the Markdown


def fmt(value, digits=2):
    return "–" if value is None else f"{value:.{digits}f}"


def peak_gflops(results, threads, label="start"):
    for entry in results["sgemm"]:
        if entry["label"] == label:
            key = "one_thread" if threads == 1 else "two_threads"
            found = entry[key]["results"]
            return found[0]["gflops"] if found else None
    return None


def best_peak(results, threads):
    values = [peak_gflops(results, threads, e["label"]) for e in results["sgemm"]]
    values = [v for v in values if v]
    return max(values) if values else None


def tool_threads(tool, case=None):
    """Peers run on PEER_THREADS. mlp gives OpenBLAS every core for a pass whose largest product
    has at least 2^25 multiply-adds (Threads in Sources/MLPExecutor/Executor+Run.swift), and
    one thread otherwise."""
    if tool != "mlp":
        return PEER_THREADS
    if case is None:
        return 1
    widths = [784] + case["hidden"] + [10]
    largest = max(case["batch"] * a * b for a, b in zip(widths, widths[1:]))
    return PEER_THREADS if largest >= 1 << 25 else 1


def accuracy_of(run):
    report = run.get("report") or {}
    return report.get("test_accuracy")


def render(results, tools):
    out = []
    m = results["machine"]
    out.append("# mlp benchmark results\n")
    out.append(f"Run {results['started']}{' (QUICK: smoke test, not for numbers)' if results['quick'] else ''}, "
               f"{results['elapsed_seconds'] / 60:.1f} minutes. {m['cpu']}, {m['cores']} cores"
               f"{' (AVX-512)' if m['avx512f'] else ''}, {m['memory_gib']} GiB, Linux {m['kernel']}. "
               f"mlp at commit {results['versions'].get('mlp_commit', '?')}; "
               f"{results['versions'].get('swift', '')}.\n")
    out.append(f"- Load at start: `{results['uptime_start']}`")
    out.append(f"- Load at end: `{results['uptime_end']}`")
    env = ", ".join(f"{k}={v}" for k, v in results["env"].items() if v) or "none set"
    out.append(f"- OpenBLAS environment seen by mlp: {env}. "
               "The peers run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset.")
    out.append("- Each run starts once the rest of the machine uses under "
               f"{QUIET['threshold_cores']} cores (waiting at most {QUIET['max_wait_seconds']} s)"
               if QUIET["enabled"] else "- Runs started without waiting for a quiet machine.")
    out.append("- *other load*: cores the rest of the machine kept busy during a run (its busy "
               "CPU time minus the run's own, over the run's wall time); *CPU use*: the run's "
               "own CPU time over its wall time.")
    out.append(f"- Threads: mlp — {results['threads']['mlp']}; peers — {PEER_THREADS} "
               "(torch.set_num_threads; TF intra/inter-op; OMP/OPENBLAS_NUM_THREADS for sklearn).")
    peer_versions = {}
    for case in results["cases"].values():
        for tool, runs in case["runs"].items():
            for run in runs:
                if run.get("report") and run["report"].get("versions"):
                    peer_versions.update(run["report"]["versions"])
    if peer_versions:
        out.append("- Peers: " + ", ".join(f"{k} {v}" for k, v in sorted(peer_versions.items())))
    kernels = []
    for case in results["cases"].values():
        for tool, runs in case["runs"].items():
            report = next((r["report"] for r in runs if r.get("report")), None)
            if not report or any(k.startswith(tool + ":") for k in kernels):
                continue
            if tool == "torch":
                kernels.append(f"torch: CPU capability {report.get('cpu_capability')}, "
                               "matrix products by MKL/oneDNN")
            if tool == "keras":
                kernels.append(f"keras: jit_compile {report.get('jit_compile')}")
            if tool == "sklearn":
                blas = [f"{b.get('internal_api')} {b.get('version')} {b.get('architecture')}"
                        for b in report.get("blas", []) if b.get("user_api") == "blas"]
                kernels.append("sklearn: NumPy/SciPy BLAS " + "; ".join(blas))
    if kernels:
        out.append("- Peer kernels: " + ". ".join(kernels) + ".")
    out.append("")

    out.append("## sgemm peak (system OpenBLAS, the library mlp calls)\n")
    out.append("| when | 2048³, 1 thread | 2048³, 2 threads | 32x784·784x100, 1 thread | 784x32·32x100, 1 thread | 256x784·784x1024, 1 thread | 256x1024·1024x1024, 1 thread | 1024x256·256x1024, 1 thread |")
    out.append("|---|---|---|---|---|---|---|---|")
    for entry in results["sgemm"]:
        shapes = [r["gflops"] for r in entry["mlp_shapes_one_thread"]["results"]]
        shapes += [None] * (5 - len(shapes))
        one = entry["one_thread"]["results"]
        two = entry["two_threads"]["results"]
        out.append(f"| {entry['label']} | {fmt(one[0]['gflops'] if one else None, 1)} | "
                   f"{fmt(two[0]['gflops'] if two else None, 1)} | "
                   + " | ".join(fmt(s, 1) for s in shapes) + " |")
    out.append("\nGFLOP/s, best of repeated calls; the kernel OpenBLAS chose: "
               f"`{results['sgemm'][0]['one_thread']['openblas']}`.\n")

    for key, case in results["cases"].items():
        peak1, peak2 = best_peak(results, 1), best_peak(results, 2)
        flops = case["flops_per_epoch"]
        f = results["flops"][key]
        out.append(f"## {case['title']}\n")
        out.append(f"{case['rounds']} rounds × {case['epochs']} epochs per tool, tools alternating; "
                   f"per-epoch training seconds without each run's first epoch. "
                   f"{flops / 1e9:.2f} GFLOP per epoch in matrix products "
                   f"({f['graph_matmuls']} matmuls in mlp's graph, {f['expected_matmuls']} expected). "
                   f"mlp/peer > 1 means mlp is slower.\n")
        out.append("| tool | threads | first epoch s | best s/epoch | median s/epoch | mlp/peer (median) | GFLOP/s (median) | % of sgemm 2048³ peak at its threads | test accuracy after "
                   f"{case['epochs']} epochs | peak RSS MiB | CPU use (cores) | other load (cores, max) |")
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|")
        stats = case["stats"]
        mlp_median = stats.get("mlp", {}) and stats["mlp"] and stats["mlp"]["median"]
        for tool in tools:
            s = stats.get(tool)
            runs = case["runs"][tool]
            good = [r for r in runs if r.get("report")]
            if not s or not good:
                out.append(f"| {tool} | {tool_threads(tool, CASES.get(key))} | failed: see logs | | | | | | | | | |")
                continue
            ratio = mlp_median / s["median"] if mlp_median and tool != "mlp" else None
            gflops = flops / s["median"] / 1e9
            peak = peak1 if tool_threads(tool, CASES.get(key)) == 1 else peak2
            accuracies = ", ".join(fmt(accuracy_of(r), 4) for r in good)
            rss = max(r["peak_rss_kib"] for r in good) / 1024
            cpu = statistics.median((r["user_seconds"] + r["system_seconds"]) / r["wall_seconds"]
                                    for r in good)
            first = statistics.median(s["first_epochs"])
            out.append(f"| {tool} | {tool_threads(tool, CASES.get(key))} | {first:.2f} | {s['best']:.3f} | "
                       f"{s['median']:.3f} | {fmt(ratio) if tool != 'mlp' else '1'} | "
                       f"{gflops:.1f} | {fmt(100 * gflops / peak if peak else None, 0)}% | "
                       f"{accuracies} | {rss:.0f} | {cpu:.2f} | "
                       f"{max(r['other_cores'] for r in good):.2f} |")
        loaded = sorted({f"{r['tool']} round {i + 1} ({r['other_cores']:.2f} cores)"
                         for tool in tools for i, r in enumerate(case["runs"][tool])
                         if r["other_cores"] > QUIET["threshold_cores"]})
        if loaded:
            out.append("\n**Disturbed**: other processes kept more than "
                       f"{QUIET['threshold_cores']} cores busy during " + ", ".join(loaded)
                       + ": those numbers are not to be trusted.")
        notes = sorted({n for tool in tools for r in case["runs"][tool]
                        for n in ((r.get("report") or {}).get("notes") or [])})
        if notes:
            out.append("\nNotes: " + "; ".join(f"sklearn: {n}" for n in notes) + ".")
        out.append("")

    acc = results["accuracy"]
    out.append(f"## Test accuracy, case (a) after {acc['epochs']} epochs (one run per tool)\n")
    out.append("| tool | test accuracy | test loss | train seconds | peak RSS MiB | other load (cores) |")
    out.append("|---|---|---|---|---|---|")
    for tool in tools:
        run = acc["runs"][tool]
        report = run.get("report") or {}
        out.append(f"| {tool} | {fmt(report.get('test_accuracy'), 4)} | "
                   f"{fmt(report.get('test_loss'), 4)} | {fmt(report.get('train_seconds'), 1)} | "
                   f"{run['peak_rss_kib'] / 1024:.0f} | {fmt(run.get('other_cores'))} |")
    out.append("")

    ev = results["evaluation"]
    out.append("## (d) Evaluating the 10,000 test images, seed model after 1 epoch\n")
    out.append("| tool | seconds | first pass s | mlp/peer | other load (cores, max) | how |")
    out.append("|---|---|---|---|---|---|")
    mlp_eval = None
    if "mlp" in ev:
        e = ev["mlp"]
        mlp_eval = e["evaluate_seconds_reported"] or e["evaluate_seconds_by_difference"]
        out.append(f"| mlp | {mlp_eval:.4f} | – | 1 | {fmt(e.get('other_cores_max'))} | "
                   f"{e['method']} |")
    for tool in tools:
        if tool == "mlp" or tool not in ev:
            continue
        e = ev[tool]
        ratio = mlp_eval / e["evaluate_seconds"] if mlp_eval and e["evaluate_seconds"] else None
        out.append(f"| {tool} | {fmt(e['evaluate_seconds'], 4)} | "
                   f"{fmt(e['evaluate_first_seconds'], 4)} | {fmt(ratio)} | "
                   f"{fmt(e.get('other_cores_max'))} | {e['method']} |")
    out.append("")

    if "startup" in results:
        s = results["startup"]
        out.append("## (e) `mlp check` start-up (seed script)\n")
        out.append("| mean ms | ± sd ms | median ms | min ms | max ms | how |")
        out.append("|---|---|---|---|---|---|")
        out.append(f"| {1e3 * s['mean']:.1f} | {1e3 * s['stddev']:.1f} | {1e3 * s['median']:.1f} | "
                   f"{1e3 * s['min']:.1f} | {1e3 * s['max']:.1f} | {s['method']} |")
        out.append("")
    out.append("Raw numbers: `Benchmarks/results.json`; each process's standard error: "
               "`Benchmarks/logs/`.\n")
    return "\n".join(out)


if __name__ == "__main__":
    main()
