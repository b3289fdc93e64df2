# Reference values for a multi-output network (3-4-2), produced with the seed's own Python class.
# Usage: python3 make_multi_output.py /path/to/shared/seed/seed_bpnn.py > multi-output.json
# The 'fixed' run subclasses the seed and changes only the two lines the golden README names
# (output momentum stored; returned error summed). Trained values use CPython's exp (glibc), so
# compare them with a tolerance of about 1e-12; the initial weights depend only on the RNG.
import importlib.util
import json
import random
import sys

spec = importlib.util.spec_from_file_location('seed_bpnn', sys.argv[1])
seed = importlib.util.module_from_spec(spec)
spec.loader.exec_module(seed)


class Fixed(seed.BPNeuralNetwork):
    def back_propagate(self, case, label, learn, correct):
        self.predict(case)
        output_deltas = [0.0] * self.output_n
        for o in range(self.output_n):
            error = label[o] - self.output_cells[o]
            output_deltas[o] = seed.sigmoid_derivate(self.output_cells[o]) * error
        hidden_deltas = [0.0] * self.hidden_n
        for h in range(self.hidden_n):
            error = 0.0
            for o in range(self.output_n):
                error += output_deltas[o] * self.output_weights[h][o]
            hidden_deltas[h] = seed.sigmoid_derivate(self.hidden_cells[h]) * error
        for h in range(self.hidden_n):
            for o in range(self.output_n):
                change = output_deltas[o] * self.hidden_cells[h]
                self.output_weights[h][o] += learn * change + correct * self.output_correction[h][o]
                self.output_correction[h][o] = change
        for i in range(self.input_n):
            for h in range(self.hidden_n):
                change = hidden_deltas[h] * self.input_cells[i]
                self.input_weights[i][h] += learn * change + correct * self.input_correction[i][h]
                self.input_correction[i][h] = change
        error = 0.0
        for o in range(len(label)):
            error += 0.5 * (label[o] - self.output_cells[o]) ** 2
        return error


cases = [[0.5, -1.0, 2.0], [1.5, 0.25, -0.75], [-0.3, 0.8, 0.1], [0.0, -2.0, 1.0], [2.5, 1.0, -1.5]]
labels = [[1, 0], [0, 1], [0.5, 0.25], [1, 1], [0, 0]]
SEED, EPOCHS, LEARN, CORRECT = 2**40 + 7, 200, 0.3, 0.5
out = {'source': 'test/nn/golden/make_multi_output.py with shared/seed/seed_bpnn.py',
       'python': sys.version.split()[0], 'rng_seed': SEED, 'setup': [3, 4, 2], 'epochs': EPOCHS,
       'learn': LEARN, 'correct': CORRECT, 'cases': cases, 'labels': labels}
for name, cls in (('seed', seed.BPNeuralNetwork), ('fixed', Fixed)):
    random.seed(SEED)
    net = cls()
    net.setup(3, 4, 2)
    run = {'initial': {'input_weights': [r[:] for r in net.input_weights],
                       'output_weights': [r[:] for r in net.output_weights]}}
    run['first_returned_error'] = net.back_propagate(cases[0], labels[0], LEARN, CORRECT)
    sums = []
    for epoch in range(EPOCHS):
        e = 0.0
        for j in range(len(cases)):
            if epoch == 0 and j == 0:
                e += run['first_returned_error']
                continue
            e += net.back_propagate(cases[j], labels[j], LEARN, CORRECT)
        sums.append(e)
    run['epoch_error_sums'] = sums
    run['final'] = {'input_weights': net.input_weights, 'output_weights': net.output_weights,
                    'input_correction': net.input_correction,
                    'output_correction': net.output_correction}
    run['final_predictions'] = [net.predict(c) for c in cases]
    out[name] = run
json.dump(out, sys.stdout, indent=1)
