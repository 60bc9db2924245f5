#!/usr/bin/env bash
# Builds the chaos suite's container image from the project's own runnable jar, without any registry:
# a jlink'd Java runtime plus a static busybox, imported as a base image, then the jar on top.
# Usage: build-image.sh <jar> <image:tag> <base-image:tag> [name of the jar in the image, default hearsay.jar]
# Either image is built only when missing, so an unchanged jar costs nothing.
set -euo pipefail

jar="$1"
image="$2"
base="$3"
name="${4:-hearsay.jar}"
# What the CLI needs at run time: Netty (jdk.unsupported), JMX metrics, logging, the registry's HTTP
# client, and the JDK's EC provider for the TLS fallback. Listed, because jdeps sees only java.base in a
# shaded jar.
modules=java.base,java.logging,java.management,java.naming,java.net.http,java.xml,java.sql,jdk.crypto.ec,jdk.unsupported,jdk.management

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! docker image inspect "$base" >/dev/null 2>&1; then
  root="$work/rootfs"
  mkdir -p "$root/bin" "$root/tmp" "$root/data" "$root/opt/hearsay"
  chmod 1777 "$root/tmp"
  jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 --output "$root/opt/java"
  # The shared libraries the runtime and netty-tcnative's BoringSSL library load, with their loader.
  for lib in $(ldd "$root/opt/java/bin/java" "$root/opt/java/lib/libjava.so" "$root/opt/java/lib/libnet.so" "$root/opt/java/lib/server/libjvm.so" \
      | awk '/=>/ {print $3} /ld-linux/ {print $1}' | sort -u) \
      /lib/x86_64-linux-gnu/libdl.so.2 /lib/x86_64-linux-gnu/libpthread.so.2 /lib/x86_64-linux-gnu/librt.so.1 \
      /lib/x86_64-linux-gnu/libm.so.6; do
    [ -e "$lib" ] || continue
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
  if [ -e /lib64/ld-linux-x86-64.so.2 ]; then
    mkdir -p "$root/lib64"
    cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
  fi
  # A static busybox for a shell and the usual tools.
  (cd "$work" && { apt-get download busybox-static >/dev/null 2>&1 \
      || { apt-get update -qq && apt-get download busybox-static >/dev/null; }; })
  dpkg -x "$work"/busybox-static_*.deb "$work/busybox"
  cp "$work/busybox/bin/busybox" "$root/bin/busybox"
  for applet in $("$root/bin/busybox" --list); do
    [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
  done
  tar -C "$root" -c . | docker import -c 'ENV PATH=/opt/java/bin:/bin' -c 'WORKDIR /data' - "$base" >/dev/null
fi

if ! docker image inspect "$image" >/dev/null 2>&1; then
  cp "$jar" "$work/$name"
  printf 'FROM %s\nCOPY %s /opt/hearsay/%s\nLABEL dev.hearsay.image=%s\n' "$base" "$name" "$name" "$image" > "$work/Dockerfile"
  DOCKER_BUILDKIT=0 docker build -q -t "$image" "$work" >/dev/null 2>&1 || DOCKER_BUILDKIT=0 docker build -t "$image" "$work"
fi
echo "$image"
