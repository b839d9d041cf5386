#!/bin/sh
# System libraries the bundled JavaCV natives link but do not ship (found with readelf -d on the
# linux-x86_64 natives in the job jar): libavdevice needs libpulse.so.0, libasound.so.2 and
# libxcb-shm.so.0; libpulse0 pulls in the rest (libsndfile, X11/xcb, dbus). Ubuntu 24.04 renamed
# libasound2 to libasound2t64, so pick whichever this distribution has. Extra packages as arguments.
set -eu
export DEBIAN_FRONTEND=noninteractive
apt-get update
asound=libasound2
if apt-cache show libasound2t64 >/dev/null 2>&1; then asound=libasound2t64; fi
apt-get install -y --no-install-recommends libpulse0 libxcb-shm0 "$asound" "$@"
rm -rf /var/lib/apt/lists/*
