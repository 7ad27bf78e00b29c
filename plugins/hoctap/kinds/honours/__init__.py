"""Honour roll (vinh danh): ``events/<unit>/vinh-danh/<ma>.yaml``, one decision per file. Pages per
year and per kind; ``honour_counts`` (and ``hub.extras["vinh-danh"].counts``) for the reports."""

from __future__ import annotations

from ...site.registry import ContentKind, Kind
from .model import FOLDER, HonourRoll, honour_counts, honours_of, load_honours
from .pages import honours_block, render_honours
from .scaffold import honour_scaffold

HONOURS = Kind(
    name="vinh-danh", label="Vinh danh",
    files=(ContentKind(name="vinh-danh", label="Vinh danh", folder=f"events/{FOLDER}", pattern="*.yaml",
                       model=HonourRoll, scaffold=honour_scaffold),),
    load=load_honours,
    blocks={"vinh-danh": honours_block},
    outputs=render_honours,
    requires=("van-ban",),
    anchors=((r"^(quyet_dinh(\.so_ky_hieu)?: (Thiếu quyết định|Số quyết định)|mau: Đơn vị '[^']*' là đơn vị mẫu"
              r"|danh_sach(\[\d+\]\.(an_ten|ten))?: (Danh sách vinh danh trống|Chỉ ẩn|Đã ghi an_ten|Thiếu tên|Tên trong))", "vinh-danh"),),
)

__all__ = ["HONOURS", "honour_counts", "honours_of"]
