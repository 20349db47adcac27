# Sourced by bench/jmh/run and bench/report (with $root set to the repository): sets $java, $java_opts and
# $classpath to run the benchmarks module (JMH's benchmarks and org.imscore.benchmarks.report).
#
# IMSCORE_JAVA and IMSCORE_CLASSPATH run from a given JVM and class path (the tests pass their own). Otherwise the
# module's shaded jar benchmarks/$IMSCORE_TARGET/benchmarks.jar (IMSCORE_TARGET defaults to target-bench) is built
# when it is missing or older than a source or pom of the modules it holds.
if [ -n "${IMSCORE_CLASSPATH:-}" ]; then
  java=${IMSCORE_JAVA:-java}
  classpath=$IMSCORE_CLASSPATH
else
  . "$root/.mvn/find-jdk.sh"
  java=$JAVA_HOME/bin/java
  target=${IMSCORE_TARGET:-target-bench}
  classpath=$root/benchmarks/$target/benchmarks.jar
  sources=("$root/pom.xml")
  for module in sip aka diameter benchmarks; do sources+=("$root/$module/pom.xml" "$root/$module/src"); done
  if [ ! -f "$classpath" ] || [ -n "$(find "${sources[@]}" -newer "$classpath" -type f -print -quit)" ]; then
    echo "building $classpath (mvnw package of benchmarks and the modules it measures) ..." >&2
    "$root/mvnw" -q -B -f "$root/pom.xml" -DskipTests -Dimscore.target="$target" -pl benchmarks -am package >&2
  fi
fi
java_opts=(-Djava.awt.headless=true)
# JMH reads fields through sun.misc.Unsafe, which JDK 24 and later warn about on every fork.
if [ "$("$java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')" -ge 24 ]; then
  java_opts+=(--sun-misc-unsafe-memory-access=allow)
fi
