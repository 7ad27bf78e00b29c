"""The template of a new plan document (``hoctap new ke-hoach``)."""

from __future__ import annotations

from datetime import date

from ...site.registry import yaml_quote as _q


def plan_scaffold(title: str, slug: str, today: date) -> str:
    return f"""---
ma: {slug}                      # mã văn bản: chữ thường không dấu, nối bằng dấu gạch ngang; là địa chỉ trang
loai_van_ban: Kế hoạch          # loại văn bản: Kế hoạch, Quyết định, Thông báo, …
so_ky_hieu: null                # số, ký hiệu, ví dụ "45/KH-UBND"; null nếu văn bản không ghi
co_quan_chu_quan: null          # cơ quan chủ quản (dòng trên tên cơ quan ban hành); null nếu không có
co_quan_ban_hanh: ""            # BẮT BUỘC: cơ quan ban hành, ví dụ "Ủy ban nhân dân xã Viêng Lán"
dia_danh: null                  # địa danh nơi ban hành, ví dụ "Viêng Lán"
ngay_ban_hanh: null             # ngày ban hành, dạng {today:%Y-%m-%d} hoặc {today:%d/%m/%Y}
trich_yeu: {_q(title)}          # BẮT BUỘC: trích yếu nội dung (tên đầy đủ của văn bản)
ten_ngan: null                  # tên ngắn hiển thị trong danh sách; null thì dùng loại + trích yếu
thoi_ky:                        # thời kỳ áp dụng (năm)
  tu_nam: null                  # năm bắt đầu, ví dụ {today.year}
  den_nam: null                 # năm kết thúc, ví dụ 2030
hieu_luc: con_hieu_luc          # BẮT BUỘC: con_hieu_luc, het_hieu_luc hoặc bi_thay_the
thay_the_boi: null              # mã văn bản thay thế (bắt buộc khi hieu_luc là bi_thay_the)
toan_van: true                  # true nếu phần dưới là toàn văn, false nếu chỉ là tóm tắt
nguoi_ky: null                  # người ký; thay null bằng các dòng như ví dụ sau:
#  thay_mat: ỦY BAN NHÂN DÂN     # TM. (ký thay mặt tập thể); bỏ dòng nếu không có
#  ky_thay: CHỦ TỊCH             # KT. (ký thay người đứng đầu); bỏ dòng nếu không có
#  chuc_vu: PHÓ CHỦ TỊCH         # chức vụ người ký (bắt buộc khi có nguoi_ky)
#  ho_ten: Nguyễn Văn A          # họ tên người ký
noi_nhan: []                    # nơi nhận; mỗi nơi một dòng bắt đầu bằng "  - "
can_cu: []                      # văn bản làm căn cứ; mỗi văn bản một nhóm như ví dụ sau:
#  - loai: Quyết định            # loại văn bản (bắt buộc)
#    so_ky_hieu: 1520/QĐ-TTg     # số, ký hiệu
#    ngay: 2022-12-09            # ngày ban hành
#    co_quan: Thủ tướng Chính phủ
#    trich_yeu: "…"              # trích yếu
#    ma: qd-1520-qd-ttg-2022     # mã của văn bản nếu đã đăng trên trang này
van_ban_lien_quan: []           # văn bản liên quan; cùng dạng với can_cu
ghi_chu: null                   # ghi chú thêm
nguon: null                     # nguồn của bản điện tử, ví dụ "Bản chụp văn bản giấy"
---

<!-- Nội dung văn bản: mỗi mục lớn bắt đầu bằng "## I.", mục nhỏ "### 1.", ý "#### a)". -->

## I. MỤC ĐÍCH, YÊU CẦU

### 1. Mục đích

Viết mục đích ở đây.

### 2. Yêu cầu

Viết yêu cầu ở đây.

## II. NỘI DUNG

### 1. Nhiệm vụ thứ nhất

Viết nội dung ở đây.

## III. TỔ CHỨC THỰC HIỆN

Viết phân công thực hiện ở đây.
"""
