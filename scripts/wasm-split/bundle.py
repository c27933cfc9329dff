"""Merges the modules the doctor's filing path loads into one file per group (BUNDLED in loads.py), so that
a phone fetches and decompresses two files instead of 44: wasm-split-cli makes one chunk per set of
groups that reach a function, each compressed alone, and most of them are a few hundred bytes shared by
several groups. Run by scripts/wasm-split/stage.sh on the split's modules before wasm-opt.
Usage: bundle.py SPLIT_DIR LOADER WASM_MERGE FLAG…: SPLIT_DIR holds the modules (each group's
split_<group>.wasm and the chunk_<n>.wasm), LOADER is __wasm_split.js naming them "./<name>.wasm".

Each bundle is what one group loads that no earlier bundle holds: first `sync`, then `filing`'s other
modules. The modules are merged by
binaryen's wasm-merge: every split module imports the same memory, function table and globals from
"__wasm_split" and exports nothing (they place their functions in the table and their data at fixed
addresses with active segments), so a module that re-exports those imports stands first, the others
import them from it, and the merged module imports them once. In the loader, each merged chunk's loader
becomes the bundle's and each merged group fetches the bundle instead of its own module, so that a
bundle is instantiated once, whichever group asks first; a group outside the bundles (a health center's)
that needs one of its chunks loads the whole bundle, which the service worker precaches on every device
anyway (pwa-assets/sw.js).
"""

import os
import re
import subprocess
import sys
import tempfile

from loads import BUNDLED, loads, modules
from wasm_binary import imports, module, sections, uleb, with_import_names, without_data_segment_names


def with_imports_from(data, source):
    """The module with every import from "__wasm_split" taken from `source` instead."""
    return with_import_names(
        data, lambda module_name, field: (source if module_name == b"__wasm_split" else module_name, field)
    )


def hub(members):
    """A module that imports what the members import and exports it under the same names."""
    entries = {}
    for data in members:
        for module_name, field, kind, entry in imports(data):
            if module_name != b"__wasm_split" or entries.setdefault(field, (kind, entry)) != (kind, entry):
                sys.exit(f"bundle.py: {module_name!r} {field!r} is not a shared import all modules agree on")
    counts, exports = {}, []
    for field, (kind, _) in entries.items():
        exports.append(uleb(len(field)) + field + bytes([kind]) + uleb(counts.get(kind, 0)))
        counts[kind] = counts.get(kind, 0) + 1
    import_section = uleb(len(entries)) + b"".join(entry for _, entry in entries.values())
    return module([(2, import_section), (7, uleb(len(exports)) + b"".join(exports))])


def merge(paths, out, wasm_merge, flags):
    """Merges the modules into `out`: imports once, no exports (the hub's are dropped), the data
    segments unnamed."""
    members = [open(path, "rb").read() for path in paths]
    with tempfile.TemporaryDirectory() as scratch:
        hub_path = os.path.join(scratch, "hub.wasm")
        open(hub_path, "wb").write(hub(members))
        args = [hub_path, "hub"]
        for index, data in enumerate(members):
            path = os.path.join(scratch, f"{index}.wasm")
            open(path, "wb").write(with_imports_from(without_data_segment_names(data), b"hub"))
            args += [path, f"m{index}"]
        merged = os.path.join(scratch, "merged.wasm")
        subprocess.run([wasm_merge, *flags, "--enable-multimemory", *args, "-o", merged], check=True)
        data = open(merged, "rb").read()
    open(out, "wb").write(module([(id, body) for id, body in sections(data) if id != 7]))


def rewrite(text, bundle, members):
    """The loader with the bundle's loader, and the merged modules' loaders made to load it."""
    url = f"./{bundle}.wasm"
    own = f"__{bundle}"
    for loader_name, (path, _) in loads(text).items():
        if path not in members:
            continue
        definition = re.compile(r"(?:export )?const " + loader_name + r" = .*?\n, \[[^\]]*\]\)+;", re.S)
        found = definition.search(text)
        if loader_name.startswith("__wasm_split_load_"):
            # The group's own module is in the bundle: it loads the bundle, then what it loaded before.
            deps = re.search(r"\n, \[([^\]]*)\]", found.group(0)).group(1)
            replacement = (
                f"export const {loader_name} = wrapAsyncCb(makeLoad(() => async () => {own}()\n, [{deps}]));"
            )
        else:
            replacement = f"const {loader_name} = {own};"
        text = text[: found.start()] + replacement + text[found.end() :]
    # Before the first loader (a chunk's, after its comment, or a group's): the others refer to it.
    first = re.search(r"^(?:/\* [^*]+ \*/\n)?(?:export )?const __", text, re.M).start()
    loader = (
        f"/* {bundle}: {len(members)} modules merged (scripts/wasm-split/bundle.py) */\n"
        f"const {own} = makeLoad(() => {{\n"
        f'    const src = fetch(new URL("{url}", import.meta.url));\n'
        "    src.catch(() => {});\n"
        "    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n"
        "}\n, []);\n"
    )
    return text[:first] + loader + text[first:]


def main(split, loader, wasm_merge, *flags):
    text = open(loader).read()
    table = loads(text)
    bundled = set()
    for group in BUNDLED:
        bundle = f"bundle_{group}"
        members = [path for path in modules(table, [group], loader) if path not in bundled]
        bundled.update(members + [f"/{bundle}.wasm"])
        paths = [os.path.join(split, path.lstrip("/")) for path in members]
        merge(paths, os.path.join(split, f"{bundle}.wasm"), wasm_merge, flags)
        for path in paths:
            os.remove(path)
        text = rewrite(text, bundle, set(members))
        table = loads(text)
    open(loader, "w").write(text)


if __name__ == "__main__":
    main(*sys.argv[1:])
