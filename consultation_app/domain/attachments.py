"""Attachments of a consultation (photos of flip charts and attendance sheets, scanned consent
forms, audio from a recorder): which kinds exist, what each may hold, how large, how a file
is recognised by its content (magic bytes, never its extension) and which names are refused.

Plain Python: no Qt, no storage, no files; the bytes are handed in.

Size limits, chosen to keep a field laptop usable (a 128-256 GB disk, copied whole by each
backup, every attachment also inside the encrypted database):
- an image 25 MB: a phone photo is 2-12 MB, a 200-megapixel one about 25;
- a document (a scanned PDF) 50 MB: about 100 pages scanned at 300 dpi;
- an audio file 300 MB: about 5 hours of MP3 at 128 kbit/s, or 30 minutes of WAV;
- a whole consultation 1 GB, so one meeting cannot fill the disk by itself.
Images larger than MAX_PIXELS are refused before they are decoded (a "decompression bomb": a
few kilobytes that unpack to gigabytes of pixels).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from consultation_app.errors import Said, said

KINDS = ("photo", "consent", "attendance", "audio", "other")
IMAGE, DOCUMENT, AUDIO = "image", "document", "audio"
MB = 1024 * 1024
MAX_BYTES = {IMAGE: 25 * MB, DOCUMENT: 50 * MB, AUDIO: 300 * MB}
MAX_CONSULTATION_BYTES = 1024 * MB
MAX_PIXELS = 200_000_000
MAX_NAME_LENGTH = 200
MAX_CAPTION_LENGTH = 2000
HEAD_BYTES = 64  # what ``sniff`` needs to see

# media type -> (family, extensions it may carry)
MEDIA: dict[str, tuple[str, tuple[str, ...]]] = {
    "image/jpeg": (IMAGE, (".jpg", ".jpeg", ".jpe")),
    "image/png": (IMAGE, (".png",)),
    "image/webp": (IMAGE, (".webp",)),
    "image/tiff": (IMAGE, (".tif", ".tiff")),
    "application/pdf": (DOCUMENT, (".pdf",)),
    "audio/mpeg": (AUDIO, (".mp3",)),
    "audio/wav": (AUDIO, (".wav",)),
    "audio/mp4": (AUDIO, (".m4a", ".mp4", ".aac")),
    "audio/ogg": (AUDIO, (".ogg", ".oga", ".opus")),
    "audio/flac": (AUDIO, (".flac",)),
    "audio/amr": (AUDIO, (".amr",)),
    "audio/x-ms-wma": (AUDIO, (".wma",)),
}
KIND_FAMILIES = {"photo": (IMAGE,), "attendance": (IMAGE, DOCUMENT), "consent": (IMAGE, DOCUMENT),
                 "audio": (AUDIO,), "other": (IMAGE, DOCUMENT, AUDIO)}
_FAMILY_WORDS = {IMAGE: "an image (JPEG, PNG, WebP, TIFF)", DOCUMENT: "a PDF document",
                 AUDIO: "an audio file (MP3, WAV, M4A, OGG, FLAC, AMR, WMA)"}


# Words put into a keyed message (errors.Said) carry keys too, so an interface in another
# language says them whole (ui/error_catalogue_files.py), never an English word inside.
def family_said(family: str, short: bool = False) -> Said:
    english = _FAMILY_WORDS[family].split(" (")[0] if short else _FAMILY_WORDS[family]
    return said(english, f"family_{family}_short" if short else f"family_{family}")


def families_said(families: tuple[str, ...]) -> Said:
    """"an image or a PDF document"... with its key."""
    parts = [family_said(family) for family in families]
    if len(parts) == 1:
        return parts[0]
    return said(" or ".join(parts), "families_two" if len(parts) == 2 else "families_three",
                **dict(zip(("first", "second", "third"), parts)))


def kind_said(kind: str) -> Said | str:
    """An attachment kind by its key ("photo"), keyed; an unknown one as it came (quoted)."""
    return said(kind, f"kind_{kind}") if kind in KINDS else repr(kind[:40])


class AttachmentError(ValueError):
    """A file refused as an attachment; the message says why, in one line."""


@dataclass(frozen=True)
class Attachment:
    uuid: str
    consultation_uuid: str
    kind: str
    file_name: str
    media_type: str
    size: int
    sha256: str
    caption: str = ""
    sensitive: bool = False

    @property
    def family(self) -> str:
        return MEDIA[self.media_type][0]


def sniff(head: bytes) -> str | None:
    """The media type the first bytes of a file announce, or None when they announce nothing
    this app keeps."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    if head.startswith(b"ID3") or (len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0
                                   and head[1] & 0x06 != 0):  # an MPEG audio frame (layer set)
        return "audio/mpeg"
    if head[4:8] == b"ftyp" and head[8:12] in (b"M4A ", b"M4B ", b"mp42", b"isom", b"mp41", b"3gp4", b"3gp5"):
        return "audio/mp4"
    if head.startswith(b"OggS"):
        return "audio/ogg"
    if head.startswith(b"fLaC"):
        return "audio/flac"
    if head.startswith(b"#!AMR"):
        return "audio/amr"
    if head.startswith(b"\x30\x26\xb2\x75\x8e\x66\xcf\x11"):
        return "audio/x-ms-wma"
    return None


def check_name(name: str) -> str:
    """A file name as kept and shown: no folder part, no control, format or direction
    characters (a right-to-left override can make "gpj.exe" read as "exe.jpg"), not empty,
    at most MAX_NAME_LENGTH characters. NFC-normalised."""
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp") for ch in name):
        raise AttachmentError(said("the file name holds a control or invisible character; rename the file",
                                   "attachment_name_control"))
    if "/" in name or "\\" in name or name.strip() in ("", ".", ".."):
        raise AttachmentError(said("the file name must be a plain name, without a folder", "attachment_name_folder"))
    name = unicodedata.normalize("NFC", name.strip())
    if len(name) > MAX_NAME_LENGTH:
        raise AttachmentError(said(f"the file name is {len(name)} characters long; the limit is {MAX_NAME_LENGTH}",
                                   "attachment_name_long", length=len(name), limit=MAX_NAME_LENGTH))
    return name


def check_caption(caption: str) -> str:
    caption = unicodedata.normalize("NFC", caption.strip())
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in caption):
        raise AttachmentError(said("the caption holds a control character", "attachment_caption_control"))
    if len(caption) > MAX_CAPTION_LENGTH:
        raise AttachmentError(said(f"the caption is {len(caption)} characters long; the limit is "
                                   f"{MAX_CAPTION_LENGTH}", "attachment_caption_long", length=len(caption),
                                   limit=MAX_CAPTION_LENGTH))
    return caption


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise AttachmentError(said(f"kind must be one of {', '.join(KINDS)}, not {kind[:40]!r}", "attachment_kind",
                                   allowed=[kind_said(known) for known in KINDS], found=repr(kind[:40])))
    return kind


def media_type_of(name: str, head: bytes, kind: str) -> str:
    """The file's media type from its content, checked against its kind and its extension:
    a file whose content is none of the kept types, or is of another type than its extension
    or kind says, is refused."""
    check_kind(kind)
    media_type = sniff(head)
    allowed = KIND_FAMILIES[kind]
    if media_type is None:
        families = families_said(allowed)
        raise AttachmentError(said(f"the content is not {families} (checked by its first bytes, whatever its name "
                                   f"says)", "attachment_content_unknown", families=families))
    family, extensions = MEDIA[media_type]
    if family not in allowed:
        raise AttachmentError(said(f"the content is {_FAMILY_WORDS[family]}, which a '{kind}' attachment cannot be",
                                   "attachment_content_kind", family=family_said(family), kind=kind_said(kind)))
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    known_elsewhere = any(suffix in other for _, other in MEDIA.values())
    if suffix not in extensions and (known_elsewhere or suffix in (".exe", ".bat", ".cmd", ".js", ".vbs", ".scr",
                                                                   ".lnk", ".html", ".htm", ".svg")):
        raise AttachmentError(said(f"the name ends in {suffix} but the content is {media_type}; a file whose name "
                                   f"and content disagree is refused", "attachment_name_content",
                                   suffix=suffix, media_type=media_type))
    return media_type


def check_size(size: int, media_type: str) -> None:
    family = MEDIA[media_type][0]
    if size > MAX_BYTES[family]:
        what = family_said(family, short=True)
        raise AttachmentError(said(f"{size:,} bytes is over the {MAX_BYTES[family] // MB} MB limit for {what}",
                                   "attachment_too_large", size=f"{size:,}", limit=MAX_BYTES[family] // MB,
                                   family=what))
    if size == 0:
        raise AttachmentError(said("the file is empty", "attachment_empty"))


def check_consultation_total(held: int, adding: int) -> None:
    if held + adding > MAX_CONSULTATION_BYTES:
        raise AttachmentError(said(f"this consultation already holds {held / MB:,.0f} MB of attachments; adding "
                                   f"{adding / MB:,.0f} MB would pass its {MAX_CONSULTATION_BYTES // MB} MB limit",
                                   "attachment_consultation_full", held=f"{held / MB:,.0f}",
                                   adding=f"{adding / MB:,.0f}", limit=MAX_CONSULTATION_BYTES // MB))


@dataclass(frozen=True)
class MetadataMerge:
    """What merging another installation's version of a held attachment does: ``wipe`` it, or
    set ``values`` (caption, kind, sensitive, revision, updated_at), or nothing (both None);
    ``diverged`` when two laptops changed it at the same revision (said in the merge's notes)."""
    wipe: bool = False
    values: dict | None = None
    diverged: bool = False


_EDITABLE = ("caption", "kind", "sensitive")


def merge_metadata(held: dict, incoming: dict) -> MetadataMerge:
    """The rule for one attachment changed on two laptops, the same whatever order the office
    merges them in:
    - a deletion wins, at any revision: it is a wipe, like a withdrawal, and nothing brings a
      wiped attachment's name or caption back;
    - otherwise the higher revision wins, as for records;
    - the same revision with different values (edited on both): caption and kind of the later
      change (``updated_at``, then the text itself, so the order of merging does not matter),
      and the stricter sensitivity: marked sensitive on either laptop, it stays sensitive."""
    if held["deleted"]:
        return MetadataMerge()
    if incoming["deleted"]:
        return MetadataMerge(wipe=True)
    if incoming["revision"] > held["revision"]:
        return MetadataMerge(values={**{key: incoming[key] for key in _EDITABLE}, "revision": incoming["revision"],
                                     "updated_at": incoming["updated_at"]})
    if incoming["revision"] < held["revision"] or all(
            bool(held[key]) == bool(incoming[key]) if key == "sensitive" else held[key] == incoming[key]
            for key in _EDITABLE):
        return MetadataMerge()
    later = max((held, incoming), key=lambda row: (str(row["updated_at"] or ""), str(row["caption"]),
                                                    str(row["kind"])))
    values = {"caption": later["caption"], "kind": later["kind"],
              "sensitive": bool(held["sensitive"]) or bool(incoming["sensitive"]),
              "revision": held["revision"], "updated_at": later["updated_at"]}
    if all(values[key] == held[key] for key in ("caption", "kind")) and values["sensitive"] == bool(held["sensitive"]):
        return MetadataMerge(diverged=True)
    return MetadataMerge(values=values, diverged=True)
