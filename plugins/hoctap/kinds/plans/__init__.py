"""Plans (kế hoạch) and the documents they cite: ``content/ke-hoach/*.md``.

Every other kind may cite a plan section (``ma-ke-hoach#II.1``), so plans load first and a
problem in a plan stops loading before the kinds that cite it (``cited=True``).
"""

from __future__ import annotations

from functools import partial

from ...site.registry import ContentKind, Kind
from .model import PlanIndex, PlanMeta, load_plans
from .pages import plan_list_block, plan_page, plan_work_pages
from .scaffold import plan_scaffold

FOLDER = "ke-hoach"   # inside docs_dir


def load(hub) -> None:
    hub.plans = PlanIndex(tuple(load_plans([r.docs for r in hub.roots], FOLDER, hub.problems)))
    for plan in hub.plans.plans:
        hub.page_fillers[plan.src_uri] = partial(plan_page, hub, plan)


PLANS = Kind(
    name="ke-hoach", label="Kế hoạch",
    files=(ContentKind(name="ke-hoach", label="Kế hoạch", folder=f"content/{FOLDER}", pattern="*.md",
                       model=PlanMeta, scaffold=plan_scaffold),),
    load=load,
    outputs=plan_work_pages,
    blocks={"danh-sach-van-ban": plan_list_block},
    anchors=((r"^muc: ", "muc-van-ban"),),
    cited=True,
)
