"""Shared by the prefix-cache trainer's modules: the refusal exception, the format version, file hashing
and atomic writes."""

import hashlib
import os

FORMAT = 1


class Refused(Exception):
    """A setting the trainer cannot reproduce exactly; printed as `prefix-cache: refused: ...`, exit 2."""


def sha256_file(path, chunk=1 << 20):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            block = f.read(chunk)
            if not block:
                return h.hexdigest()
            h.update(block)


def write_atomic(path, data):
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
