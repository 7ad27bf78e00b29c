"""The template of a new article (``hoctap new tin-tuc``)."""

from __future__ import annotations

from datetime import date

from ...site.registry import yaml_quote as _q


def news_scaffold(title: str, slug: str, today: date) -> str:
    return f"""---
tieu_de: {_q(title)}            # BẮT BUỘC: tiêu đề tin
ngay: "{today:%Y-%m-%d} 08:00"        # ngày giờ đăng; tin có ngày sau hôm nay chỉ hiện từ ngày đó
tac_gia: ""                     # BẮT BUỘC: người viết, ví dụ "Lò Văn Thanh"
chuyen_muc: [""]                # BẮT BUỘC: mã chuyên mục trong mkdocs.yml (chuyen_muc), ví dụ [thong-bao]
the: []                         # từ khóa tự do, ví dụ [đọc sách, thiếu nhi]
tom_tat: ""                     # BẮT BUỘC: một hai câu tóm tắt (dùng cho danh sách, RSS, Zalo/Facebook)
anh_bia: null                   # ảnh bìa .png/.jpg trong thư mục content, ví dụ assets/news/hoi-sach.png
mo_ta_anh: null                 # mô tả ảnh bìa cho người không xem được ảnh
su_kien: []                     # mã các sự kiện liên quan trong lịch, ví dụ [hoi-sach-2026]
ke_hoach: []                    # mục kế hoạch liên quan, ví dụ [hoc-tap-suot-doi-den-2030#II.1]
nhap: false                     # true = bản nháp: được kiểm tra nhưng chưa đăng
mau: false                      # true = bài mẫu (minh họa): trang bài hiện thông báo "Bài viết mẫu"
---

Viết nội dung tin ở đây. Đoạn đầu nói ai, làm gì, ở đâu, khi nào.
"""
