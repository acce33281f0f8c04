#!/usr/bin/env sh
# What the tests need beyond Python: Debian's Chromium and CJK fonts (the
# browser tests) and nodejs (the search engine's unit tests, tests/js/).
# `make test` runs this before any test; `make test-fast` (no browser) runs
# `ensure-test-tools.sh nodejs`, which sees to nodejs alone. As root with
# apt-get, it installs what is missing; otherwise it stops with one sentence
# saying what to install. CHROMIUM names another browser binary (default
# /usr/bin/chromium), NODE another Node.js (default: node on the PATH).
wanted="${*:-chromium fonts-noto-cjk nodejs}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
missing=""
for tool in $wanted; do
  case "$tool" in
    chromium) [ -x "$chromium" ] || missing="$missing chromium" ;;
    fonts-noto-cjk)
      if command -v dpkg >/dev/null 2>&1; then
        dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$missing fonts-noto-cjk"
      elif command -v fc-list >/dev/null 2>&1; then
        fc-list :lang=zh | grep -q . || missing="$missing fonts-noto-cjk"
      fi ;;
    nodejs)
      if [ -n "$NODE" ]; then
        [ -x "$NODE" ] || missing="$missing nodejs"
      else
        command -v node >/dev/null 2>&1 || missing="$missing nodejs"
      fi ;;
    *) echo "ensure-test-tools.sh: unknown tool '$tool' (chromium, fonts-noto-cjk or nodejs)" >&2; exit 2 ;;
  esac
done
missing=$(echo $missing)
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing the tests' dependencies: $missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing && exit 0
fi
echo "The tests need Debian's $missing: run 'sudo apt-get install -y $missing' (or set CHROMIUM=/path/to/chromium, NODE=/path/to/node), then run the tests again." >&2
exit 1
