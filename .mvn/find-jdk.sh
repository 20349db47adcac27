# Sourced by ./mvnw and ./imscore: makes JAVA_HOME point at a JDK >= 21.
# Keeps JAVA_HOME when it already is one; else takes the newest JDK >= 21 that
# `java` on the PATH or /usr/lib/jvm offers. Prints what to install when none is found.

imscore_java_major() { # JAVA_BIN -> major version, or nothing
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

imscore_find_jdk() {
  local candidate major best="" best_major=0
  for candidate in "${JAVA_HOME:-}" \
      "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")" \
      /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(imscore_java_major "$candidate/bin/java")
    [ -n "$major" ] && [ "$major" -ge 21 ] || continue
    # JAVA_HOME wins when it is good enough; otherwise the newest.
    if [ "$candidate" = "${JAVA_HOME:-}" ]; then best=$candidate; break; fi
    if [ "$major" -gt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  if [ -z "$best" ]; then
    echo "imscore needs a JDK 21 or newer and found none (JAVA_HOME, javac on PATH, /usr/lib/jvm)." >&2
    echo "Install one, for example: apt-get install openjdk-21-jdk-headless" >&2
    return 1
  fi
  export JAVA_HOME=$best
}

imscore_find_jdk || exit 1
