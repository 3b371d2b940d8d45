#!/usr/bin/env bash
# JVM start-up of a hello-world host with one tool: plain, with a minimal Byte Buddy agent, with AgentGuard.
# Usage (from the repository root, after `mvn -q -DskipTests package`): benchmarks/startup.sh [RUNS] [JAVA]
set -euo pipefail
RUNS=${1:-20}
JAVA=${2:-java}
CP=benchmarks/target/classes:annotations/target/classes
CONF=benchmarks/bench.properties

time_runs() { # label, java args...
  local label=$1; shift
  local times=()
  "$JAVA" "$@" -cp "$CP" dev.agentguard.benchmarks.HelloTool >/dev/null 2>&1 # warm the page cache
  for _ in $(seq "$RUNS"); do
    local s e
    s=$(date +%s%N)
    "$JAVA" "$@" -cp "$CP" dev.agentguard.benchmarks.HelloTool >/dev/null 2>&1
    e=$(date +%s%N)
    times+=($(( (e - s) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v l="$label" '{a[NR]=$1; s+=$1} END {
    printf "%-28s median %5d ms  mean %5.0f ms  min %5d ms  max %5d ms  (n=%d)\n", l, a[int((NR+1)/2)], s/NR, a[1], a[NR], NR }'
}

"$JAVA" -version 2>&1 | head -1
time_runs "plain" -Xshare:auto
time_runs "minimal Byte Buddy agent" -javaagent:benchmarks/target/benchmarks.jar
time_runs "AgentGuard" -javaagent:agent/target/agentguard-agent.jar -Dagentguard.config=$CONF \
  -Dagentguard.audit.file="${TMPDIR:-/tmp}/agentguard-startup-audit.jsonl" -Dagentguard.audit.max-file-size=100MB
