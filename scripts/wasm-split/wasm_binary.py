"""The parts of the WebAssembly binary format that scripts/wasm-split/bundle.py and import-names.py
read and write: LEB128 numbers, sections, the import section's entries."""

import sys


def leb(data, at):
    """An unsigned LEB128 at `at`: (value, where it ends)."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def uleb(value):
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def sections(data):
    """The module's sections: (id, body)."""
    at = 8
    while at < len(data):
        size, start = leb(data, at + 1)
        yield data[at], data[start : start + size]
        at = start + size


def module(parts):
    """A module of the given sections, (id, body) each."""
    return b"\0asm\1\0\0\0" + b"".join(bytes([id]) + uleb(len(body)) + body for id, body in parts)


def without_data_segment_names(data):
    """The module without the data segments' names (the name section's subsection 9): wasm-merge refuses
    to merge two modules whose segments share a name (a debug build's `.rodata_3` in several)."""
    parts = []
    for id, body in sections(data):
        name, at = read_name(body, 0) if id == 0 else (None, 0)
        if name == b"name":
            kept = body[:at]
            while at < len(body):
                size, start = leb(body, at + 1)
                if body[at] != 9:
                    kept += body[at : start + size]
                at = start + size
            body = kept
        parts.append((id, body))
    return module(parts)


def read_name(data, at):
    size, at = leb(data, at)
    return data[at : at + size], at + size


def limits(data, at):
    flags = data[at]
    _, at = leb(data, at + 1)
    if flags & 1:
        _, at = leb(data, at)
    return at


def imports(data):
    """The import section's entries: (module, field, kind, the entry's bytes)."""
    for id, body in sections(data):
        if id != 2:
            continue
        count, at = leb(body, 0)
        for _ in range(count):
            start = at
            module_name, at = read_name(body, at)
            field, at = read_name(body, at)
            kind = body[at]
            at += 1
            if kind == 0:  # function: a type index
                _, at = leb(body, at)
            elif kind == 1:  # table: a reference type and limits
                at = limits(body, at + 1)
            elif kind == 2:  # memory: limits
                at = limits(body, at)
            elif kind == 3:  # global: a value type and mutability
                at += 2
            else:
                sys.exit(f"wasm_binary.py: an import of kind {kind} (a tag?), which these modules do not have")
            yield module_name, field, kind, body[start:at]


def with_import_names(data, rename):
    """The module with each import's module and field names replaced by `rename(module, field)`."""
    entries = list(imports(data))
    body = uleb(len(entries))
    for module_name, field, _, entry in entries:
        rest = entry[len(uleb(len(module_name))) + len(module_name) + len(uleb(len(field))) + len(field) :]
        module_name, field = rename(module_name, field)
        body += uleb(len(module_name)) + module_name + uleb(len(field)) + field + rest
    return module([(id, body if id == 2 else part) for id, part in sections(data)])
