"""Sessions of clubs and classes held, recorded in bulk per month (``buoi_sinh_hoat`` on the club
or class file: ``{thang: 2026-03, so_buoi: 8, binh_quan: 21}``). The schedule rule says what was
*scheduled*; only these records say what was *held* (issue #15)."""

from __future__ import annotations

from datetime import date

from ...core.dates import month_label


def check_records(item, located, problems, today: date) -> None:
    seen: dict[tuple[int, int], int] = {}
    for i, record in enumerate(item.sessions_held):
        field = f"buoi_sinh_hoat[{i + 1}].thang"
        line = located.line_of(("buoi_sinh_hoat", i, "thang"))
        year, month = record.year_month
        if not 1 <= month <= 12:
            problems.add(located.path, line, field, f"Tháng '{record.month}' không có.", "viết năm-tháng, ví dụ 2026-03")
            continue
        if date(year, month, 1) > today:
            problems.add(located.path, line, field,
                         f"{month_label(year, month)} chưa tới, chưa thể ghi số buổi đã tổ chức.")
        if (year, month) in seen:
            problems.add(located.path, line, field,
                         f"{month_label(year, month)} đã được ghi ở buoi_sinh_hoat[{seen[(year, month)] + 1}].",
                         "mỗi tháng ghi một dòng")
        seen.setdefault((year, month), i)
        start, end = getattr(item, "start", None), getattr(item, "end", None)
        if start is not None and not (start.year, start.month) <= (year, month) <= (end.year, end.month):
            problems.add(located.path, line, field,
                         f"{month_label(year, month)} nằm ngoài thời gian của lớp "
                         f"({start:%d/%m/%Y} – {end:%d/%m/%Y}).")
