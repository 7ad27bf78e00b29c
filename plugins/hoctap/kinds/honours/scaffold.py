"""The template of a new honour-roll decision (``hoctap new vinh-danh``)."""

from __future__ import annotations

from datetime import date


def honour_scaffold(title: str, slug: str, today: date) -> str:
    return f"""# Một quyết định vinh danh. Chỉ ghi tên như quyết định đã công bố.
ma: {slug}                      # mã của quyết định trong trang, ví dụ vinh-danh-2025-vieng-lan
nam: {today.year}                       # BẮT BUỘC: năm được vinh danh
quyet_dinh:                     # quyết định vinh danh (bỏ nếu ghi van_ban)
  so_ky_hieu: ""                # BẮT BUỘC: số, ký hiệu, ví dụ "15/QĐ-UBND"
  ngay: "{today:%Y-%m-%d}"            # BẮT BUỘC: ngày ký
  co_quan: ""                   # BẮT BUỘC: cơ quan quyết định, ví dụ "UBND xã Viêng Lán"
van_ban: null                   # mã quyết định trong thư viện văn bản, nếu đã có (ví dụ 15-qd-ubnd-2025)
mau: false                      # true nếu là dữ liệu mẫu (tên phải ghi "(mẫu)")
danh_sach:                      # BẮT BUỘC: mỗi danh hiệu một dòng
  - loai: gia_dinh_hoc_tap      # gia_dinh_hoc_tap, dong_ho_hoc_tap, cong_dong_hoc_tap, don_vi_hoc_tap,
                                # cong_dan_hoc_tap, ca_nhan_tieu_bieu, tap_the_tieu_bieu
    ten: ""                     # BẮT BUỘC: tên như quyết định ghi, ví dụ "Gia đình ông Lò Văn Xuân"
    an_ten: false               # true: không công bố tên người (khi đó xóa dòng ten)
    ban: null                   # mã bản trong mkdocs.yml, ví dụ ban-lan
"""
