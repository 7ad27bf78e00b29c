"""Self-assessment and ranking (``danh-gia``): ranking guides as data (``tieu-chi-danh-gia``), each
centre's yearly self-assessment and its rank, a parent unit's ranking table by year, each centre's
history. Counts come from the calendar and the other kinds (``requires=``), never typed twice."""

from __future__ import annotations

from ...site.registry import ContentKind, Kind
from .model import CRITERIA_FOLDER, FOLDER, Assessment, CriteriaSet, load_assessments
from .pages import render_assessments
from .scaffold import assessment_file_schema, assessment_scaffold, criteria_file_schema, criteria_scaffold

ASSESSMENTS = Kind(
    name="danh-gia", label="Đánh giá, xếp loại",
    files=(ContentKind(name="danh-gia", label="Bản tự đánh giá", folder=f"events/{FOLDER}", pattern="*.yaml",
                       model=Assessment, scaffold=assessment_scaffold, file_schema=assessment_file_schema),
           ContentKind(name="tieu-chi-danh-gia", label="Bộ tiêu chí đánh giá", folder=f"events/{CRITERIA_FOLDER}",
                       pattern="*.yaml", model=CriteriaSet, scaffold=criteria_scaffold,
                       file_schema=criteria_file_schema)),
    load=load_assessments,
    outputs=render_assessments,
    requires=("ke-hoach", "su-kien", "cau-lac-bo", "khao-sat"),
    anchors=((r"chưa có điểm|^bo_tieu_chi: (Không có bộ|Bộ tiêu chí)|không có tiêu chí|đã chấm ở|lớn hơn điểm tối đa|^cham_diem\[\d+\]\.diem: |Mỗi bằng chứng|"
              r"không phải của đơn vị này|Không có báo cáo năm|Tên chỉ ghi|Bằng chứng là liên kết|Ngưỡng|"
              r"Xếp loại thấp nhất|bản tự đánh giá năm|^nam: Năm \d+ chưa tới|^(nhom|xep_loai)\[\d+\].*trùng",
              "danh-gia"),),
)
