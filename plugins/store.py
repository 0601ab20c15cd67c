"""The one reuse mechanism: a content-addressed store of built files, `<root>/<2 hex>/<key>`.

A file's key is a hash of everything its bytes are made from (`page_key`, `frame_key`, and
`parindex.site.charts.key` for a chart), so an entry never goes stale: equal key, equal bytes.
Reusing an entry is a hard link from the store into the output (nothing rendered, nothing
copied); a newly written output file is linked into the store the same way. Where links are not
possible (another file system) files are copied instead, through a temporary file and a rename
so that no reader ever sees half a file. Entries are never changed in place, and nothing writes
into an output file after it was linked (the build writes each file once, as a new file).

The store also keeps the validated tables and results of the data as last read (`remember`, a
pickle under a key of the data files and the code), and the list of files of each page made
from part of the data (`put`, `recall`: `pages.Entry`): in no output, kept while builds use
them.

Pruning (`prune`, after a successful build): an entry is removed when no output links to it any
more (link count 1) and the build did not use it. Several outputs can share one store (the
preview, a publishing build, tests): an entry one of them still holds stays; entries only the
replaced output held go with it.
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import pandas as pd

T = TypeVar("T")


def out_path(root: Path, rel: str, new_folder: bool = True) -> Path:
    """Where the URL-style path `rel` ("chi-so/2023/", "du-lieu/2023/ket-qua.csv") goes under
    `root`; its folder (or itself, for a folder) made unless it is known to exist."""
    path = root.joinpath(*rel.split("/"))
    if new_folder:
        (path if rel.endswith("/") else path.parent).mkdir(parents=True, exist_ok=True)
    return path


def digest(*parts: bytes | str) -> str:
    """sha256 of `parts`, each length-prefixed so that no two lists of parts collide."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little") + data)
    return h.hexdigest()


def page_key(site_key: str, relative: bool, model: bytes) -> str:
    """A data page's HTML is made from its model (`model_key`: equal models, equal keys),
    whether its URLs are relative, and what the build reads besides the data (`site_key`)."""
    return digest(site_key, str(relative), model)


def model_key(model: object) -> bytes:
    """A hash of `model_bytes`, for every file made from one model (a profile's pickle is
    50 KB: hashed once, not once per file)."""
    return hashlib.sha256(model_bytes(model)).digest()


def model_bytes(model: object) -> bytes:
    """`model` pickled without pickle's memo: the bytes of equal models are equal whichever of
    their strings happen to be one object (a memo writes the second reference to an object as a
    back-reference, so a page built after another one that shared a string got another key, and
    was rendered again for nothing). Models are trees: no object refers to itself."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo
    pickler.dump(model)
    return out.getvalue()


def frame_key(site_key: str, df: pd.DataFrame, meta: dict[str, object]) -> str:
    """A download is made from its table (columns, types, values), its meta and the code."""
    head = json.dumps([list(map(str, df.columns)), list(map(str, df.dtypes)), meta],
                      ensure_ascii=False, default=str)
    values = pd.util.hash_pandas_object(df, index=False).to_numpy().tobytes()
    return digest(site_key, head, values)


class Store:
    """The store at `root`. Methods never raise for a missing or unlinkable entry: the caller
    renders the file instead."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, key: str) -> Path:
        return self.root / key[:2] / key

    def take(self, key: str, dest: Path) -> bool:
        """Put the entry `key` at `dest` (a hard link, else a copy); False if there is none."""
        try:
            os.link(self.path(key), dest)
            return True
        except FileNotFoundError:
            return False
        except FileExistsError:
            raise
        except OSError:  # another file system, a link limit …
            try:
                _copy(self.path(key), dest)
                return True
            except OSError:
                return False

    def keep(self, key: str, src: Path) -> None:
        """Add the finished file `src` as the entry `key` (a hard link, else an atomic copy);
        an entry already there is left as it is (it has the same bytes)."""
        entry = self.path(key)
        for attempt in (1, 2):
            try:
                os.link(src, entry)
            except FileExistsError:
                pass
            except FileNotFoundError:
                if attempt == 1 and src.exists():  # the entry's folder is new: make it
                    entry.parent.mkdir(parents=True, exist_ok=True)
                    continue
                raise
            except OSError as exc:
                if exc.errno not in (errno.EXDEV, errno.EMLINK, errno.EPERM, errno.ENOTSUP):
                    raise
                _copy(src, entry)
            return

    def remember(self, key: str, make: Callable[[], T]) -> T:
        """The value kept as the entry `key` (pickled), or `make()`'s, kept there: a build
        reads its validated tables once per change of the data, not once per build."""
        kept = self.recall(key)
        if kept is not None:
            return cast(T, kept)
        value = make()
        self.put(key, value)
        return value

    def has(self, key: str) -> bool:
        """Whether there is an entry `key`."""
        return self.path(key).exists()

    def recall(self, key: str) -> Any:
        """The value kept as the entry `key` (`put`), or None."""
        try:
            with self.path(key).open("rb") as f:
                return pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def put(self, key: str, value: object) -> None:
        """Keep `value` (pickled) as the entry `key`."""
        entry = self.path(key)
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, entry)

    def prune(self, used: set[str]) -> int:
        """Remove the entries that no output links to and that `used` does not name; how many.
        """
        removed = 0
        for folder in (self.root.iterdir() if self.root.is_dir() else []):
            for entry in os.scandir(folder) if folder.is_dir() else []:
                try:
                    if entry.name not in used and entry.stat().st_nlink == 1:
                        os.unlink(entry.path)
                        removed += 1
                except FileNotFoundError:  # another build pruned it first
                    pass
        return removed


def _copy(src: Path, dest: Path) -> None:
    """Copy `src` to `dest` through a temporary file and a rename."""
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    shutil.copyfile(src, tmp)
    os.replace(tmp, dest)
