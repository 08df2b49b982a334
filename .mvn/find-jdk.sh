# Finds a JDK whose feature version is at least $TANDEM_MIN_JDK (default 25) and exports JAVA_HOME.
# Sourced by ./mvnw, ./tandem and .ci/run (POSIX sh). Order: $JAVA_HOME, the javac on $PATH,
# then the usual install folders. Prints what to install and returns 1 when none is found.
tandem_jdk_feature() { # $1 = candidate home; prints the feature version or nothing
  [ -x "$1/bin/javac" ] && [ -x "$1/bin/java" ] || return 0
  if [ -r "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1
  fi
}
tandem_find_jdk() {
  # callers may run under `set -f` (./mvnw does): globbing is needed here
  case $- in *f*) _noglob=1; set +f ;; *) _noglob=0 ;; esac
  _want=${TANDEM_MIN_JDK:-25}
  _path_home=""
  if command -v javac >/dev/null 2>&1; then
    _javac=$(command -v javac)
    _javac=$(readlink -f "$_javac" 2>/dev/null || printf %s "$_javac")
    _path_home=$(dirname "$(dirname "$_javac")")
  fi
  for _c in "${JAVA_HOME:-}" "$_path_home" /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* \
            "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$_c" ] && [ -d "$_c" ] || continue
    _v=$(tandem_jdk_feature "$_c")
    if [ -n "$_v" ] && [ "$_v" -ge "$_want" ]; then
      JAVA_HOME=$_c
      export JAVA_HOME
      [ "$_noglob" = 1 ] && set -f
      return 0
    fi
  done
  {
    echo "Tandem needs a JDK $_want or newer, and none was found."
    echo "Looked at: \$JAVA_HOME (${JAVA_HOME:-unset}), the javac on \$PATH${_path_home:+ ($_path_home)}, /usr/lib/jvm/*, /opt/java/*, ~/.sdkman, ~/.jdks."
    echo "Install one, for example:"
    echo "  Debian/Ubuntu: apt-get install temurin-25-jdk   (from the Adoptium apt repository)"
    echo "  SDKMAN:        sdk install java 25-tem"
    echo "then run again, or point JAVA_HOME at it: export JAVA_HOME=/path/to/jdk-25"
  } >&2
  [ "$_noglob" = 1 ] && set -f
  return 1
}
