#!/usr/bin/env bash
# Installs the few system libraries Vireo's natives need and Maven cannot provide:
#   libpulse0 - JavaCV's FFmpeg build (libavdevice and the bundled ffmpeg/ffprobe CLIs) links it.
# Idempotent and quiet when everything is present. Needs root (or sudo) and Debian's apt.
set -euo pipefail
missing=()
# Read the cache once: `ldconfig -p | grep -q` under pipefail fails when grep exits early (SIGPIPE).
libraries=$(ldconfig -p 2>/dev/null || true)
[[ "$libraries" == *libpulse.so.0* ]] || missing+=(libpulse0)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  echo "vireo: missing system packages: ${missing[*]}; install them with apt-get (needs root)" >&2; exit 1
fi
echo "vireo: installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  $SUDO apt-get update >/dev/null
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
fi
