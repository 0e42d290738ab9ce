"""State of the file field under the message box, on the family's and the staff's pages.

A chosen photo or PDF is uploaded at once (`rx.upload_files`, Reflex's /_upload route), checked
and stored by `services.attachments` to wait for the message; the page's send handler then
links the waiting files to the message it sent. The family id is resolved on the server when
the page loads (the guardian's own family, or the record's id from the URL for staff; every
service call authorises it again) and never taken from the browser.
"""

from typing import Any

import reflex as rx

from familywork_app.domain import STAFF_ROLES, Role
from familywork_app.services import ServiceError
from familywork_app.services import attachments as svc
from familywork_app.services.attachment_checks import MAX_BYTES
from familywork_app.state.app_state import AppState
from familywork_app.state.file_presenters import WaitingFileView, present_waiting
from familywork_app.state.forms import form_id
from familywork_app.state.handler import Acting, data_handler

UPLOAD_ID = "message-files"
# react-dropzone's own refusals on the device (before any upload) -> our texts
_DEVICE_ERRORS = {
    "too-many-files": "files.too_many",
    "file-too-large": "files.too_big",
    "file-invalid-type": "files.wrong_type",
}


def read_upload(upload: rx.UploadFile) -> svc.Incoming:
    """The upload's name and at most one byte more than the limit (enough to know it is too
    big, without reading a huge file into memory)."""
    return svc.Incoming(name=upload.name or "", data=upload.file.read(MAX_BYTES + 1))


def device_refusal(rejections: object) -> tuple[str, str]:
    """(i18n key, file name) for what the device's file field refused, from the browser's
    list of {name, codes} (components/message_files.py sends only these, never the file
    itself); anything odd: the generic type refusal."""
    first: Any = rejections[0] if isinstance(rejections, list) and rejections else {}
    first = first if isinstance(first, dict) else {}
    listed: Any = first.get("codes")
    codes = set(listed) if isinstance(listed, list) else set()
    # the most useful reason first: a 30 MB video is "too big" before it is "not a photo"
    key = next((text for code, text in _DEVICE_ERRORS.items() if code in codes), None)
    name: Any = first.get("name", "")
    return key or "files.wrong_type", (name if isinstance(name, str) else "")[:100]


class MessageFilesState(AppState):
    waiting: rx.Field[list[WaitingFileView]] = rx.field(default_factory=list)
    # i18n key of the refusal shown next to the field ("" none), and which file it was about
    file_error: rx.Field[str] = rx.field("")
    file_error_name: rx.Field[str] = rx.field("")
    _fid: int = 0  # the family of the page, resolved on the server at load

    def _show(self, rows: list[svc.FileRow]) -> None:
        self.waiting = [present_waiting(f, self.lang) for f in rows]

    def _refused(self, problem: ServiceError) -> None:
        self.file_error = problem.code
        self.file_error_name = problem.file_name if isinstance(problem, svc.FileRefused) else ""

    def _load(self, acting: Acting, family_id: int) -> None:
        self._fid, self.file_error, self.file_error_name = family_id, "", ""
        self._show(svc.waiting_files(acting.db, acting.user, family_id) if family_id else [])

    @rx.event
    @data_handler(Role.GUARDIAN, family=True, badge=False)
    def load_family(self, acting: Acting):
        """on_load of the family's messages page (after its own guard)."""
        self._load(acting, acting.family_id)

    @rx.event
    @data_handler(*STAFF_ROLES)
    def load_staff(self, acting: Acting):
        """on_load of the staff's family record (after its own guard)."""
        self._load(acting, form_id(self.router.page.params.get("fid", "")))

    @rx.event
    @data_handler(Role.GUARDIAN, *STAFF_ROLES)
    def attach(self, acting: Acting, files: list[rx.UploadFile]):
        """The files just chosen: checked, cleaned and kept for the message, or refused."""
        uploads = files if isinstance(files, list) else []  # a forged call sends anything
        chosen = [read_upload(f) for f in uploads if isinstance(f, rx.UploadFile)]
        if not chosen:  # the device refused them all (refused_on_device says why)
            return None
        rows = svc.add_files(acting.db, acting.user, self._fid, chosen, acting.ip)
        self.file_error, self.file_error_name = "", ""
        self._show(rows)
        return self._toast("files.added")

    @rx.event
    @data_handler(Role.GUARDIAN, *STAFF_ROLES)
    def remove(self, acting: Acting, file_id: str):
        rows = svc.remove_file(acting.db, acting.user, self._fid, form_id(file_id), acting.ip)
        self.file_error, self.file_error_name = "", ""
        self._show(rows)
        return self._toast("files.removed")

    @rx.event
    @data_handler(Role.GUARDIAN, *STAFF_ROLES)
    def sent(self, acting: Acting):
        """After the page's send handler linked the waiting files to its message."""
        self._load(acting, self._fid)

    @rx.event
    def refused_on_device(self, rejections: list[dict[str, Any]]):
        """The device's file field refused a file before uploading it (too big, too many, not
        a photo or PDF): say why next to the field. Touches no data. `rejections`: a list of
        {"name": file name, "codes": react-dropzone's error codes}."""
        self.file_error, self.file_error_name = device_refusal(rejections)
