#!/usr/bin/env sh
# The replay command: sends a JSONL of reports to a running gateway through each report's real channel.
# Needs only a JDK 17+: builds the gateway jar with the Maven wrapper the first time (or with REPLAY_BUILD=1),
# then runs org.gridintake.gateway.replay.Replay from it; REPLAY_JAR=/path/to/gateway.jar runs that jar instead
# and builds nothing. Options: ./gateway/replay.sh --help; README "Replay".
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
jar=${REPLAY_JAR:-}
if [ -z "$jar" ]; then
	jar=$(ls "$root"/gateway/target/gateway-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n 1 || true)
	if [ -z "$jar" ] || [ "${REPLAY_BUILD:-0}" = "1" ]; then
		(cd "$root" && ./mvnw -B -ntp -q -pl gateway -am package -DskipTests) >&2
		jar=$(ls "$root"/gateway/target/gateway-*.jar | grep -v -e '-sources' -e '-tests' | head -n 1)
	fi
elif [ ! -f "$jar" ]; then
	echo "replay.sh: REPLAY_JAR=$jar is not a file" >&2
	exit 2
fi
exec java -Dlogback.configurationFile=replay-logback.xml -Dloader.main=org.gridintake.gateway.replay.Replay \
	-cp "$jar" org.springframework.boot.loader.launch.PropertiesLauncher "$@"
