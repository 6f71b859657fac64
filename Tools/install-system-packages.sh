#!/usr/bin/env bash
# Installs the Debian packages the workbook needs, if any are missing: oneDNN (matrix products;
# Tools/benchmark/README.md says why), gnuplot (figures) and DejaVu fonts (figure text).
# Uses sudo when not run as root. Does nothing when everything is present.
set -euo pipefail
packages=(libdnnl-dev gnuplot-nox fonts-dejavu-core)

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "Not a Debian-based system: please install oneDNN (libdnnl, with its headers)," \
        "gnuplot and the DejaVu fonts yourself." >&2
    exit 0
fi
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing ${missing[*]} (apt-get)..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
