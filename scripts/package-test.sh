#!/usr/bin/env bash
# Builds the packages this machine can make, installs each as a user would and builds a
# course with the installed program:
#   1. the .deb (scripts/package-deb.sh), installed into a fresh Debian root
#      (debootstrap), where a user runs `course init --yes` and `course build`;
#   2. the host's archive and its shell installer (dist), the archive unpacked into a
#      scratch folder and the installer run against a local web server with a scratch HOME.
# Ends with the contents of the .deb and the sizes of the program, archive and .deb.
#
# Needs root (debootstrap, chroot), debootstrap, cargo-deb and dist
# (`cargo install --locked cargo-deb cargo-dist`), and a network for debootstrap; takes
# minutes. Not part of `cargo test`: tests/cli/packaging.rs checks what can be checked
# offline.
#
#   scripts/package-test.sh [SUITE]      (the Debian release to install into; default bookworm)
set -euo pipefail
cd "$(dirname "$0")/.."
suite=${1:-bookworm}
target_dir=${CARGO_TARGET_DIR:-target}

fail() {
  echo "package-test: $*" >&2
  exit 1
}
step() { printf '\n== %s\n' "$*"; }

[ "$(id -u)" = 0 ] || fail "run as root: it makes a Debian root with debootstrap and enters it with chroot"
for tool in cargo-deb dist debootstrap dpkg-deb python3 curl sha256sum; do
  command -v "$tool" >/dev/null || fail "$tool is not installed"
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/course-package-test.XXXXXX")
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  if mountpoint -q "$scratch/debian/proc" 2>/dev/null; then umount "$scratch/debian/proc"; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

# Starts a course with `init --yes` and builds it; $1 runs `course` (a path or a command).
build_a_course() {
  local pdfs
  "$@" init my-course --yes >/dev/null
  "$@" build my-course
  pdfs=$(find my-course/build -name '*.pdf' | wc -l)
  [ "$pdfs" -ge 4 ] || fail "the build wrote $pdfs PDFs"
  echo "built $pdfs PDFs"
}

step "the release plan (dist-workspace.toml) and its workflow"
dist generate --check || fail "release.yml is not what \`dist generate\` writes: run it and commit"
dist plan

# The .deb is built for the host's triple, as dist builds its archive, so that the two
# share one build (target/TRIPLE/dist).
host=$(rustc -vV | sed -n 's/^host: //p')
program=$target_dir/$host/dist/course

step "Debian package"
deb=$(scripts/package-deb.sh --target "$host" | tail -n 1)
[ -f "$deb" ] || fail "cargo-deb made no .deb"
dpkg-deb --field "$deb" Package Version Architecture Depends Installed-Size

step "installing it into a fresh Debian $suite (debootstrap --variant=minbase)"
root=$scratch/debian
debootstrap --variant=minbase "$suite" "$root" >"$scratch/debootstrap.log" 2>&1 \
  || { tail -n 20 "$scratch/debootstrap.log"; fail "debootstrap failed"; }
mount -t proc proc "$root/proc" 2>/dev/null || echo "note: /proc not mounted in the root"
cp "$deb" "$root/tmp/"
chroot "$root" dpkg -i "/tmp/$(basename "$deb")"
for file in usr/bin/course usr/share/man/man1/course.1.gz usr/share/man/man1/course-build.1.gz \
  usr/share/bash-completion/completions/course usr/share/zsh/vendor-completions/_course \
  usr/share/fish/vendor_completions.d/course.fish usr/share/doc/course/copyright \
  usr/share/doc/course/fonts/LICENSE-DejaVu.txt usr/share/doc/course/fonts/LICENSE-Noto.txt; do
  [ -f "$root/$file" ] || fail "the installed package lacks /$file"
done
gzip -t "$root"/usr/share/man/man1/course*.1.gz
chroot "$root" useradd --create-home --shell /bin/bash anna
# As the user, in her home, with nothing of this machine's environment.
as_anna() {
  chroot --userspec=anna:anna "$root" env -i HOME=/home/anna PATH=/usr/local/bin:/usr/bin:/bin \
    LANG=C.UTF-8 bash -c "cd && $1"
}
as_anna 'command -v course && course --version'
as_anna 'source /usr/share/bash-completion/completions/course && complete -p course'
as_anna "$(declare -f fail build_a_course); build_a_course course"
chroot "$root" dpkg -r course >/dev/null
[ ! -e "$root/usr/bin/course" ] || fail "dpkg -r left /usr/bin/course"
echo "installed, used and removed cleanly"

step "the host's archive and shell installer (dist)"
dist build --artifacts=local --target "$host" >"$scratch/dist-local.log" 2>&1 \
  || { cat "$scratch/dist-local.log"; fail "dist build (archive) failed"; }
dist build --artifacts=global >"$scratch/dist-global.log" 2>&1 \
  || { cat "$scratch/dist-global.log"; fail "dist build (installers) failed"; }
distrib=$target_dir/distrib
archive=$distrib/course-$host.tar.xz
[ -f "$archive" ] || fail "dist made no $archive"
(cd "$distrib" && sha256sum --check "course-$host.tar.xz.sha256")
echo "archive contents:"
tar -tvJf "$archive"
tar -tJf "$archive" | grep -q "/LICENSE-Noto.txt$" || fail "the archive lacks the fonts' licences"

step "the archive, unpacked into a scratch folder"
mkdir -p "$scratch/archive" "$scratch/work-archive"
tar -xJf "$archive" -C "$scratch/archive"
(cd "$scratch/work-archive" && build_a_course "$scratch/archive/course-$host/course")

step "the shell installer, from a local web server, into a scratch HOME"
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$distrib" >"$scratch/server.log" 2>&1 &
server_pid=$!
port=
for _ in $(seq 300); do  # up to 30 s: python starts slowly on a busy machine
  port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$scratch/server.log" | head -n 1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || fail "the local web server did not start"
mkdir -p "$scratch/home"
env -i HOME="$scratch/home" PATH=/usr/bin:/bin SHELL=/bin/bash \
  INSTALLER_DOWNLOAD_URL="http://127.0.0.1:$port" sh "$distrib/course-installer.sh"
installed=$scratch/home/.local/bin/course
[ -x "$installed" ] || fail "the installer put no course in ~/.local/bin"
# A new login shell finds it: the installer added ~/.local/bin to PATH in the profile.
login_shell() { env -i HOME="$scratch/home" PATH=/usr/bin:/bin bash -l -c "$1"; }
[ "$(login_shell 'command -v course')" = "$installed" ] \
  || fail "a new login shell does not find the installed course on its PATH"
mkdir -p "$scratch/home/work"
login_shell "$(declare -f fail build_a_course); cd ~/work && course --version && build_a_course course"

step "contents of $(basename "$deb")"
dpkg -c "$deb"

step "sizes"
size() { awk -v what="$1" -v bytes="$(stat -c %s "$2")" -v path="$2" \
  'BEGIN { printf "%-44s %6.1f MB  %s\n", what, bytes / 1e6, path }'; }
size "program (dist profile: LTO, stripped)" "$program"
if [ -f "$target_dir/release/course" ]; then
  size "program (release profile, for comparison)" "$target_dir/release/course"
fi
size "archive ($host)" "$archive"
size ".deb" "$deb"
echo "installed size of the .deb: $(dpkg-deb --field "$deb" Installed-Size) KiB"
echo
echo "package-test: all packages installed and built a course"
