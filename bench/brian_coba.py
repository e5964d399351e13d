# Brian2 2.5.1 (Debian python3-brian) running the COBA benchmark (Brette et al. 2007 benchmark 1, constant-drive
# form, as Brian's own benchmark scripts write it), the reference for engine/spiking/coba_circuit. Prints one
# JSON line: the mean rate, the mean CV of the inter-spike intervals over neurons with >= 4 spikes (np.std,
# ddof 0), and, in standalone mode, the times:
#   loop_s:  Brian's own timer around the network's time-step loop (device._last_run_time: std::clock, so CPU
#            seconds of the one thread);
#   build_s: CPU seconds of the generated binary's whole run (connect, initial values, the loop, writing the
#            results; compilation excluded) less loop_s: what is spent before the first step and after the last;
#   wall_s:  the binary's wall-clock run, loop included.
# CPU seconds, not wall, so a figure holds on a machine shared with other work.
# Usage: /usr/bin/python3 bench/brian_coba.py SEED [standalone|numpy] [uniform|normal]
#   uniform: v = Vr + rand()*(Vt - Vr) (what ours uses);  normal: v = (randn()*5 - 55) mV (some Brian scripts).
import json, os, resource, sys, tempfile, time
import numpy as np
from brian2 import *

seed_ = int(sys.argv[1]) if len(sys.argv) > 1 else 1
mode = sys.argv[2] if len(sys.argv) > 2 else 'standalone'
init = sys.argv[3] if len(sys.argv) > 3 else 'uniform'
directory = os.path.join(tempfile.gettempdir(), f'brian_coba_{os.getpid()}')
if mode == 'standalone':
    set_device('cpp_standalone', directory=directory, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = 0  # one thread
else:
    prefs.codegen.target = 'numpy'
seed(seed_)
defaultclock.dt = 0.1*ms
taum = 20*ms; taue = 5*ms; taui = 10*ms; Vt = -50*mV; Vr = -60*mV; El = -60*mV
Erev_exc = 0.*mV; Erev_inh = -80.*mV; I = 20.*mvolt
eqs = '''
dv/dt  = (ge*(Erev_exc-v)+gi*(Erev_inh-v)-(v-El) + I)*(1./taum) : volt (unless refractory)
dge/dt = -ge/taue : 1
dgi/dt = -gi/taui : 1
'''
P = NeuronGroup(4000, eqs, threshold='v>Vt', reset='v = Vr', refractory=5*ms, method='euler')
if init == 'uniform':
    P.v = 'Vr + rand() * (Vt - Vr)'
else:
    P.v = '(randn() * 5 - 55)*mV'
P.ge = 0; P.gi = 0
we = 6./10.; wi = 67./10.
Ce = Synapses(P, P, on_pre='ge += we'); Ci = Synapses(P, P, on_pre='gi += wi')
Ce.connect('i<3200', p=0.02); Ci.connect('i>=3200', p=0.02)
s_mon = SpikeMonitor(P)
result = {'seed': seed_, 'mode': mode, 'init': init}
if mode == 'standalone':
    run(1*second)
    device.build(directory=directory, compile=True, run=False, with_output=False)
    t0 = time.perf_counter(); c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    device.run(directory, with_output=False, run_args=[])
    whole = time.perf_counter() - t0
    c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = c1.ru_utime + c1.ru_stime - c0.ru_utime - c0.ru_stime
    result['loop_s'] = device._last_run_time
    result['build_s'] = cpu - device._last_run_time
    result['wall_s'] = whole
else:
    run(1*second)
t = np.asarray(s_mon.t/ms); i = np.asarray(s_mon.i)
cvs = []
for k in range(4000):
    tk = t[i == k]
    if len(tk) >= 4:
        isi = np.diff(tk); cvs.append(np.std(isi)/np.mean(isi))
result.update(rate_hz=len(t)/4000.0, cv_isi=float(np.mean(cvs)), synapses=int(len(Ce) + len(Ci)))
print(json.dumps(result))
