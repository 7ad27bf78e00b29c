"""The templates of a new club or class (``hoctap new cau-lac-bo``, ``hoctap new lop-hoc``)
and the JSON Schema of their files."""

from __future__ import annotations

from datetime import date, timedelta

from ...site.registry import yaml_quote as _q


def _or_string(schema: dict) -> dict:
    """A field whose validator also accepts a plain string (one item, or a place name)."""
    return {"anyOf": [{"type": "string"}, {k: v for k, v in schema.items() if k != "default"}],
            **({"default": schema["default"]} if "default" in schema else {})}


def club_file_schema(schema: dict) -> dict:
    props = schema["properties"]
    for name in ("dia_diem", "ke_hoach", "co_quan"):
        props[name] = _or_string(props[name])
    photos = props["anh"]
    photos["items"] = {"anyOf": [{"type": "string"}, photos["items"]]}
    rule = schema["$defs"]["ScheduleRule"]["properties"]
    for name in ("dia_diem", "thu"):
        rule[name] = _or_string(rule[name])
    return schema


def club_scaffold(title: str, slug: str, today: date, course: bool = False) -> str:
    head = f"""# Số điện thoại, tên người phụ trách: thay bằng thông tin thật trước khi đăng.
ma: {slug}                      # mã: địa chỉ trang và mã lịch; không đổi sau khi đăng
ten: {_q(title)}                # BẮT BUỘC: tên đầy đủ
"""
    if course:
        kind = """loai: lop_nghe                   # lop_nang_khieu, lop_nghe hoặc chuyen_giao_ky_thuat
doi_tuong: ""                   # BẮT BUỘC: người học, ví dụ "Phụ nữ các bản, từ 16 tuổi"
bat_dau: "{d}"              # ngày khai giảng
ket_thuc: "{e}"             # ngày kết thúc khóa học
""".format(d=f"{today:%Y-%m-%d}", e=f"{today + timedelta(days=56):%Y-%m-%d}")
    else:
        kind = f"""loai: cau_lac_bo                # cau_lac_bo, doi hoặc nhom_so_thich
thanh_lap: null                 # ngày thành lập, ví dụ {today:%Y-%m-%d}
"""
    schedule = "lich_hoc" if course else "lich"
    tail = f"""chu_de: ""                      # BẮT BUỘC: chủ đề, ví dụ "Văn nghệ – múa xòe, hát dân ca Thái"
ban: null                       # mã bản trong mkdocs.yml (ví dụ ban-lan); null = trung tâm xã
{schedule}:                          # lịch; mỗi dòng lịch bắt đầu bằng dấu -
  - thu: [T7]                   # thứ: T2 … T7, CN
    gio_bat_dau: "19:30"        # giờ bắt đầu, trong dấu ngoặc kép
    gio_ket_thuc: "21:00"       # giờ kết thúc
#   tuan_thu: 1                 # chỉ tuần thứ mấy trong tháng (-1 = tuần cuối)
#   bo_ngay: [{today.year}-09-02]       # các ngày nghỉ
nha_van_hoa: null               # mã nhà văn hóa nơi sinh hoạt (events/…/nha-van-hoa/), ví dụ nha-van-hoa-ban-lan
dia_diem: ""                    # BẮT BUỘC nếu không ghi nha_van_hoa (khi ghi thì xóa dòng này): nơi sinh hoạt khác, ví dụ "Sân bóng bản Púng"
nguoi_phu_trach:                # người phụ trách
  ho_ten: ""                    # BẮT BUỘC: họ tên
  dien_thoai: ""                # BẮT BUỘC: số điện thoại, ví dụ "0912 345 678"
  zalo: null                    # số Zalo nếu khác số điện thoại
thanh_vien: null                # số thành viên (học viên)
mo_ta: ""                       # giới thiệu; có thể viết nhiều dòng sau dấu |
anh: []                         # ảnh trong thư mục content, ví dụ [assets/clubs/ten-anh.jpg]
ke_hoach: []                    # mục kế hoạch mà {"lớp" if course else "câu lạc bộ"} thực hiện, ví dụ [hoc-tap-suot-doi-den-2030#II.2]
co_quan: []                     # mã cơ quan phụ trách trong phân công, ví dụ [hoi-khuyen-hoc-vieng-lan]
cap_nhat: null                  # ngày sửa gần nhất
buoi_sinh_hoat: []              # số buổi ĐÃ tổ chức mỗi tháng: - {{ thang: {today:%Y-%m}, so_buoi: 8, binh_quan: 20 }}
mau: false                      # true = dữ liệu mẫu (tên, số liệu, số điện thoại minh họa): trang hiện thông báo "Dữ liệu mẫu"
"""
    if course:
        tail += """hoc_phi: Miễn phí               # học phí
so_cho: null                    # số chỗ
dang_ky: null                   # cách đăng ký; thay null bằng: { cach: "Báo tên với trưởng bản", han: 2026-05-01 }
trang_thai: null                # để trống: tính từ ngày học; ghi đè: da_du, tam_hoan hoặc da_ket_thuc
ly_do_trang_thai: null          # bắt buộc khi ghi đè trang_thai, ví dụ "Đã đủ 30 học viên"
nhu_cau: ""                     # BẮT BUỘC: mục kế hoạch nêu nhu cầu mở lớp, ví dụ hoc-tap-suot-doi-den-2030#II.1
khao_sat: null                  # chủ đề khảo sát nhu cầu mà lớp đáp ứng: ma-khao-sat#ma-chu-de
"""
    return head + kind + tail
