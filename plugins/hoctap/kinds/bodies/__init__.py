"""Who does what (phân công): ``events/<unit>/phan-cong/<ma>.yaml``, one body per file, its tasks
cited from the plans' sections; events, clubs and classes name their organisers with
``co_quan: [<ma>]`` (checked here, after they load)."""

from __future__ import annotations

from ...site.registry import ContentKind, Kind
from .model import FOLDER, Body, bodies_of, load_bodies
from .pages import bodies_block, render_bodies, search_entries
from .scaffold import body_scaffold

BODIES = Kind(
    name="phan-cong", label="Phân công",
    files=(ContentKind(name="phan-cong", label="Cơ quan", folder=f"events/{FOLDER}", pattern="*.yaml",
                       model=Body, scaffold=body_scaffold),),
    load=load_bodies,
    blocks={"phan-cong": bodies_block},
    outputs=render_bodies,
    search=(search_entries,),
    requires=("ke-hoach", "su-kien", "cau-lac-bo"),
    anchors=((r"^(co_quan(\[\d+\])?: Không có cơ quan mã|giao_viec\[\d+\]\.(ke_hoach|trich): "
              r"(Phân công phải|Kế hoạch '[^']*' thuộc đơn vị|Đoạn trích))", "phan-cong"),),
)

__all__ = ["BODIES", "bodies_of"]
