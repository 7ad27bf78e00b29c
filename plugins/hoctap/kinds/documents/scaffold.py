"""The template of a new document record (``hoctap new van-ban``)."""

from __future__ import annotations

from datetime import date

from ...site.registry import yaml_quote as _q


def document_scaffold(title: str, slug: str, today: date) -> str:
    return f"""# Chỉ ghi điều văn bản dẫn chiếu nói rõ; điều không ghi thì để null (trang sẽ ghi "Không ghi trong văn bản").
ma: {slug}                      # mã: số, ký hiệu và năm, ví dụ 93-kh-ubnd-2023 (93/KH-UBND năm 2023); văn bản không số: theo tên
loai: Quyết định                # BẮT BUỘC: Kế hoạch, Quyết định, Nghị quyết, Công văn, Luật…
so_ky_hieu: null                # số, ký hiệu, ví dụ "93/KH-UBND" (khi ghi số: đổi ma theo số và năm, để ten: null)
ngay_ban_hanh: null             # ngày ban hành, ví dụ {today:%Y-%m-%d}
co_quan_ban_hanh: null          # cơ quan ban hành, như văn bản dẫn chiếu ghi
trich_yeu: null                 # trích yếu (nội dung chính), như văn bản dẫn chiếu ghi
ten: {_q(title)}          # tên, khi văn bản không có số, ví dụ "Luật Ngân sách nhà nước"
hieu_luc: chua_ro               # con_hieu_luc, het_hieu_luc, bi_thay_the hoặc chua_ro (chưa xác minh)
tep: null                       # toàn văn: tệp trong content/, ví dụ assets/van-ban/93-kh-ubnd-2023.pdf; null = "Toàn văn chưa đăng"
ke_hoach: null                  # mã trang kế hoạch trong cổng nếu văn bản đã được đăng thành trang
cach_goi: []                    # cách kế hoạch gọi văn bản ngoài số, ký hiệu (để tìm trang dẫn chiếu)
nguon: null                     # thông tin lấy từ đâu, ví dụ "Trích dẫn trong Kế hoạch … của UBND xã"
ghi_chu: null                   # ghi chú hiện trên trang (Markdown)
mau: false                      # true nếu là dữ liệu mẫu, không phải văn bản thật
"""
