"""Consistency checks across kinds (issue #15, point 5): no content files of its own, no pages;
it loads after news, the calendar and clubs and reports contradictions between them
(``checks.py`` says what is an error and what a warning)."""

from __future__ import annotations

from ...site.registry import Kind
from .checks import check_consistency, check_edited

CONSISTENCY = Kind(
    name="kiem-tra", label="Kiểm tra nhất quán",
    load=check_consistency,
    edit_checks=(check_edited,),
    requires=("su-kien", "tin-tuc", "cau-lac-bo"),
    anchors=(
        (r"mà bài dẫn \(su_kien\) diễn ra", "ngay-bai-va-su-kien"),
        (r"^anh_bia: Ảnh bìa .* mang năm", "nam-anh-bia"),
        (r"rơi vào dịp Tết Nguyên đán", "su-kien-ngay-tet"),
        (r"không có câu lạc bộ nào tên như vậy", "ten-cau-lac-bo"),
        (r"có dạng số mẫu|dùng tên miền mẫu", "lien-he-mau"),
    ),
)
