"""The template of a new body (``hoctap new phan-cong``)."""

from __future__ import annotations

from datetime import date

from ...site.registry import yaml_quote as _q


def body_scaffold(title: str, slug: str, today: date) -> str:
    return f"""# Một cơ quan, tổ chức được kế hoạch giao việc; tên ghi đúng như văn bản.
ma: {slug}                      # mã: địa chỉ trang; sự kiện, câu lạc bộ ghi co_quan: [{slug}]
ten: {_q(title)}                # BẮT BUỘC: tên như kế hoạch ghi, ví dụ "Phòng Văn hóa và Thông tin"
ghi_chu: null                   # ghi chú hiện trên trang (Markdown)
giao_viec:                      # mỗi mục kế hoạch giao việc cho nơi này
  - ke_hoach: ""                # BẮT BUỘC: mục kế hoạch, ví dụ hoc-tap-suot-doi-den-2030#III.1
    vai_tro: chu_tri            # chu_tri (chủ trì), phoi_hop (phối hợp) hoặc thuc_hien (được giao, không ghi chủ trì hay phối hợp)
    trich: null                 # đoạn trích nguyên văn từ mục đó (được kiểm tra từng chữ)
"""
