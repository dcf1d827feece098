#!/usr/bin/env bash
# Builds the base images of the container images without a Docker daemon or a registry: a Java
# runtime made with jlink from a local JDK, the shared libraries it needs copied from this machine,
# a non-root user (uid 10001) and /data. Writes two docker-archive tarballs (one layer each), one
# per program, that differ only in their HEALTHCHECK (Jib keeps the base image's health check):
#   OUT/bitmsg-base-node.tar, OUT/bitmsg-base-pow-service.tar
# Usage: base-image.sh OUT_DIR VERSION. BM_IMAGE_JDK picks the JDK (default: the newest JDK 17+
# under /usr/lib/jvm whose jlink can link, e.g. Temurin 25 from its run-time image or an OpenJDK
# with its jmods).
set -euo pipefail
out="${1:?usage: base-image.sh OUT_DIR VERSION}"; version="${2:?usage: base-image.sh OUT_DIR VERSION}"
die() { echo "base-image: $*" >&2; exit 1; }

modules=java.base,java.logging,java.management,java.naming,java.net.http,java.security.jgss
modules+=,java.security.sasl,java.sql,java.xml,java.desktop,jdk.crypto.ec,jdk.httpserver
modules+=,jdk.incubator.vector,jdk.management,jdk.unsupported,jdk.naming.dns,jdk.zipfs

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -1 | cut -d. -f1; }

rm -rf "$out"; mkdir -p "$out"
rootfs="$out/rootfs"; mkdir -p "$rootfs"
linked=""
candidates=()
if [[ -n "${BM_IMAGE_JDK:-}" ]]; then candidates=("$BM_IMAGE_JDK")
else
  while IFS= read -r j; do candidates+=("$j"); done < <(
    for j in /usr/lib/jvm/*/; do j="${j%/}"; [[ -x "$j/bin/jlink" && ! -L "$j" ]] || continue
      v=$(java_major "$j"); [[ "$v" =~ ^[0-9]+$ ]] && (( v >= 17 )) && echo "$v $j"; done | sort -rn | cut -d' ' -f2-)
fi
for jdk in "${candidates[@]}"; do
  v=$(java_major "$jdk")
  if (( v >= 21 )); then compress=zip-6; else compress=2; fi
  if "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
      --compress="$compress" --output "$rootfs/opt/java" >"$out/jlink.log" 2>&1; then
    linked="$jdk"; break
  fi
  rm -rf "$rootfs/opt/java"
done
[[ -n "$linked" ]] || die "no JDK 17+ with a working jlink (install openjdk-17-jdk-headless and openjdk-17-jmods, or set BM_IMAGE_JDK): $(cat "$out/jlink.log" 2>/dev/null | head -3)"
echo "base-image: Java runtime linked from $linked ($(java_major "$linked"))" >&2

# Every shared library the runtime loads, from this machine, at the same paths; plus libgcc_s,
# which glibc loads by itself when a thread is cancelled.
libs=$( { find "$rootfs/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null || true; } \
  | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (0x.*/\1/p' | sort -u)
for extra in /lib/x86_64-linux-gnu/libgcc_s.so.1 /usr/lib/x86_64-linux-gnu/libgcc_s.so.1; do
  [[ -f "$extra" ]] && libs+=$'\n'"$extra"
done
for lib in $libs; do
  mkdir -p "$rootfs$(dirname "$lib")"
  cp -L "$lib" "$rootfs$lib"
done
# Debian's merged /usr: /lib and /lib64 are links into /usr.
for d in lib lib64; do
  if [[ -L "/$d" && -d "$rootfs/usr/$d" ]]; then cp -a "$rootfs/$d/." "$rootfs/usr/$d/" 2>/dev/null || true; rm -rf "${rootfs:?}/$d"; ln -s "usr/$d" "$rootfs/$d"; fi
done
mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/data" "$rootfs/usr/bin"
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nbitmsg:x:10001:10001:bitmsg:/data:/usr/sbin/nologin\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\nbitmsg:x:10001:\n' > "$rootfs/etc/group"
printf 'hosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
ln -s /opt/java/bin/java "$rootfs/usr/bin/java"
chmod 1777 "$rootfs/tmp"; chmod 0700 "$rootfs/data"

# One reproducible layer: everything root-owned except /data (the non-root user's volume).
layer="$out/layer.tar"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --exclude=./data -cf "$layer" -C "$rootfs" .
tar --mtime=@0 --owner=10001 --group=10001 --numeric-owner -rf "$layer" -C "$rootfs" ./data
diff_id="sha256:$(sha256sum "$layer" | cut -d' ' -f1)"

write_image() { # name health-json
  local name="$1" health="$2" dir="$out/$1"
  mkdir -p "$dir"; ln "$layer" "$dir/layer.tar"
  cat > "$dir/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"10001:10001","WorkingDir":"/data","Volumes":{"/data":{}},
  "Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","BM_DATA=/data"],
  "Healthcheck":$health},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"bitmsg base-image.sh: jlink runtime from $(basename "$linked"), libraries, user bitmsg"}]}
JSON
  printf '[{"Config":"config.json","RepoTags":["localhost/%s:%s"],"Layers":["layer.tar"]}]\n' "$name" "$version" > "$dir/manifest.json"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$out/$name.tar" -C "$dir" manifest.json config.json layer.tar
  rm -rf "$dir"
}
# Interval/timeout/start period in nanoseconds. The PoW service only turns SERVING after its engine
# self-test (up to minutes on a busy machine): a long start period.
hc='{"Interval":30000000000,"Timeout":20000000000,"StartPeriod":300000000000,"Retries":3,"Test":["CMD","/opt/java/bin/java","-cp","/opt/bitmsg/%s/*:/opt/bitmsg/%s/lib/*","%s"%s]}'
# shellcheck disable=SC2059
write_image bitmsg-base-node "$(printf "$hc" node node dev.bitmsg.node.app.NodeMain ',"health","--data","/data"')"
# shellcheck disable=SC2059
write_image bitmsg-base-pow-service "$(printf "$hc" pow-service pow-service dev.bitmsg.pow.cli.PowMain ',"pow","health","--server","127.0.0.1:8446"')"
rm -rf "$rootfs" "$layer"
ls -l "$out"/*.tar >&2
