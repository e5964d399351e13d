# The large STDP benchmark in Brian2 2.5.1 C++ standalone on one thread, the same network as
# engine/spiking/stdp_large_circuit.hpp: 10,000 Poisson inputs at 15 Hz, each to 100 distinct random LIF neurons
# of 10,000 (1M plastic synapses), current-based exponential synapses integrated exactly, pair STDP with
# event-driven traces as Brian's STDP example (additive, clipped to [0, wmax], dApost = -1.05 dApre).
# Prints one JSON line: the simulated seconds, the binary's run time (synapse creation included), the network
# run alone (Brian's last_run_info), the compile time, the rates and the final weights' statistics.
# Usage: /usr/bin/python3 bench/brian_stdp_large.py [SIMULATED_SECONDS] [SEED] [BUILD_DIR]
import json, os, sys, time
import brian2
import numpy as np
from brian2 import *

seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
seed_ = int(sys.argv[2]) if len(sys.argv) > 2 else 1
directory = sys.argv[3] if len(sys.argv) > 3 else '/tmp/brian_stdp_large'
set_device('cpp_standalone', directory=directory, build_on_run=False)
prefs.devices.cpp_standalone.openmp_threads = 0
defaultclock.dt = 0.1*ms
seed(seed_)

N_in = 10000; N = 10000; fan_out = 100
taum = 20*ms; taue = 5*ms; El = -60*mV; Vt = -50*mV; Vr = -60*mV
wmax = 2.5*mV; taupre = 20*ms; taupost = 20*ms
dApre = 0.01*wmax; dApost = -dApre*taupre/taupost*1.05

inputs = PoissonGroup(N_in, rates=15*Hz)
neurons = NeuronGroup(N, '''dv/dt = (ge - (v - El))/taum : volt (unless refractory)
                            dge/dt = -ge/taue : volt''',
                      threshold='v > Vt', reset='v = Vr', refractory=5*ms, method='exact')
neurons.v = 'Vr + rand()*(Vt - Vr)'
S = Synapses(inputs, neurons,
             '''w : volt
                dApre/dt = -Apre/taupre : volt (event-driven)
                dApost/dt = -Apost/taupost : volt (event-driven)''',
             on_pre='''ge += w
                       Apre += dApre
                       w = clip(w + Apost, 0*volt, wmax)''',
             on_post='''Apost += dApost
                        w = clip(w + Apre, 0*volt, wmax)''')
S.connect(j='k for k in sample(N_post, size=fan_out)')
S.w = 'rand()*wmax'
in_mon = SpikeMonitor(inputs, record=False)
out_mon = SpikeMonitor(neurons, record=False)
run(seconds*second)

start = time.perf_counter()
device.build(directory=directory, compile=True, run=False)
compiled = time.perf_counter()
device.run(directory=directory, with_output=False, run_args=[])
finished = time.perf_counter()
w = np.asarray(S.w/wmax)
print(json.dumps({
    'simulator': 'brian2 %s cpp_standalone, 1 thread' % brian2.__version__,
    'simulated_seconds': seconds, 'seed': seed_, 'synapses': int(len(S.w)),
    'compile_seconds': round(compiled - start, 2),
    'binary_seconds': round(finished - compiled, 3),
    'network_run_seconds': round(float(device._last_run_time), 3),
    'input_rate_hz': float(in_mon.num_spikes)/N_in/seconds,
    'output_rate_hz': float(out_mon.num_spikes)/N/seconds,
    'mean_weight_fraction': float(w.mean()),
    'weights_below_0.1': float(np.mean(w < 0.1)), 'weights_above_0.9': float(np.mean(w > 0.9)),
}))
