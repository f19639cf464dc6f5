"""An opened .qdpx: its members looked up case-insensitively and read into memory only, and
a source's plain text as the exporter stored it."""
from __future__ import annotations

import zipfile
from xml.etree.ElementTree import Element

from sto_qual.domain.errors import ImportRefused
from sto_qual.domain.text import normalise
from sto_qual.importers import limits
from sto_qual.importers.decode import decode
from sto_qual.importers.refi_xml import xml_child


class Archive:
    """Members of an opened .qdpx, looked up case-insensitively, read only into memory."""

    def __init__(self, zf: zipfile.ZipFile, file: str) -> None:
        self.zf = zf
        self.file = file
        self.names = {i.filename.replace("\\", "/").lower(): i for i in zf.infolist() if not i.is_dir()}
        qde = [n for n in self.names if n.rsplit("/", 1)[-1] == "project.qde" and n.count("/") <= 1]
        if not qde:
            raise ImportRefused("not a REFI-QDA project: project.qde is missing", file=file,
                                hint="export the project from the other tool as .qdpx")
        self.qde = min(qde, key=lambda n: n.count("/"))
        self.base = self.qde[: -len("project.qde")]

    def read(self, name: str) -> bytes:
        try:
            return self.zf.read(self.names[name])
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError) as exc:
            raise ImportRefused(f"cannot read {name} from the project file ({exc})", file=self.file) from None

    def internal(self, ref: str) -> str | None:
        """The member an ``internal://`` reference points to, or None."""
        rel = ref[len("internal://"):].replace("\\", "/").lstrip("/")
        if not rel or any(p in ("", ".", "..") for p in rel.split("/")):
            return None
        for cand in (f"{self.base}sources/{rel}", f"{self.base}{rel}"):
            if cand.lower() in self.names:
                return cand.lower()
        return None


def source_text(ar: Archive, src: Element, name: str, file: str, warnings: list[str]) -> str | None:
    """The source's plain text as the exporter stored it (BOM removed), or None to skip it."""
    content = xml_child(src, "PlainTextContent")
    ptp = (src.get("plainTextPath") or "").strip()
    if content is not None and content.text:
        raw = content.text
    elif ptp.startswith("internal://"):
        member = ar.internal(ptp)
        if member is None:
            raise ImportRefused(f"source '{name}': {ptp} is not in the project file", file=file,
                                hint="the .qdpx is incomplete; export it again")
        data = ar.read(member)
        if not data.strip():
            warnings.append(f"source '{name}' is empty; skipped")
            return None
        if len(data) > limits.MAX_TEXT_BYTES:
            raise ImportRefused(f"source '{name}' is over the {limits.MAX_TEXT_BYTES // 2**20} MB limit", file=file)
        raw = decode(data, f"{file}:{member}")
    elif ptp:
        # ("(/etc/passwd://)" of a bare path): the scheme, or the path itself, cut
        where = ptp.split("://")[0] + "://" if "://" in ptp else ptp[:60]
        warnings.append(f"source '{name}' points outside the project file ({where}); skipped")
        return None
    elif src.get("richTextPath"):
        warnings.append(f"source '{name}' has only a rich-text file and no plain text; skipped")
        return None
    else:
        warnings.append(f"source '{name}' has no text; skipped")
        return None
    raw = raw.lstrip("\ufeff") if raw.startswith("\ufeff") else raw
    if not normalise(raw):
        warnings.append(f"source '{name}' is empty; skipped")
        return None
    return raw
