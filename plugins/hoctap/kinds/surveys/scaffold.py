"""The template of a new survey (``hoctap new khao-sat``) and the JSON Schema of its files."""

from __future__ import annotations

from datetime import date

from ...site.registry import yaml_quote as _q


def survey_file_schema(schema: dict) -> dict:
    props = schema["properties"]
    plan = props["ke_hoach"]
    props["ke_hoach"] = {"anyOf": [{"type": "string"}, {k: v for k, v in plan.items() if k != "default"}],
                         "default": plan.get("default", [])}
    return schema


def survey_scaffold(title: str, slug: str, today: date) -> str:
    return f"""ma: {slug}                      # mã: địa chỉ trang; lớp học ghi khao_sat: {slug}#ma-chu-de
ten: {_q(title)}                # BẮT BUỘC: tên đợt khảo sát
mau: false                      # true nếu là số liệu minh họa (trang ghi "Dữ liệu mẫu")
ngay_khao_sat: {today:%Y-%m-%d}       # BẮT BUỘC: ngày khảo sát (hoặc ngày tổng hợp kết quả)
cach_khao_sat: ""               # BẮT BUỘC: cách khảo sát, ví dụ "Phiếu hỏi hộ gia đình qua trưởng bản"
so_nguoi_duoc_hoi: null         # số người được hỏi (nếu biết)
ke_hoach: []                    # mục kế hoạch yêu cầu khảo sát, ví dụ [nang-cao-chat-luong-tt-vh-htcd-2021-2025#III.9]
ghi_chu: ""                     # ghi chú cho người đọc; có thể viết nhiều dòng sau dấu |
chu_de:                         # BẮT BUỘC: mỗi chủ đề người dân muốn học bắt đầu bằng dấu -
  - ma: may-cong-nghiep         # mã chủ đề, chữ thường không dấu
    ten: May công nghiệp        # tên chủ đề
    theo_ban:                   # số người đề nghị ở từng bản
      - so_nguoi: 0             # số người đề nghị học chủ đề này
        ban: ""                 # BẮT BUỘC: mã bản trong mkdocs.yml, ví dụ ban-lan
"""
