#!/usr/bin/env bash
# Puts NVIDIA's PTX assembler (ptxas, from Debian's non-free nvidia-cuda-toolkit) in ~/.cache/tandem/cuda/bin,
# where the gpu module's PtxAssemblerTest finds it: the test assembles every kind of kernel Tandem generates
# for sm_50, sm_80 and sm_90 with the compiler the CUDA driver itself runs, on a machine with no GPU.
# Best effort: without apt-get or the network the test is skipped and says so. Needs no root: apt runs with
# its own lists and cache in a temporary directory, and only ptxas is extracted from the package.
set -uo pipefail
dest="$HOME/.cache/tandem/cuda/bin"
[ -x "$dest/ptxas" ] && exit 0
command -v apt-get >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1 || exit 0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
. /etc/os-release 2>/dev/null || true
echo "deb http://deb.debian.org/debian ${VERSION_CODENAME:-bookworm} non-free" >"$work/sources.list"
apt_opts=(-o "Dir::Etc::sourcelist=$work/sources.list" -o "Dir::Etc::sourceparts=-" -o "Dir::State::Lists=$work/lists"
          -o "Dir::Cache=$work/cache" -o "Debug::NoLocking=1" -o "APT::Sandbox::User=$(id -un)")
(cd "$work" && timeout 300 apt-get "${apt_opts[@]}" update -qq && timeout 300 apt-get "${apt_opts[@]}" download nvidia-cuda-toolkit) \
    >"$work/apt.log" 2>&1 || { echo "Could not fetch ptxas (the PTX assembler test will be skipped)"; exit 0; }
dpkg-deb --fsys-tarfile "$work"/nvidia-cuda-toolkit_*.deb | tar -x -C "$work" ./usr/bin/ptxas 2>/dev/null \
    && mkdir -p "$dest" && mv "$work/usr/bin/ptxas" "$dest/ptxas" && "$dest/ptxas" --version | tail -1
exit 0
