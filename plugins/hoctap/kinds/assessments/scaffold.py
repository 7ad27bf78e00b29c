"""Templates of a new self-assessment (``hoctap new danh-gia``) and a new ranking guide
(``hoctap new tieu-chi-danh-gia``), and the JSON Schema of their files."""

from __future__ import annotations

from datetime import date

from ...site.registry import yaml_quote as _q


def criteria_file_schema(schema: dict) -> dict:
    props = schema["properties"]
    plan = props["ke_hoach"]
    props["ke_hoach"] = {"anyOf": [{"type": "string"}, {k: v for k, v in plan.items() if k != "default"}],
                         "default": plan.get("default", [])}
    return schema


def assessment_file_schema(schema: dict) -> dict:
    points = schema["$defs"]["Score"]["properties"]["diem"]
    points.pop("anyOf", None)
    points["anyOf"] = [{"type": "number", "minimum": 0}, {"const": "chua_cham"}]
    return schema


def assessment_scaffold(title: str, slug: str, today: date) -> str:
    year = today.year - 1
    return f"""# Tự đánh giá của Trung tâm trong một năm: mỗi tiêu chí của bộ tiêu chí có một dòng chấm điểm.
# Số hoạt động, buổi sinh hoạt, lớp học trong năm được tính từ lịch: không ghi lại ở đây.
ma: {slug}                      # mã: địa chỉ trang, ví dụ xa-a-{year}; tiêu đề: {_q(title)}
nam: {year}                        # BẮT BUỘC: năm được đánh giá
bo_tieu_chi: ""                 # BẮT BUỘC: mã bộ tiêu chí (của đơn vị mình hoặc đơn vị cấp trên)
mau: false                      # true nếu là số liệu minh họa (trang ghi "Dữ liệu mẫu")
ngay_danh_gia: null             # ngày họp tự đánh giá, ví dụ {today:%Y-%m-%d}
ghi_chu: ""                     # nhận xét chung; có thể viết nhiều dòng sau dấu |
cham_diem:                      # BẮT BUỘC: mỗi tiêu chí một dòng, bắt đầu bằng dấu -
  - diem: chua_cham             # điểm (không quá điểm tối đa), hoặc chua_cham nếu chưa chấm
    tieu_chi: ""                # BẮT BUỘC: mã tiêu chí trong bộ tiêu chí
    nhan_xet: ""                # nhận xét ngắn
    bang_chung:                 # mỗi bằng chứng ghi một trong các cách sau
      - bao_cao: {year}             # báo cáo năm của đơn vị trên trang
#     - su_kien: ma-su-kien       # một hoạt động trong lịch
#     - ke_hoach: ma-ke-hoach#III.9   # một mục kế hoạch
#     - khao_sat: ma-khao-sat     # một đợt khảo sát nhu cầu học tập
#     - {{ ten: Biên bản họp, url: "https://…" }}   # một tài liệu ở nơi khác
"""


def criteria_scaffold(title: str, slug: str, today: date) -> str:
    return f"""# Bộ tiêu chí đánh giá, xếp loại Trung tâm. Nếu chưa có văn bản gốc để đối chiếu, để mau: true:
# trang ghi "Tiêu chí mẫu, cần đối chiếu văn bản gốc".
ma: {slug}                      # mã: bản tự đánh giá ghi bo_tieu_chi: {slug}
ten: {_q(title)}                # BẮT BUỘC: tên bộ tiêu chí
mau: true                       # true = mẫu, chưa đối chiếu văn bản gốc
van_ban_goc:                    # BẮT BUỘC: văn bản quy định tiêu chí
  so_ky_hieu: ""                # BẮT BUỘC: số, ký hiệu, ví dụ 2553/BGDĐT-GDTX
  ngay: null                    # ngày ban hành, ví dụ 2013-04-18
  co_quan: ""                   # BẮT BUỘC: cơ quan ban hành, ví dụ Bộ Giáo dục và Đào tạo
  trich_yeu: ""                 # trích yếu, nếu biết
ke_hoach: []                    # mục kế hoạch yêu cầu đánh giá, ví dụ [nang-cao-chat-luong-tt-vh-htcd-2021-2025#III.1]
ghi_chu: ""                     # ghi chú cho người đọc
nhom:                           # BẮT BUỘC: các nhóm tiêu chí
  - ma: hoat-dong               # mã nhóm
    ten: Hoạt động              # tên nhóm
    tieu_chi:
      - ma: so-hoat-dong        # mã tiêu chí
        ten: Tổ chức hoạt động văn hóa, học tập   # tên tiêu chí
        diem_toi_da: 20         # điểm tối đa
        so_lieu: hoat_dong      # số liệu lấy từ lịch: hoat_dong, buoi_sinh_hoat, nguoi_tham_gia, lop_hoc, khao_sat; hoặc bỏ dòng này
xep_loai:                       # BẮT BUỘC: từ cao xuống thấp; loại thấp nhất từ 0 điểm
  - {{ ma: tot, ten: Tốt, tu_diem: 18 }}
  - {{ ma: kha, ten: Khá, tu_diem: 14 }}
  - {{ ma: chua-dat, ten: Chưa đạt, tu_diem: 0 }}
"""
