# pyright: strict
"""What a file sent with a message must be, judged by its content, never by its name.

- A photo (JPEG, PNG or WebP by its first bytes) is decoded in full with Pillow and drawn again
  from its pixels alone: EXIF (GPS location included), XMP, comments and any other metadata are
  left behind, the EXIF orientation is applied first, and the longest side is at most 2,048 px.
  A JPEG carrying a script in its comment is therefore re-encoded, not refused: the comment does
  not survive. A truncated or otherwise undecodable image is refused.
- A PDF is kept byte for byte when it has no active content. One with JavaScript, an automatic
  action (OpenAction, AA), a Launch action, embedded files, or other interactive parts (XFA
  forms, RichMedia, SubmitForm, ImportData) is refused, not re-rendered; so is an encrypted or
  unreadable one.
- Anything else (an .exe renamed .jpg, a video) is refused, and so is a file over 10 MB.

Every refusal is a `ServiceError` whose code is an i18n key (familywork_app/i18n/attachment_texts).
"""

import hashlib
import io
import re
from dataclasses import dataclass
from typing import cast

from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

from familywork_app.domain import FileKind
from familywork_app.services import ServiceError

MAX_BYTES = 10 * 1024 * 1024  # a file
MAX_FILES = 5  # a message
LONGEST_SIDE = 2048
THUMB_SIDE = 320
MAX_PIXELS = 50_000_000  # decoded size a phone camera never reaches; a "decompression bomb" does
JPEG_QUALITY = 85
NAME_MAX = 100
FIELD = "files"

# The first bytes of each accepted kind (the format Pillow may open it as, or PDF).
_IMAGE_MAGIC = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
)
_PDF_MAGIC = b"%PDF-"
# PDF names that make a document act on its own (pypdf gives them decoded: /J#61vaScript too).
ACTIVE_PDF_NAMES = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/OpenAction",
        "/AA",
        "/Launch",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/RichMedia",
        "/XFA",
        "/SubmitForm",
        "/ImportData",
        "/GoToE",
    }
)
# The same names in the raw bytes, followed by a PDF delimiter (a last tripwire for objects
# that no reference reaches).
_RAW_ACTIVE = re.compile(
    rb"/(JavaScript|JS|OpenAction|AA|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData)"
    rb"[\s/<>\[\]()%]"
)
_UNSAFE_NAME = re.compile(r"[^\w .,()+-]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class CleanFile:
    """A file that passed the checks, ready to store."""

    kind: FileKind
    media_type: str
    name: str  # shown and offered as the download name; its extension matches the content
    data: bytes
    thumbnail: bytes | None  # a small JPEG of an image, None for a PDF
    sha256: str


def refuse(code: str) -> ServiceError:
    """A refusal shown next to the file field."""
    return ServiceError(code, field=FIELD)


def _format_of(data: bytes) -> str | None:
    """ "JPEG", "PNG", "WEBP", "PDF" by the content's first bytes, or None."""
    for magic, name in _IMAGE_MAGIC:
        if data.startswith(magic):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data[:1024].lstrip(b"\r\n\t ").startswith(_PDF_MAGIC):
        return "PDF"
    return None


def safe_name(raw: object, extension: str) -> str:
    """The sender's file name without folders or odd characters, with the extension of what the
    file really is ("kuva.exe" that holds a JPEG becomes "kuva.jpg")."""
    text = raw if isinstance(raw, str) else ""
    stem = text.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    stem = _UNSAFE_NAME.sub("_", stem).strip(" ._")[:NAME_MAX] or "file"
    return f"{stem}.{extension}"


def _decoded(data: bytes, fmt: str) -> Image.Image:
    """The image decoded in full (a truncated file raises here), orientation applied."""
    try:
        with Image.open(io.BytesIO(data), formats=[fmt]) as opened:
            width, height = opened.size
            if width * height > MAX_PIXELS:
                raise refuse("files.too_many_pixels")
            opened.load()
            upright = ImageOps.exif_transpose(opened)
            return upright if upright is not opened else opened.copy()
    except ServiceError:
        raise
    except (OSError, SyntaxError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        raise refuse("files.damaged") from None


def _redrawn(image: Image.Image) -> Image.Image:
    """The pixels alone in a new image (no `info`: no EXIF, comment, XMP or ICC profile), the
    longest side at most LONGEST_SIDE."""
    mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info else "RGB"
    pixels = image.convert(mode)
    pixels.thumbnail((LONGEST_SIDE, LONGEST_SIDE), Image.Resampling.LANCZOS)
    return Image.frombytes(mode, pixels.size, pixels.tobytes())


def _encoded(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "PNG":
        image.save(out, format="PNG", optimize=True)
    else:
        image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def clean_image(data: bytes, fmt: str, raw_name: object) -> CleanFile:
    """A photo re-encoded from its pixels: JPEG, or PNG when it has transparency."""
    image = _redrawn(_decoded(data, fmt))
    out_format = "PNG" if image.mode == "RGBA" else "JPEG"
    body = _encoded(image, out_format)
    thumb = image.convert("RGB")
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
    extension = "png" if out_format == "PNG" else "jpg"
    return CleanFile(
        kind=FileKind.IMAGE,
        media_type=f"image/{'png' if out_format == 'PNG' else 'jpeg'}",
        name=safe_name(raw_name, extension),
        data=body,
        thumbnail=_encoded(thumb, "JPEG"),
        sha256=hashlib.sha256(body).hexdigest(),
    )


def _walk_active(start: PdfObject) -> bool:
    """Whether any dictionary reachable from `start` holds an active-content name (as a key,
    or as the /S or /Type of an action)."""
    seen: set[tuple[int, int]] = set()
    stack: list[PdfObject] = [start]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            ref = (item.idnum, item.generation)
            if ref in seen:
                continue
            seen.add(ref)
            item = item.get_object()
            if item is None:
                continue
        if isinstance(item, DictionaryObject):
            if ACTIVE_PDF_NAMES & set(item.keys()):
                return True
            if str(item.get("/S", "")) in ACTIVE_PDF_NAMES:
                return True
            if str(item.get("/Type", "")) in ACTIVE_PDF_NAMES:
                return True
            stack.extend(cast(list[PdfObject], list(item.values())))
        elif isinstance(item, ArrayObject):
            stack.extend(cast(list[PdfObject], list(item)))
    return False


def check_pdf(data: bytes, raw_name: object) -> CleanFile:
    """A PDF without active content, kept as sent; anything else refused."""
    if _RAW_ACTIVE.search(data):
        raise refuse("files.pdf_active")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise refuse("files.pdf_encrypted")
        active = _walk_active(reader.trailer)
        if not reader.pages:
            raise refuse("files.damaged")
    except ServiceError:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, RecursionError):
        raise refuse("files.damaged") from None
    if active:
        raise refuse("files.pdf_active")
    return CleanFile(
        kind=FileKind.PDF,
        media_type="application/pdf",
        name=safe_name(raw_name, "pdf"),
        data=data,
        thumbnail=None,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def checked_file(data: bytes, raw_name: object) -> CleanFile:
    """One sent file, cleaned (an image) or checked (a PDF), or refused with the reason."""
    if len(data) > MAX_BYTES:
        raise refuse("files.too_big")
    if not data:
        raise refuse("files.empty")
    fmt = _format_of(data)
    if fmt is None:
        raise refuse("files.wrong_type")
    if fmt == "PDF":
        return check_pdf(data, raw_name)
    return clean_image(data, fmt, raw_name)
