"""Files of messages turned into display rows in the user's language. Pure functions."""

from dataclasses import dataclass

from familywork_app import routes
from familywork_app.domain import FileKind
from familywork_app.i18n import t
from familywork_app.services.attachments import FileRow


@dataclass(frozen=True, slots=True)
class FileView:
    """A sent file: a picture (shown, `alt` from its caption) or a PDF (a link)."""

    id: str
    picture: bool
    name: str
    alt: str  # the caption, or "Photo: name.jpg" when none was given
    caption: str
    href: str  # the authorised download route
    thumb: str  # the small picture's route ("" for a PDF)
    size: str  # "1,2 MB"


@dataclass(frozen=True, slots=True)
class WaitingFileView:
    """A file chosen for the next message, not yet sent."""

    id: str
    name: str
    label: str  # "Photo, 1,2 MB" / "PDF, 80 kB"


def file_size(size: int, lang: str) -> str:
    """A file's size for people: kB below one megabyte, MB with one decimal above."""
    if size < 1024 * 1024:
        return t(lang, "files.size_kb", size=max(1, round(size / 1024)))
    return t(lang, "files.size_mb", size=round(size / (1024 * 1024), 1))


def present_file(f: FileRow, lang: str) -> FileView:
    href = routes.MESSAGE_FILE.format(file_id=f.id)
    picture = f.kind == FileKind.IMAGE
    return FileView(
        id=str(f.id),
        picture=picture,
        name=f.name,
        alt=f.caption or t(lang, "files.photo_alt", name=f.name),
        caption=f.caption,
        href=href,
        thumb=routes.MESSAGE_FILE_THUMB.format(file_id=f.id) if picture else "",
        size=file_size(f.size, lang),
    )


def present_waiting(f: FileRow, lang: str) -> WaitingFileView:
    kind = t(lang, "files.kind_photo" if f.kind == FileKind.IMAGE else "files.kind_pdf")
    return WaitingFileView(id=str(f.id), name=f.name, label=f"{kind}, {file_size(f.size, lang)}")
