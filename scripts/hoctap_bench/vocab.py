"""Seeded Vietnamese vocabulary of the domain: community learning centres, clubs, classes, villages."""

FAMILY = ["Lò", "Quàng", "Vì", "Cầm", "Lường", "Tòng", "Hà", "Điêu", "Nguyễn", "Đinh", "Hoàng", "Lê",
          "Mùa", "Giàng", "Sồng", "Bạc"]
MIDDLE = ["Văn", "Thị", "Văn", "Thị", "Minh", "Thu"]
GIVEN = ["Xuân", "Minh", "Lan", "Hùng", "Thanh", "Hoa", "Bình", "Dũng", "Hương", "Phong", "Tâm", "Mai",
         "Chiến", "Duyên", "Khánh", "Nhung", "Sơn", "Thủy", "Tuấn", "Yến", "Pấng", "Ín", "Lả", "Piềng"]

# (ascii slug, Vietnamese title, chuyen_muc, event category, tags)
TOPICS = [
    ("tuan-le-hoc-tap", "Tuần lễ hưởng ứng học tập suốt đời", "hoc-tap-suot-doi", "tuyen-truyen",
     ["học tập suốt đời", "xã hội học tập"]),
    ("gia-dinh-hoc-tap", "Bình xét gia đình học tập, dòng họ học tập", "hoc-tap-suot-doi", "hoi-thi",
     ["gia đình học tập", "khuyến học"]),
    ("ngay-sach", "Ngày Sách và Văn hóa đọc", "van-hoa-doc", "doc-sach", ["văn hóa đọc", "tủ sách"]),
    ("tu-sach-ban", "Tủ sách cộng đồng ở bản", "van-hoa-doc", "doc-sach", ["tủ sách", "thiếu nhi"]),
    ("lop-nghe-may", "Lớp nghề may công nghiệp", "lop-hoc", "tuyen-truyen", ["lớp nghề", "lao động nông thôn"]),
    ("ky-thuat-xoai", "Chuyển giao kỹ thuật chăm sóc xoài", "lop-hoc", "tuyen-truyen",
     ["kỹ thuật nông nghiệp", "cây ăn quả"]),
    ("lop-tin-hoc", "Lớp tin học cho người dân", "lop-hoc", "tuyen-truyen", ["tin học", "chuyển đổi số"]),
    ("xoa-mu-chu", "Lớp xóa mù chữ cho phụ nữ", "lop-hoc", "tuyen-truyen", ["xóa mù chữ", "phụ nữ"]),
    ("van-nghe-xoe", "Hội diễn văn nghệ và múa xòe", "van-nghe", "le-hoi", ["múa xòe", "dân ca Thái"]),
    ("chieu-phim", "Chiếu phim lưu động", "van-nghe", "chieu-phim", ["chiếu phim", "bản vùng cao"]),
    ("bong-chuyen", "Giải bóng chuyền các bản", "van-nghe", "the-thao", ["thể thao", "bóng chuyền"]),
    ("trien-lam-anh", "Triển lãm ảnh bản làng đổi mới", "van-nghe", "trien-lam", ["triển lãm", "di sản"]),
    ("thong-bao-lich", "Thông báo lịch sinh hoạt tại nhà văn hóa", "thong-bao", "tuyen-truyen",
     ["thông báo", "nhà văn hóa"]),
    ("phong-chay-rung", "Tuyên truyền phòng chống cháy rừng", "thong-bao", "tuyen-truyen",
     ["tuyên truyền", "phòng cháy"]),
]

SUBJECTS = ["Trung tâm Văn hóa – Học tập cộng đồng xã", "Hội Khuyến học xã", "Đoàn Thanh niên xã",
            "Hội Liên hiệp Phụ nữ xã", "Ban quản lý bản", "Hội Nông dân xã", "Chi hội người cao tuổi",
            "Câu lạc bộ đọc sách", "Bộ phận Văn hóa – Xã hội", "Trường Tiểu học và THCS"]
VERBS = ["đã tổ chức", "phối hợp tổ chức", "tiếp tục duy trì", "vừa khai giảng", "đã hoàn thành",
         "triển khai", "hướng dẫn bà con tham gia", "phát động"]
OBJECTS = ["buổi sinh hoạt câu lạc bộ", "lớp nghề cho lao động nông thôn", "buổi nói chuyện chuyên đề",
           "phong trào học tập suốt đời", "ngày hội đọc sách", "lớp kỹ thuật chăn nuôi", "hội thi kể chuyện theo sách",
           "buổi tập văn nghệ", "giải thể thao", "buổi chiếu phim tài liệu", "lớp học tiếng Thái",
           "chương trình chuyển đổi số cho người dân"]
PLACES = ["tại nhà văn hóa {ban}", "ở sân nhà văn hóa {ban}", "tại hội trường Trung tâm xã",
          "tại điểm trường {ban}", "ngay tại nương của bà con {ban}", "tại thư viện xã"]
PEOPLE = ["bà con các bản", "hội viên phụ nữ", "đoàn viên thanh niên", "các cháu thiếu nhi",
          "người cao tuổi", "lao động nông thôn", "các gia đình học tập", "học viên lớp nghề"]
DETAILS = [
    "Mỗi buổi sinh hoạt kéo dài khoảng hai giờ, bắt đầu sau giờ làm nương.",
    "Nhiều gia đình đi bộ từ các cụm dân cư xa xuống tham dự.",
    "Cán bộ Trung tâm hướng dẫn cách mượn sách và ghi sổ theo dõi.",
    "Các học viên được phát tài liệu in bằng tiếng Việt và tiếng Thái.",
    "Chương trình xen kẽ phần hỏi đáp, kể chuyện và biểu diễn văn nghệ.",
    "Kinh phí được hỗ trợ từ nguồn xã hội hóa và ngân sách xã.",
    "Người tham gia đều được ghi tên vào sổ theo dõi của Trung tâm.",
    "Sau buổi học, bà con ở lại trao đổi kinh nghiệm sản xuất.",
    "Các cháu thiếu nhi được tặng sách và vở viết.",
    "Trung tâm ghi nhận nhiều ý kiến đề xuất mở thêm lớp học mới.",
    "Bà con mang theo nông sản của gia đình để giới thiệu với các bản bạn.",
    "Đội văn nghệ của bản biểu diễn các tiết mục xòe vòng và hát dân ca.",
]
NUMBERS = ["gần {n} người", "hơn {n} lượt người", "{n} học viên", "khoảng {n} bà con"]
HEADINGS = ["Kết quả", "Ý kiến của bà con", "Kế hoạch thời gian tới", "Một số hình ảnh", "Những việc cần làm tiếp"]
LIST_ITEMS = ["đăng ký tham gia tại nhà văn hóa bản", "mang theo sổ ghi chép", "liên hệ trưởng bản để được hướng dẫn",
              "đọc thêm tài liệu tại tủ sách của bản", "giữ gìn tài sản chung của nhà văn hóa",
              "tham gia đầy đủ các buổi học", "báo cho cán bộ Trung tâm khi vắng mặt"]

EVENT_TITLES = {
    "ngay-ky-niem": ["Lễ kỷ niệm ngày thành lập xã", "Mít tinh kỷ niệm Ngày Gia đình Việt Nam",
                     "Kỷ niệm Ngày Khuyến học Việt Nam"],
    "le-hoi": ["Lễ hội Xên bản", "Hội xuân các bản", "Ngày hội Văn hóa các dân tộc"],
    "hoi-thi": ["Hội thi kể chuyện theo sách", "Hội thi Gia đình học tập", "Hội thi tìm hiểu pháp luật"],
    "chieu-phim": ["Chiếu phim lưu động", "Chiếu phim tài liệu phòng chống ma túy"],
    "trien-lam": ["Triển lãm ảnh Bản làng đổi mới", "Trưng bày sản phẩm thổ cẩm"],
    "tuyen-truyen": ["Nói chuyện chuyên đề kỹ thuật trồng ngô", "Tuyên truyền an toàn giao thông",
                     "Hướng dẫn dịch vụ công trực tuyến"],
    "the-thao": ["Giải bóng chuyền hơi", "Giải kéo co, đẩy gậy", "Ngày chạy Olympic vì sức khỏe"],
    "doc-sach": ["Ngày hội đọc sách", "Đọc sách cùng con", "Phiên mượn sách lưu động"],
}
LUNAR = [  # (ngay_am, first solar date in 2026, title); checked by hoctap check against its own lunar calendar
    ("1/1", "2026-02-17", "Tết Nguyên đán ở bản"),
    ("15/1", "2026-03-03", "Lễ Thượng nguyên"),
    ("10/3", "2026-04-26", "Giỗ Tổ Hùng Vương"),
    ("15/4", "2026-05-31", "Lễ Phật đản"),
    ("5/5", "2026-06-19", "Tết Đoan ngọ"),
    ("15/7", "2026-08-27", "Lễ Vu lan"),
    ("15/8", "2026-09-25", "Tết Trung thu cho thiếu nhi"),
    ("9/9", "2026-10-18", "Tết Trùng cửu"),
]
CLUB_THEMES = [
    ("van-nghe", "Văn nghệ", "Văn nghệ – múa xòe, hát dân ca Thái"),
    ("doc-sach", "Đọc sách", "Đọc sách và kể chuyện theo sách"),
    ("bong-chuyen", "Bóng chuyền", "Thể thao – bóng chuyền hơi"),
    ("duong-sinh", "Dưỡng sinh", "Dưỡng sinh cho người cao tuổi"),
    ("theu-tho-cam", "Thêu thổ cẩm", "Thêu thổ cẩm truyền thống"),
    ("nuoi-ong", "Nuôi ong", "Kinh nghiệm nuôi ong lấy mật"),
    ("dan-tinh", "Đàn tính", "Đàn tính tẩu và hát then"),
    ("tieng-thai", "Chữ Thái", "Học chữ Thái cổ"),
]
CLASS_THEMES = [
    ("lop_nghe", "may", "Lớp nghề may công nghiệp", "May công nghiệp – sơ cấp nghề"),
    ("lop_nghe", "sua-xe", "Lớp sửa chữa xe máy", "Sửa chữa xe máy – sơ cấp nghề"),
    ("chuyen_giao_ky_thuat", "ghep-xoai", "Lớp kỹ thuật ghép xoài", "Kỹ thuật ghép và chăm sóc xoài"),
    ("chuyen_giao_ky_thuat", "chan-nuoi", "Lớp kỹ thuật chăn nuôi lợn", "Chăn nuôi lợn đen bản địa"),
    ("lop_nang_khieu", "mua-xoe", "Lớp múa xòe thiếu nhi", "Múa xòe cho thiếu nhi"),
    ("lop_nang_khieu", "ve", "Lớp vẽ thiếu nhi", "Vẽ tranh cho thiếu nhi"),
]
COVERS = ["assets/news/chieu-phim.png", "assets/news/hoi-thi-tim-hieu.png", "assets/news/lop-tin-hoc.png",
          "assets/news/lop-cham-soc-xoai.png", "assets/news/trien-lam-anh.png", "assets/news/xoe-ban-lan.png"]
