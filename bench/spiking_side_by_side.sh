#!/usr/bin/env bash
# The spiking family's figures beside Brian2 2.5.1 (Debian python3-brian) in C++ standalone mode on one thread,
# on the same machine in one invocation, one program at a time (never two at once): for each preset, Brian's
# script compiles its project and runs it once (giving its rate, CV and synapse count), then ours
# (`phasor run --preset P --json`) and Brian's compiled binary (`./main` in its project, no recompilation) run
# alternately, REPS times each; the table gives medians. Not part of the test suite; needs no GPU; takes a few
# minutes (Brian's local100k tests every pair of 10^10, its stdp_large and stdp_song binaries take 10-30 s a run).
# Needs a Release build of phasor (PHASOR=path, default build/phasor) and /usr/bin/python3 with python3-brian.
#
# The columns:
#   neurons        ours (`neurons`: every population, Poisson inputs included).
#   synapses       ours / Brian's (different random draws of the same rule).
#   B/syn          ours: the engine's `bytes_per_synapse` (its synapse storage, as the run reports it) / Brian's:
#                  the bytes of the per-synapse arrays its binary writes (results/_dynamic_array_synapses*:
#                  pre, post, delay, weights, traces) over its synapses; a lower bound, its spike queue holds
#                  more.
#   build s        ours: `build_seconds`, wall clock from the start of the run to the first step (one thread)
#                  / Brian's: CPU seconds of its binary's whole run less its loop (placement, connect, initial
#                  values, and writing its results at the end; compilation excluded).
#   loop s         ours wall: `loop_seconds`, wall clock of the time-step loop / ours CPU: the process CPU
#                  seconds (below) of the run less those of the same run stopped after one step (`--ticks 1`),
#                  i.e. the loop's CPU seconds without touching the engine / Brian's: its own timer around the
#                  loop (device._last_run_time, std::clock: CPU seconds of its one thread). Ours steps on one
#                  thread, so on an idle machine its wall and CPU seconds agree; on a busy one the CPU figure is
#                  the one that compares with Brian's.
#   ratio          Brian's loop s / ours, CPU against CPU (and against our wall in brackets): how many times
#                  faster ours steps the same simulated time.
#   process CPU s  user + system CPU seconds of the whole process, from the kernel (wait4): ours the whole
#                  `phasor run` (start, preset, build, loop, report) / Brian's binary (everything but the
#                  compilation). The like-for-like measure of the whole run; its ratio in brackets.
#   peak MB        the process's peak resident memory, ours / Brian's binary.
#   rate Hz        mean rate: ours `rate_hz` / Brian's (of the recorded or counted group: for the STDP presets,
#                  the LIF outputs).
#   CV             ours `cv_isi_mean` (neurons with >= 4 spikes, ddof 0) / Brian's, the same measure where its
#                  script records spikes ("-" where it only counts them).
# stdp_song's Brian side is Brian's examples/synapses/STDP.py as written (inline below), run for its 100 s.
# Medians over REPS runs of each (Brian's slow ones, local100k, stdp_large and stdp_song, at most BRIAN_SLOW_REPS).
# Usage: bench/spiking_side_by_side.sh [REPS=3] [PRESET...]   (presets: cuba coba local100k stdp_large stdp_song)
#        PHASOR=build-eng/phasor BRIAN_SLOW_REPS=2 bench/spiking_side_by_side.sh 5
set -euo pipefail
reps=${1:-3}
shift || true
presets=("$@")
[ ${#presets[@]} -eq 0 ] && presets=(cuba coba local100k stdp_large stdp_song)
root=$(cd "$(dirname "$0")/.." && pwd)
phasor=${PHASOR:-$root/build/phasor}
[ -x "$phasor" ] || { echo "no phasor binary at $phasor: build it (Release) or set PHASOR" >&2; exit 1; }
work=$(mktemp -d /tmp/spiking_side_by_side.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC');" \
    "commit $(git -C "$root" rev-parse --short HEAD); phasor $phasor; brian2 $(/usr/bin/python3 -c \
    'import brian2; print(brian2.__version__)' 2>/dev/null)"

cat > "$work/brian_song.py" <<'PY'
# Brian2's examples/synapses/STDP.py (Song, Miller & Abbott 2000) as written, 100 s, C++ standalone on one thread.
import json, sys
import numpy as np
from brian2 import *
seed_ = int(sys.argv[1]); directory = sys.argv[2]
set_device('cpp_standalone', directory=directory, build_on_run=False)
prefs.devices.cpp_standalone.openmp_threads = 0
seed(seed_)
N = 1000; taum = 10*ms; taupre = 20*ms; taupost = taupre; Ee = 0*mV; vt = -54*mV; vr = -60*mV
El = -74*mV; taue = 5*ms; F = 15*Hz; gmax = .01; dApre = .01
dApost = -dApre * taupre / taupost * 1.05; dApost *= gmax; dApre *= gmax
eqs_neurons = '''dv/dt = (ge * (Ee-v) + El - v) / taum : volt
                 dge/dt = -ge / taue : 1'''
poisson_input = PoissonGroup(N, rates=F)
neurons = NeuronGroup(1, eqs_neurons, threshold='v>vt', reset='v = vr', method='euler')
S = Synapses(poisson_input, neurons, '''w : 1
                dApre/dt = -Apre / taupre : 1 (event-driven)
                dApost/dt = -Apost / taupost : 1 (event-driven)''',
             on_pre='''ge += w
                    Apre += dApre
                    w = clip(w + Apost, 0, gmax)''',
             on_post='''Apost += dApost
                     w = clip(w + Apre, 0, gmax)''')
S.connect()
S.w = 'rand() * gmax'
out_mon = SpikeMonitor(neurons)
run(100*second)
device.build(directory=directory, compile=True, run=False, with_output=False)
device.run(directory, with_output=False, run_args=[])
w = np.asarray(S.w) / gmax
t = np.asarray(out_mon.t / ms); isi = np.diff(t)
print(json.dumps({'synapses': int(len(S)), 'rate_hz': len(t) / 100.0,
                  'cv_isi': float(np.std(isi) / np.mean(isi)) if len(t) >= 5 else None,
                  'weights_below_0.1': int(np.sum(w < 0.1)), 'weights_above_0.9': int(np.sum(w > 0.9))}))
PY

/usr/bin/python3 - "$root" "$phasor" "$work" "$reps" "${BRIAN_SLOW_REPS:-2}" "${presets[@]}" <<'PY'
import glob, json, os, statistics, subprocess, sys, time

root, phasor, work, reps, slow_reps = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
presets = sys.argv[6:]
py = '/usr/bin/python3'

def load():
    return open('/proc/loadavg').read().split()[0]

def timed(cmd, cwd=None, env=None):
    """Runs cmd alone; returns (stdout, wall s, user+system CPU s, peak RSS MB) from wait4."""
    out = os.path.join(work, 'stdout')
    with open(out, 'w') as f, open(os.path.join(work, 'stderr'), 'w') as e:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=f, stderr=e)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode:
        sys.exit(f'{cmd} failed ({p.returncode}): {open(os.path.join(work, "stderr")).read()[-2000:]}')
    return open(out).read(), wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024

def ours(preset):
    text, wall, cpu, rss = timed([phasor, 'run', '--preset', preset, '--json'])
    s = json.loads(text)['seeds'][0]
    one_step = timed([phasor, 'run', '--preset', preset, '--json', '--ticks', '1'])[2]
    return dict(loop_cpu=cpu - one_step, neurons=s['neurons'], synapses=s['synapses'], bps=s['bytes_per_synapse'],
                build=s['build_seconds'], loop=s['loop_seconds'], cpu=cpu, rss=rss, rate=s['rate_hz'],
                cv=s.get('cv_isi_mean'), simulated=s['simulated_seconds'])

# Brian: the script (compiles, runs once, gives the statistics) and where it leaves its project.
def brian_script(preset):
    if preset == 'cuba':
        d = os.path.join(work, 'cuba'); cmd = [py, f'{root}/bench/brian_cuba.py', '1', 'standalone', d]
    elif preset == 'stdp_large':
        d = os.path.join(work, 'stdp_large'); cmd = [py, f'{root}/bench/brian_stdp_large.py', '10', '1', d]
    elif preset == 'stdp_song':
        d = os.path.join(work, 'song'); cmd = [py, os.path.join(work, 'brian_song.py'), '1', d]
    else:
        script = {'coba': 'brian_coba.py', 'local100k': 'brian_local.py'}[preset]
        args = ['1', 'standalone'] if preset == 'coba' else ['100000', '1']
        env = dict(os.environ, TMPDIR=work)  # the script puts its project in $TMPDIR/brian_<name>_<pid>
        with open(os.path.join(work, 'stdout'), 'w') as f, open(os.path.join(work, 'stderr'), 'w') as e:
            p = subprocess.Popen([py, f'{root}/bench/{script}'] + args, stdout=f, stderr=e, env=env)
            p.wait()
        if p.returncode:
            sys.exit(f'{script} failed: {open(os.path.join(work, "stderr")).read()[-2000:]}')
        name = {'coba': 'coba', 'local100k': 'local'}[preset]
        return json.loads(open(os.path.join(work, 'stdout')).read().splitlines()[-1]), \
            os.path.join(work, f'brian_{name}_{p.pid}')
    text = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return json.loads(text.splitlines()[-1]), d

def brian_binary(directory, synapses):
    _, wall, cpu, rss = timed(['./main'], cwd=directory, env=dict(os.environ, LD_BIND_NOW='1'))
    loop = float(open(os.path.join(directory, 'results', 'last_run_info.txt')).read().split()[0])
    per_synapse = sum(os.path.getsize(f) for f in glob.glob(os.path.join(directory, 'results', '_dynamic_array_synapses*')))
    return dict(build=cpu - loop, loop=loop, cpu=cpu, rss=rss, wall=wall, bps=per_synapse / synapses)

med = lambda runs, k: statistics.median(r[k] for r in runs)
rows = []
for preset in presets:
    print(f'== {preset} (load {load()})', flush=True)
    stats, directory = brian_script(preset)
    b_syn = stats['synapses']
    b_rate = stats.get('rate_hz', stats.get('output_rate_hz'))
    b_cv = stats.get('cv_isi')
    print(f'   brian script: {json.dumps(stats)}', flush=True)
    o_runs, b_runs = [], []
    b_reps = reps if preset in ('cuba', 'coba') else min(reps, slow_reps)
    for r in range(reps):
        o = ours(preset); o_runs.append(o)
        print(f'   ours  {r + 1}: build {o["build"]:.4f} s  loop {o["loop"]:.4f} s (CPU {o["loop_cpu"]:.4f})  process CPU {o["cpu"]:.3f} s  '
              f'peak {o["rss"]:.0f} MB  (load {load()})', flush=True)
        if r < b_reps:
            b = brian_binary(directory, b_syn); b_runs.append(b)
            print(f'   brian {r + 1}: build {b["build"]:.4f} s  loop {b["loop"]:.4f} s  process CPU {b["cpu"]:.3f} s  '
                  f'wall {b["wall"]:.3f} s  peak {b["rss"]:.0f} MB  (load {load()})', flush=True)
    o = o_runs[0]
    rows.append(dict(preset=preset, simulated=o['simulated'], neurons=o['neurons'], synapses=o['synapses'],
                     b_synapses=b_syn, bps=o['bps'], b_bps=b_runs[0]['bps'],
                     build=med(o_runs, 'build'), b_build=med(b_runs, 'build'),
                     loop=med(o_runs, 'loop'), loop_cpu=med(o_runs, 'loop_cpu'), b_loop=med(b_runs, 'loop'),
                     cpu=med(o_runs, 'cpu'), b_cpu=med(b_runs, 'cpu'),
                     rss=med(o_runs, 'rss'), b_rss=med(b_runs, 'rss'),
                     rate=o['rate'], b_rate=b_rate, cv=o['cv'], b_cv=b_cv, n=len(o_runs), bn=len(b_runs)))
    subprocess.run(['rm', '-rf', directory])

def f(x, d=3):
    return '-' if x is None else f'{x:,.{d}f}'

print(f'\nmedians of {reps} runs of ours, and of Brian\'s binary (fewer where said); load now {load()}\n')
print('| preset (simulated) | neurons | synapses ours / Brian | B/syn ours / Brian arrays | build s ours / Brian | '
      'loop s ours wall / ours CPU / Brian | ratio CPU (wall) | process CPU s ours / Brian (ratio) | peak MB ours / Brian | rate Hz ours / Brian | '
      'CV ours / Brian |')
print('|---|---|---|---|---|---|---|---|---|---|---|')
for r in rows:
    few = f' ({r["bn"]} runs)' if r['bn'] < r['n'] else ''
    print(f'| {r["preset"]} ({r["simulated"]:g} s) | {r["neurons"]:,} | {r["synapses"]:,} / {r["b_synapses"]:,} | '
          f'{f(r["bps"], 1)} / {f(r["b_bps"], 1)} | {f(r["build"], 4)} / {f(r["b_build"], 4)} | '
          f'{f(r["loop"], 4)} / {f(r["loop_cpu"], 4)} / {f(r["b_loop"], 4)}{few} | '
          f'{r["b_loop"] / r["loop_cpu"]:.1f}x ({r["b_loop"] / r["loop"]:.1f}x) | '
          f'{f(r["cpu"])} / {f(r["b_cpu"])} ({r["b_cpu"] / r["cpu"]:.1f}x) | {r["rss"]:.0f} / {r["b_rss"]:.0f} | '
          f'{f(r["rate"], 2)} / {f(r["b_rate"], 2)} | {f(r["cv"], 3)} / {f(r["b_cv"], 3)} |')
PY
