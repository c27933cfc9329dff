"""Gives the functions the main module imports from wasm-bindgen's JS their names without wasm-bindgen's
hash, in the wasm and in the JS alike: `__wbg_addEventListener_f2d27251d333a631` becomes
`addEventListener` (a second import of that name `addEventListener2`). The 300-odd imports' hashes are
16 hex digits each, in the wasm's import section and again in the JS's import object, where nothing
compresses them: 5.7 KB as sent (Brotli 11) before the login form (docs/performance.md, "The optimiser
and the compressor"). Run by scripts/wasm-split/wasm-bindgen after the real wasm-bindgen, on what it
wrote, before Trunk's wasm-opt (which keeps import names) and before Trunk copies them into the build.
Usage: import-names.py WASM JS (wasm-bindgen's <out-name>_bg.wasm and <out-name>.js, rewritten in place).

The JS's import object is `const import0 = { __proto__: null, <name>: function(…) {…}, … }` (wasm-bindgen
0.2.130, `--target web`), each key at the start of a line indented by eight spaces; a key found other
than once there, or its old name still in the JS after it, stops the build rather than leaving a module
whose import the JS does not provide.
"""

import re
import sys

from wasm_binary import imports, with_import_names

# The JS module wasm-bindgen's glue stands for in the wasm's imports.
GLUE = re.compile(rb"\./.*_bg\.js")
HASH = re.compile(r"_[0-9a-f]{16}$")


def readable(field):
    """The import's name without wasm-bindgen's prefix and hash."""
    return HASH.sub("", field.removeprefix("__wbg_"))


def main(wasm_path, js_path):
    data = open(wasm_path, "rb").read()
    js = open(js_path).read()
    names, taken = {}, set()
    for module_name, field, _, _ in imports(data):
        if not GLUE.fullmatch(module_name):
            continue
        old = field.decode()
        base = readable(old)
        new, count = base, 1
        while new in taken:
            count += 1
            new = f"{base}{count}"
        taken.add(new)
        if new == old:  # no hash (`__wbindgen_init_externref_table`): nothing to rename
            continue
        names[module_name, field] = new.encode()
        js, found = re.subn(rf"^( {{8}}){re.escape(old)}:", rf"\g<1>{new}:", js, flags=re.M)
        if found != 1 or re.search(rf"\b{re.escape(old)}\b", js):
            sys.exit(f"import-names.py: the import {old} is not one key of {js_path}'s import object")
    renamed = with_import_names(
        data, lambda module_name, field: (module_name, names.get((module_name, field), field))
    )
    open(wasm_path, "wb").write(renamed)
    open(js_path, "w").write(js)


if __name__ == "__main__":
    main(*sys.argv[1:])
