#!/usr/bin/env bash
# Installs the Debian packages syncrule builds against, only when some are
# missing. Uses sudo only when not already root.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  antlr4 libantlr4-runtime-dev default-jre-headless
  libfmt-dev nlohmann-json3-dev libre2-dev libgtest-dev libgmock-dev libbenchmark-dev
  libsimdjson-dev libsqlite3-dev libcli11-dev libhowardhinnant-date-dev tzdata
  libstemmer-dev libicu-dev libssl-dev libcurl4-openssl-dev libcpp-httplib-dev
  libyaml-cpp-dev python3-jsonschema libmimalloc-dev
)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
