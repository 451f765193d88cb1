"""A SCORM 1.2 package as zip bytes: imsmanifest.xml and the SCO's files (content.py).

The zip is deterministic: entries sorted by name, every timestamp fixed, fixed permissions, so the
same content gives the same bytes (and the site's downloads do not change when nothing did).
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

from ..knowledge import KnowledgeBase
from ..model import Role
from ..quiz import Quiz
from ..training import PASS_PERCENT
from ..wording import COLON, TRAINING_LABELS
from .content import LAUNCH, build_sco_files

MANIFEST = "imsmanifest.xml"
# Zip timestamps cannot be earlier than 1980; a fixed one keeps the bytes reproducible.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def build_package(kb: KnowledgeBase, role: Role, lang: str, mastery: int = PASS_PERCENT, quiz: Quiz | None = None) -> bytes:
    """The role's package in one language. `mastery` is the pass mark in percent (0-100); `quiz`, the
    role's site quiz when the caller has built it already."""
    if not 0 <= mastery <= 100:
        raise ValueError(f"mastery score {mastery} is not a percentage")
    files = build_sco_files(kb, role, lang, mastery, quiz)
    files[MANIFEST] = render_manifest(role, lang, mastery, sorted(files)).encode("utf-8")
    return zip_files(files)


def render_manifest(role: Role, lang: str, mastery: int, files: list[str]) -> str:
    """imsmanifest.xml per SCORM 1.2 (IMS Content Packaging 1.1.2 with the ADL extensions): one
    organisation, one item, one SCO resource listing every file of the package."""
    ident = f"kb-{role.id}-{lang}"
    title = f"{TRAINING_LABELS['package'].get(lang)}{COLON[lang]}{role.title.get(lang)}"
    file_list = "\n".join(f"      <file href={quoteattr(name)}/>" for name in files if name != MANIFEST)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{ident}" version="{role.document.version}"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="{ident}-org">
    <organization identifier="{ident}-org">
      <title>{escape(title)}</title>
      <item identifier="{ident}-item" identifierref="{ident}-sco" isvisible="true">
        <title>{escape(title)}</title>
        <adlcp:masteryscore>{mastery}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="{ident}-sco" type="webcontent" adlcp:scormtype="sco" href="{LAUNCH}">
{file_list}
    </resource>
  </resources>
</manifest>
"""


def zip_files(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever machine builds it
            archive.writestr(info, files[name])
    return buffer.getvalue()
