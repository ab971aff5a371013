#!/usr/bin/env bash
# The topic discovery simulation (topics.md §10; docs/topics.md quotes its figures): builds the
# discv5 test classes, then runs org.jdevp2p.discv5.TopicSimulation on one thread of virtual time.
# Nothing opens a socket.
#
#   scripts/topic-sim.sh [name=value ...]      e.g. scripts/topic-sim.sh nodes=5000 minutes=60
#
# Arguments are documented in TopicSimulation's class comment. JAVA (default: the JDK 25 Maven
# uses), HEAP and MAIN may be set in the environment. MAIN (default TopicSimulation) names another
# main class of org.jdevp2p.discv5's test sources, e.g. MAIN=FairnessModel. HEAP defaults to 16g: a
# 25,000-node network held 6.4 GB after G1's mixed collections within its first 3 simulated
# minutes, still growing as ads, tickets and search tables build up toward their steady state (the
# 15-minute ad lifetime).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
cp=$(mktemp)
trap 'rm -f "$cp"' EXIT
# test-compile and the class path in one reactor build, so devp2p resolves to its target/classes
mvn -B -q -pl discv5 -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >&2
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
exec "$java" -Xmx"${HEAP:-16g}" -cp "discv5/target/test-classes:discv5/target/classes:$(cat "$cp")" \
  org.jdevp2p.discv5."${MAIN:-TopicSimulation}" "$@"
