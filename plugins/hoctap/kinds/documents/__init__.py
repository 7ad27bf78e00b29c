"""Document library (văn bản): ``events/<unit>/van-ban/<ma>.yaml``. Every document the plans cite
as a record, its pages (list, filters, one page per document with the pages that cite it), and
``cite_document`` / ``add_backlink`` for the kinds that cite documents with ``van_ban: <ma>``."""

from __future__ import annotations

from ...site.registry import ContentKind, Kind
from .model import FOLDER, Document, add_backlink, cite_document, documents_of, load_documents
from .pages import documents_block, render_documents, search_entries
from .scaffold import document_scaffold

DOCUMENTS = Kind(
    name="van-ban", label="Văn bản",
    files=(ContentKind(name="van-ban", label="Văn bản", folder=f"events/{FOLDER}", pattern="*.yaml",
                       model=Document, scaffold=document_scaffold),),
    load=load_documents,
    blocks={"thu-vien-van-ban": documents_block},
    outputs=render_documents,
    search=(search_entries,),
    requires=("ke-hoach",),
    anchors=((r"^(ma: Mã văn bản '[^']*' phải là|so_ky_hieu: Văn bản cần số|tep: (Không có tệp|Tệp đính kèm)"
              r"|(\S+\.)?van_ban: Không có văn bản mã)", "van-ban"),),
)

__all__ = ["DOCUMENTS", "add_backlink", "cite_document", "documents_of"]
