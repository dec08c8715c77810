# Sourced by the other scripts: the project's tools first on PATH.
# node_modules/.bin brings wasm-opt 132 (npm binaryen), ahead of any Debian binaryen
# (version 108, which silently breaks release builds).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
