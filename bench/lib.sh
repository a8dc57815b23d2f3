# Helpers the bench scripts share; sourced, not run.
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
now() { date +%s.%N; }
# cpu_ticks PID: "user,system" CPU clock ticks the process has used so far, read by bash itself:
# these readings sit between timed steps, and starting python3 for one took 0.3 s on the build
# machine (three of them were counted in every "download" time until the eighth session).
cpu_ticks() { local s; read -r s < "/proc/$1/stat"; s=${s##*) }; local f=($s); echo "${f[11]},${f[12]}"; }
secs() { python3 -c "print(f'{$2-$1:.2f}')"; }
# triggers_config HOME REALTIME: a FERRY_HOME whose automatic triggers are off, but for the
# real-time one when REALTIME is true: only the bench's own `ferry sync` calls move data.
triggers_config() {
  mkdir -p "$1"
  printf '[triggers.startup]\nenabled = false\n[triggers.periodic]\nenabled = false\n[triggers.watch]\nenabled = false\n[triggers.realtime]\nenabled = %s\n' "$2" > "$1/config.toml"
  if [ -n "${BATCH_SIZE:-}" ]; then printf '[performance]\nbatch_size = %s\n' "$BATCH_SIZE" >> "$1/config.toml"; fi
}
# make_tree DIR: the sync bench's tree, 10,000 x 1 KiB files in 100 directories plus 20 x 5 MiB
# (random bytes, so nothing compresses).
make_tree() { python3 - "$1" <<'PY'
import os, sys
root = sys.argv[1]
for d in range(100):
    os.makedirs(f"{root}/d{d:03}", exist_ok=True)
    for i in range(100):
        with open(f"{root}/d{d:03}/f{i:03}.txt", "wb") as f: f.write(os.urandom(1024))
os.makedirs(f"{root}/big", exist_ok=True)
for i in range(20):
    with open(f"{root}/big/b{i:02}.bin", "wb") as f: f.write(os.urandom(5 * 1024 * 1024))
PY
}
