"""The template of a new event (``hoctap new su-kien``) and the JSON Schema of an event file."""

from __future__ import annotations

from datetime import date

from ...site.registry import yaml_quote as _q


def event_scaffold(title: str, slug: str, today: date) -> str:
    return f"""# Một sự kiện trong lịch hoạt động. Nhiều sự kiện trong một tệp: đặt dưới "su_kien:" (xem hướng dẫn).
ma: {slug}                      # mã sự kiện: dùng làm địa chỉ trang và mã lịch; không đổi sau khi đăng
tieu_de: {_q(title)}            # BẮT BUỘC: tên sự kiện
bat_dau: ""                     # BẮT BUỘC: ngày "{today:%Y-%m-%d}" (cả ngày) hoặc ngày giờ "{today:%Y-%m-%d} 19:30"
ket_thuc: null                  # cùng dạng với bat_dau; null nếu không rõ giờ kết thúc
the_loai: ""                    # BẮT BUỘC: mã thể loại trong mkdocs.yml (the_loai), ví dụ doc-sach, le-hoi, hoi-thi
nha_van_hoa: null               # mã nhà văn hóa có sẵn (events/…/nha-van-hoa/), ví dụ nha-van-hoa-ban-lan; khi ghi thì xóa dia_diem
dia_diem:                       # nơi tổ chức một lần; thiếu địa điểm thì trang vẫn xây dựng nhưng có cảnh báo
  ten: ""                       # BẮT BUỘC: tên địa điểm, ví dụ "Nhà văn hóa trung tâm xã"
  dia_chi: null                 # địa chỉ chi tiết
  toa_do: null                  # tọa độ để mở bản đồ, ví dụ {{ vi_do: 21.0489, kinh_do: 104.2867 }}
lap_lai: null                   # sự kiện lặp lại; thay null bằng các dòng như ví dụ sau:
#  kieu: hang_tuan               # hang_ngay, hang_tuan, hang_thang, hang_nam hoặc am_lich
#  thu: [T7]                     # thứ trong tuần: T2 … T7, CN (với hang_tuan, hang_thang)
#  den_ngay: {today.year}-12-31          # lặp đến ngày này (hoặc so_lan: 10)
#  ngay_am: "15/8"               # ngày âm lịch, chỉ với kieu: am_lich
#  bo_ngay: []                   # các ngày không tổ chức
don_vi_to_chuc: null            # đơn vị tổ chức, ví dụ "Hội Khuyến học xã"
co_quan: []                     # mã cơ quan tổ chức trong phân công, ví dụ [hoi-khuyen-hoc-vieng-lan]
to_chuc: trung-tam              # ai tổ chức, để tính chỉ tiêu: trung-tam (Trung tâm; mặc định), cau-lac-bo hoặc khac
dien_thoai: null                # số điện thoại liên hệ, ví dụ "0912 345 678"
ban: null                       # mã bản nơi tổ chức (danh sách ban trong mkdocs.yml), ví dụ ban-lan
mo_ta: ""                       # mô tả, có thể viết nhiều dòng sau dấu | và dùng **chữ đậm**
anh: null                       # ảnh minh họa: đường dẫn trong thư mục content, ví dụ assets/anh/hoi-sach.jpg
lien_ket: []                    # liên kết; mỗi liên kết một dòng: - {{ ten: "Thể lệ", url: "https://…" }}
trang_thai: xac_nhan            # xac_nhan (đã xác nhận), du_kien (dự kiến) hoặc huy (đã hủy)
da_to_chuc: []                  # ghi SAU KHI tổ chức, mỗi buổi một dòng: - {{ ngay: {today:%Y-%m-%d}, nguoi_tham_gia: 120, bai_viet: ten-bai-viet }}
ngay_ky_niem: null              # mã ngày kỷ niệm mà hoạt động hưởng ứng, ví dụ ngay-sach-va-van-hoa-doc
ke_hoach: []                    # mục kế hoạch mà sự kiện thực hiện, ví dụ [hoc-tap-suot-doi-den-2030#II.1]
quyet_dinh: null                # văn bản quyết định tổ chức, nếu có
cap_nhat: null                  # ngày giờ sửa gần nhất, ví dụ "{today:%Y-%m-%d} 08:00"
phien_ban: 0                    # tăng thêm 1 mỗi lần đổi giờ hoặc địa điểm (để lịch trên điện thoại cập nhật)
mau: false                      # true = dữ liệu mẫu (minh họa): trang hiện thông báo "Dữ liệu mẫu"
"""


def event_file_schema(schema: dict) -> dict:
    """An event file holds one event, or a list of events under ``su_kien``."""
    defs = schema.pop("$defs", {})
    plans = schema["properties"]["ke_hoach"]        # one citation, or a list of them
    schema["properties"]["ke_hoach"] = {"anyOf": [{"type": "string"}, plans], "default": plans.get("default")}
    bodies = schema["properties"]["co_quan"]         # one body id, or a list of them
    schema["properties"]["co_quan"] = {"anyOf": [{"type": "string"}, bodies], "default": bodies.get("default")}
    held = schema["properties"]["da_to_chuc"]        # one record, or a list of them
    schema["properties"]["da_to_chuc"] = {"anyOf": [held["items"], held], "default": held.get("default")}
    defs["SuKien"] = schema
    return {
        "$defs": defs,
        "anyOf": [
            {"$ref": "#/$defs/SuKien"},
            {"type": "object", "additionalProperties": False, "required": ["su_kien"],
             "properties": {"su_kien": {"type": "array", "items": {"$ref": "#/$defs/SuKien"}}}},
        ],
    }
