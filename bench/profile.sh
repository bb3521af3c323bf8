#!/usr/bin/env bash
# bench/profile.sh PORT SECONDS [NAME] — where the CPU of the JVM listening on PORT goes, for
# SECONDS, while you load it from elsewhere (e.g. wrk with a bench/wrk script). async-profiler
# (Maven artifact tools.profiler:async-profiler:3.0, its Linux x64 library) is attached with
# jcmd, samples every 1 ms of CPU (itimer: no perf events needed) and writes collapsed stacks to
# $WORK/NAME.collapsed; bench/tools/stacks.py then prints the shares of the usual suspects.
# Nothing is left running: the profiler stops at the end.
. "$(dirname "$0")/lib.sh"
port=${1:?PORT}; seconds=${2:?SECONDS}; name=${3:-profile-$port}
pid=$(pid_on_port "$port"); [[ -n $pid ]] || die "nothing listens on $port"
ap=$WORK/async-profiler
lib=$ap/linux-x64/libasyncProfiler.so
if [[ ! -f $lib ]]; then
    mvn -B -q dependency:get -Dartifact=tools.profiler:async-profiler:3.0 -Dtransitive=false >"$WORK/ap-get.log" 2>&1 ||
        die "could not fetch async-profiler (see $WORK/ap-get.log)"
    mkdir -p "$ap" && (cd "$ap" && unzip -o -q ~/.m2/repository/tools/profiler/async-profiler/3.0/async-profiler-3.0.jar)
fi
out=$WORK/$name.collapsed
# jcmd splits its arguments at '=': the agent's options go as one quoted string.
jcmd "$pid" JVMTI.agent_load "$lib" "\"start,event=itimer,interval=1000000\"" >/dev/null
before=$(cpu_of "$pid")
sleep "$seconds"
jcmd "$pid" JVMTI.agent_load "$lib" "\"stop,file=$out,collapsed\"" >/dev/null
say "pid $pid used $(awk -v a="$(cpu_of "$pid")" -v b="$before" 'BEGIN { printf "%.2f", a - b }') s of CPU in $seconds s; stacks in $out"
python3 "$BENCH_DIR/tools/stacks.py" "$out"
