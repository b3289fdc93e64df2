"""Times the seed's own Python BPNeuralNetwork.train() for the nn-timing training benchmark.

Usage: python3 seed_bpnn_bench.py <seed_bpnn.py> <task.json>
task.json: {"cases": [[...], ...], "labels": [[...], ...], "inputs": n, "hidden": n,
            "outputs": n, "epochs": n, "runs": n, "warmups": n}
Prints {"seconds": [...]}: one train() call per timed run (time.perf_counter), each on a
freshly set-up network, after the warm-up runs.
"""

import importlib.util
import json
import sys
import time


def load_seed(path):
    # Leave no __pycache__ next to the seed file, which belongs to shared material.
    sys.dont_write_bytecode = True
    spec = importlib.util.spec_from_file_location("seed_bpnn", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    seed = load_seed(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as handle:
        task = json.load(handle)
    seconds = []
    for run in range(task["warmups"] + task["runs"]):
        net = seed.BPNeuralNetwork()
        net.setup(task["inputs"], task["hidden"], task["outputs"])
        start = time.perf_counter()
        net.train(task["cases"], task["labels"], task["epochs"], 0.05, 0.1)
        elapsed = time.perf_counter() - start
        if run >= task["warmups"]:
            seconds.append(elapsed)
    print(json.dumps({"seconds": seconds}))


if __name__ == "__main__":
    main()
