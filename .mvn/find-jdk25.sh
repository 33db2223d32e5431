# Sourced (POSIX sh) by ./mvnw, ./castellan and .ci/run: points JAVA_HOME at a JDK 25.
# Order: $JAVA_HOME if it is 25, then the usual install locations. Prints what to
# install and fails when there is none, rather than letting a build fail later on
# "release version 25 not supported".
castellan_jdk_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
castellan_find_jdk25() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ] \
     && [ "$(castellan_jdk_major "$JAVA_HOME")" = 25 ]; then
    return 0
  fi
  # ./mvnw runs with globbing off (set -f); the search below needs it.
  case $- in *f*) castellan_noglob=yes; set +f ;; *) castellan_noglob=no ;; esac
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* /usr/lib/jvm/jdk-25* \
                   /usr/lib/jvm/openjdk-25* /opt/java/jdk-25* /opt/jdk-25* \
                   "$HOME"/.sdkman/candidates/java/25* "$HOME"/.jdks/*25* \
                   /Library/Java/JavaVirtualMachines/*25*/Contents/Home; do
    if [ -x "$candidate/bin/javac" ] && [ "$(castellan_jdk_major "$candidate")" = 25 ]; then
      JAVA_HOME=$candidate
      export JAVA_HOME
      [ "$castellan_noglob" = no ] || set -f
      return 0
    fi
  done
  [ "$castellan_noglob" = no ] || set -f
  echo "castellan: no JDK 25 found (checked \$JAVA_HOME and /usr/lib/jvm, /opt, ~/.sdkman, ~/.jdks)." >&2
  echo "castellan: install one, e.g. 'apt-get install temurin-25-jdk' or 'sdk install java 25-tem'," >&2
  echo "castellan: or set JAVA_HOME to a JDK 25." >&2
  return 1
}
