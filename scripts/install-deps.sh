#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian 12 packages Spanscope needs to build, run and test.
# Idempotent: asks apt only for what is missing. Uses sudo when not root.
set -euo pipefail

packages=(
  # toolchain
  cmake ninja-build g++ pkg-config ccache clang
  # libraries
  qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqcustomplot-dev nlohmann-json3-dev libsimdjson-dev
  libprotobuf-dev protobuf-compiler libsqlite3-dev libgraphviz-dev
  zlib1g-dev libzstd-dev libgl-dev
  # tests: a virtual X server, screenshots, metadata validators
  xvfb xauth imagemagick desktop-file-utils appstream
  # lint gate (scripts/lint.sh): clang-format, clang-tidy, clazy
  clang-format clang-tidy clazy
  # fonts so rendered views have glyphs on a bare machine
  fonts-dejavu-core
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "spanscope: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
