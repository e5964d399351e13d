# Brian2 2.5.1 (Debian python3-brian) running examples/CUBA.py as written, the reference for
# engine/spiking/cuba_circuit. Prints one JSON line: the mean rate, the mean CV of the inter-spike intervals over
# neurons with >= 4 spikes (np.std, ddof 0; cv_isi_ddof1 with ddof 1), the synapses, and, in standalone mode
# (C++ standalone, one thread), the times, measured as bench/brian_coba.py measures them:
#   loop_s:  Brian's own timer around the network's time-step loop (device._last_run_time: std::clock, so CPU
#            seconds of the one thread);
#   build_s: CPU seconds of the generated binary's whole run (connect, initial values, the loop, writing the
#            results; compilation excluded) less loop_s: what is spent before the first step and after the last;
#   wall_s:  the binary's wall-clock run, loop included.
# The standalone project is left in `directory` (printed), so its binary can be run again without compiling
# (bench/spiking_side_by_side.sh does, to time repetitions).
# Usage: /usr/bin/python3 bench/brian_cuba.py SEED [standalone|numpy] [DIRECTORY]
#   numpy: Brian's runtime target (what tests/spiking/cuba_test.cpp's reference band was measured with).
import json, os, resource, sys, tempfile, time
import numpy as np
from brian2 import *

seed_ = int(sys.argv[1]) if len(sys.argv) > 1 else 1
mode = sys.argv[2] if len(sys.argv) > 2 else 'standalone'
directory = sys.argv[3] if len(sys.argv) > 3 else os.path.join(tempfile.gettempdir(), f'brian_cuba_{os.getpid()}')
if mode == 'standalone':
    set_device('cpp_standalone', directory=directory, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = 0  # one thread
elif mode == 'numpy':
    prefs.codegen.target = 'numpy'
else:
    sys.exit(f'unknown mode {mode!r}: standalone or numpy')
seed(seed_)
defaultclock.dt = 0.1*ms
taum = 20*ms; taue = 5*ms; taui = 10*ms; Vt = -50*mV; Vr = -60*mV; El = -49*mV
eqs = '''
dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
dge/dt = -ge/taue : volt
dgi/dt = -gi/taui : volt
'''
P = NeuronGroup(4000, eqs, threshold='v>Vt', reset='v = Vr', refractory=5*ms, method='exact')
P.v = 'Vr + rand() * (Vt - Vr)'
P.ge = 0*mV; P.gi = 0*mV
we = (60*0.27/10)*mV; wi = (-20*4.5/10)*mV
Ce = Synapses(P, P, on_pre='ge += we'); Ci = Synapses(P, P, on_pre='gi += wi')
Ce.connect('i<3200', p=0.02); Ci.connect('i>=3200', p=0.02)
s_mon = SpikeMonitor(P)
result = {'seed': seed_, 'mode': mode}
run(1 * second)
if mode == 'standalone':
    device.build(directory=directory, compile=True, run=False, with_output=False)
    t0 = time.perf_counter(); c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    device.run(directory, with_output=False, run_args=[])
    whole = time.perf_counter() - t0
    c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = c1.ru_utime + c1.ru_stime - c0.ru_utime - c0.ru_stime
    result.update(loop_s=device._last_run_time, build_s=cpu - device._last_run_time, wall_s=whole,
                  directory=directory)
t = np.asarray(s_mon.t/ms); i = np.asarray(s_mon.i)
cvs = []; cvs1 = []
for k in range(4000):
    tk = t[i == k]
    if len(tk) >= 4:
        isi = np.diff(tk); cvs.append(np.std(isi)/np.mean(isi)); cvs1.append(np.std(isi, ddof=1)/np.mean(isi))
result.update(rate_hz=len(t)/4000.0, cv_isi=float(np.mean(cvs)), cv_isi_ddof1=float(np.mean(cvs1)),
              synapses=int(len(Ce) + len(Ci)))
print(json.dumps(result))
