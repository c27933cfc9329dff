"""The lazily loaded modules a group of screens (app/src/lazy.rs) loads: its own and the shared chunks
it loads with it, as the split's loader fetches them. Usage: loads.py __WASM_SPLIT_JS GROUP...; prints
one path a line (/lazy/…), each group's module before its chunks, each path once, in the order of
the groups named. Used by scripts/sw-precache.sh (the service worker's lists) and
scripts/wasm-sizes.sh (the sizes as sent).

The loader (__wasm_split.js, after scripts/wasm-split/stage.sh put the hashed names in) reads
`export const __wasm_split_load_filing = wrapAsyncCb(makeLoad(() => { … fetch(new URL("./lazy/…",
…)) … }, [__chunk_7, …]))`, each chunk `const __chunk_7 = makeLoad(() => { … fetch(new URL(
"./lazy/…", …)) … }, [])`.
"""

import re
import sys


def loads(text):
    """Each loader's name: (its module's path, the names of the chunk loaders it loads first)."""
    starts = list(re.finditer(r"^(?:export )?const (\w+) = (?:wrapAsyncCb\()?makeLoad\(", text, re.M))
    table = {}
    for here, after in zip(starts, starts[1:] + [None]):
        body = text[here.end() : after.start() if after else len(text)]
        url = re.search(r'new URL\("\./([^"]+)"', body).group(1)
        deps = re.findall(r"\w+", re.search(r"\n, \[([^\]]*)\]", body).group(1))
        table[here.group(1)] = ("/" + url, deps)
    return table


def main(loader, groups):
    table = loads(open(loader).read())
    seen = []
    for group in groups:
        name = "__wasm_split_load_" + group
        if name not in table:
            sys.exit(f"loads.py: no loader of the group {group} in {loader}")
        url, deps = table[name]
        for path in [url] + [table[dep][0] for dep in deps]:
            if path not in seen:
                seen.append(path)
    print("\n".join(seen))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
