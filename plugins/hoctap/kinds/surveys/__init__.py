"""Learning needs and class requests (``khao-sat``): survey results as data, a page per survey
with an inline SVG chart and its table, the classes that answered each topic, and the unit's
"đề nghị mở lớp" link. It reads the classes (``khao_sat: <survey id>#<topic id>``), so it
requires the clubs kind."""

from __future__ import annotations

from ...site.registry import ContentKind, Kind
from .model import FOLDER, Survey, load_surveys
from .pages import render_surveys, search_entries
from .scaffold import survey_file_schema, survey_scaffold

SURVEYS = Kind(
    name="khao-sat", label="Khảo sát nhu cầu học tập",
    files=(ContentKind(name="khao-sat", label="Khảo sát", folder=f"events/{FOLDER}", pattern="*.yaml",
                       model=Survey, scaffold=survey_scaffold, file_schema=survey_file_schema),),
    load=load_surveys,
    outputs=render_surveys,
    search=(search_entries,),
    requires=("ke-hoach", "cau-lac-bo"),
    anchors=((r"^khao_sat: |^(cac_don_vi\[\d+\]|don_vi)\.de_nghi_mo_lop: Địa chỉ|Ngày khảo sát .* chưa tới|Tổng số người đề nghị|^chu_de\[\d+\]\.(ma: Mã chủ đề|theo_ban\[\d+\]\.ban: .*đã ghi ở)", "khao-sat"),),
)
