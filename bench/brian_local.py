# Brian2 2.5.1 (Debian python3-brian) in C++ standalone mode, one thread, on the network of
# engine/spiking/local_circuit (LocalConfig defaults): N neurons uniform in a cube at 100,000 per mm^3, each
# pair closer than the radius connected with probability 0.5 (no self-connections), the radius that gives an
# expected in-degree of 100 with the cube's edges (the same formula as expected_neighbours), 80 % excitatory,
# delays distance / 0.1 m/s, the COBA neuron with weights 0.48 / 5.36. Brian tests every pair (its only way to
# connect by a distance condition). Prints one JSON line:
#   loop_s:  Brian's own timer around the time-step loop (device._last_run_time: std::clock, CPU seconds);
#   build_s: CPU seconds of the generated binary's whole run (compilation excluded) less loop_s: placement,
#            connect, delays, initial values (and writing the results);
#   wall_s:  the binary's wall-clock run, loop included.
# Usage: /usr/bin/python3 bench/brian_local.py [N] [SEED]
import json, math, os, resource, sys, tempfile, time
from brian2 import *

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
seed_ = int(sys.argv[2]) if len(sys.argv) > 2 else 1
directory = os.path.join(tempfile.gettempdir(), f'brian_local_{os.getpid()}')
set_device('cpp_standalone', directory=directory, build_on_run=False)
prefs.devices.cpp_standalone.openmp_threads = 0
seed(seed_)
defaultclock.dt = 0.1*ms

side = (N / 1e14) ** (1 / 3)  # m
p0 = 0.5
def expected(r):
    L = side
    overlap = L**3*4*math.pi*r**3/3 - L**2*3*(math.pi*r**4/2) + L*3*(8*r**5/15) - r**6/6
    return (N - 1) * overlap / L**6
lo, hi = 0.0, side
for _ in range(60):
    mid = (lo + hi) / 2
    if expected(mid) < 100 / p0: lo = mid
    else: hi = mid
radius = (lo + hi) / 2 * meter
speed = 0.1 * meter/second

taum = 20*ms; taue = 5*ms; taui = 10*ms; Vt = -50*mV; Vr = -60*mV; El = -60*mV
Erev_exc = 0.*mV; Erev_inh = -80.*mV; I = 20.*mvolt
eqs = '''
dv/dt  = (ge*(Erev_exc-v)+gi*(Erev_inh-v)-(v-El) + I)*(1./taum) : volt (unless refractory)
dge/dt = -ge/taue : 1
dgi/dt = -gi/taui : 1
x : meter (constant)
y : meter (constant)
z : meter (constant)
'''
P = NeuronGroup(N, eqs, threshold='v>Vt', reset='v = Vr', refractory=5*ms, method='euler')
P.x = 'rand()*side*meter'; P.y = 'rand()*side*meter'; P.z = 'rand()*side*meter'
P.v = 'Vr + rand() * (Vt - Vr)'
P.ge = 0; P.gi = 0
Ne = int(round(0.8 * N))
we = 0.6 * 80 / 100; wi = 6.7 * 80 / 100
Ce = Synapses(P[:Ne], P, on_pre='ge += we'); Ci = Synapses(P[Ne:], P, on_pre='gi += wi')
dist = 'sqrt((x_pre-x_post)**2 + (y_pre-y_post)**2 + (z_pre-z_post)**2)'
Ce.connect(condition=f'i != j and {dist} < radius', p=p0)
Ci.connect(condition=f'i + Ne != j and {dist} < radius', p=p0)
Ce.delay = f'{dist} / speed'; Ci.delay = f'{dist} / speed'
s_mon = SpikeMonitor(P, record=False)  # counts only
run(1*second)
device.build(directory=directory, compile=True, run=False, with_output=False)
t0 = time.perf_counter(); c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
device.run(directory, with_output=False, run_args=[])
whole = time.perf_counter() - t0
c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = c1.ru_utime + c1.ru_stime - c0.ru_utime - c0.ru_stime
print(json.dumps({'neurons': N, 'seed': seed_, 'radius_um': float(radius / umeter),
                  'synapses': int(len(Ce) + len(Ci)), 'rate_hz': float(s_mon.num_spikes) / N,
                  'build_s': cpu - device._last_run_time, 'loop_s': device._last_run_time,
                  'wall_s': whole}))
