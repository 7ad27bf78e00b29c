"""The template of a new venue (``hoctap new nha-van-hoa``) and the JSON Schema of its file."""

from __future__ import annotations

from datetime import date

from ...site.registry import yaml_quote as _q


def venue_file_schema(schema: dict) -> dict:
    """``gio_mo_cua`` and ``co_so_vat_chat.thiet_bi`` may be one line; a photo may be just its path."""
    props = schema["properties"]
    hours = props["gio_mo_cua"]
    props["gio_mo_cua"] = {"anyOf": [{"type": "string"}, {k: v for k, v in hours.items() if k != "default"}],
                           "default": hours.get("default", [])}
    props["anh"]["items"] = {"anyOf": [{"type": "string"}, props["anh"]["items"]]}
    return schema


def venue_scaffold(title: str, slug: str, today: date) -> str:
    return f"""# Số điện thoại, địa chỉ, tọa độ: thay bằng thông tin thật trước khi đăng.
ma: {slug}                      # mã: địa chỉ trang; sự kiện, câu lạc bộ ghi nha_van_hoa: {slug}
ten: {_q(title)}                # BẮT BUỘC: tên đầy đủ, ví dụ "Nhà văn hóa bản Lán"
loai: nha_van_hoa               # trung_tam (nhà văn hóa trung tâm xã), nha_van_hoa (của bản) hoặc diem_hoc_tap
ban: null                       # mã bản trong mkdocs.yml (ví dụ ban-lan); null = trung tâm xã
dia_chi: null                   # địa chỉ, ví dụ "Bản Lán, xã Viêng Lán, tỉnh Sơn La"
toa_do: null                    # tọa độ để mở bản đồ; thay null bằng: {{ vi_do: 21.0412, kinh_do: 104.2835 }}
gio_mo_cua: []                  # giờ mở cửa, mỗi dòng một ý, ví dụ ["Thứ Hai – Thứ Sáu: 7:30–11:30, 13:30–17:00"]
co_so_vat_chat:                 # cơ sở vật chất; bỏ trống dòng nào chưa biết
  suc_chua_hoi_truong: null     # số chỗ ngồi của hội trường, ví dụ 150
  thu_vien: null                # tủ sách; thay null bằng: {{ so_dau_sach: 800, cho_muon: true }}
  thiet_bi: []                  # trang thiết bị, ví dụ [Loa đài, Máy chiếu, Bàn ghế 100 chỗ]
  internet: null                # wifi, co_day hoặc khong
lien_he:                        # người giữ chìa khóa / phụ trách nhà văn hóa
  ho_ten: null                  # họ tên
  chuc_vu: null                 # ví dụ "Trưởng ban quản lý nhà văn hóa"
  dien_thoai: null              # số điện thoại, ví dụ "0912 345 678"
  zalo: null                    # số Zalo nếu có
anh: []                         # ảnh trong thư mục content, ví dụ [assets/nha-van-hoa/ten-anh.jpg]
mo_ta: ''                       # giới thiệu; có thể viết nhiều dòng sau dấu |
mau: false                      # true = dữ liệu mẫu (minh họa), trang sẽ ghi rõ "Dữ liệu mẫu"
thong_tin_mau: false            # true = nơi có thật nhưng địa chỉ, tọa độ, giờ, cơ sở vật chất, liên hệ còn là minh họa
# Ngày tạo: {today:%d/%m/%Y}
"""
