"""Problem codes (parindex/data/problems.py): one registry, every code in it, each documented.

A code used anywhere in the core is registered; a registered code is used and listed in the
README's table; a problem of an unregistered code cannot be made; a problem's text names where
it is and what was expected.
"""

import re

import pytest

from parindex.data.dataset import load
from parindex.data.problems import CODES, Problem, problem
from tests.conftest import ROOT, copy_real
from tests.helpers import edit, set_cell

USE = re.compile(r"""\bcode=["']([^"']+)["']""")  # problem(code="…"), raw.problem(code="…")


def used_codes() -> dict[str, list[str]]:
    """Each code the core's source names, with the files that name it (not the registry)."""
    used: dict[str, list[str]] = {}
    for path in sorted((ROOT / "parindex").rglob("*.py")):
        for code in USE.findall(path.read_text(encoding="utf-8")):
            used.setdefault(code, []).append(path.relative_to(ROOT).as_posix())
    return used


def readme_codes() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Problem codes", 1)
    assert len(section) == 2, "README has no 'Problem codes' section"
    body = section[1].split("\n#", 1)[0]
    return re.findall(r"^\| `([^`]+)` \|", body, flags=re.MULTILINE)


def test_every_code_used_in_the_core_is_registered():
    used = used_codes()
    assert len(used) > 20  # the pattern still finds the calls
    unregistered = {c: files for c, files in used.items() if c not in CODES}
    assert not unregistered


def test_every_registered_code_is_used():
    assert not set(CODES) - set(used_codes())


def test_every_registered_code_is_in_the_readme_table_once():
    listed = readme_codes()
    assert sorted(listed) == sorted(CODES)


def test_every_code_has_a_title_and_templates_fill():
    for code in CODES.values():
        assert code.title and code.severity in ("error", "warning")
        if code.template is not None:
            names = re.findall(r"\{(\w+)\}", code.template)
            text = code.expected(**{n: "X" for n in names})
            assert "{" not in text and "}" not in text


def test_an_unregistered_code_is_refused():
    with pytest.raises(ValueError, match="unregistered"):
        Problem(code="no-such-code", expected="…")
    with pytest.raises(ValueError, match="unregistered"):
        problem(code="no-such-code", expected="…")


def test_a_code_keeps_its_severity():
    assert problem(code="no-summary").severity == "warning"
    assert problem(code="type", expected="cần một số").severity == "error"
    with pytest.raises(ValueError, match="warning"):
        Problem(code="no-summary", expected="sáng kiến chưa có mô tả")


def test_a_code_without_template_needs_its_expectation():
    with pytest.raises(ValueError, match="template"):
        problem(code="above-maximum")


def test_a_problems_text_names_file_row_column_value_and_expectation():
    p = problem(code="minimum", file="2023/scores.csv", row=25, column="sipas", value="-1",
                fill={"minimum": "0"})
    assert str(p) == ("LỖI 2023/scores.csv, dòng 25, cột 'sipas': giá trị '-1' — "
                      "giá trị không được nhỏ hơn 0")
    w = problem(code="extra-column", file="scores.xlsx", sheet="2023", row=1, column="nam",
                hint="có phải ý bạn là 'name'?")
    assert str(w) == ("CẢNH BÁO scores.xlsx, trang tính '2023', dòng 1, cột 'nam': cột này "
                      "không có trong mô tả bảng và sẽ bị bỏ qua (có phải ý bạn là 'name'?)")


def test_a_problem_found_in_the_data_names_where_and_what(tmp_path):
    data = copy_real(tmp_path)
    edit(data / "2023/scores.csv", set_cell(30, "sipas", "mười bốn"))
    edit(data / "2023/scores.csv", set_cell(21, "self_assessment", "120"))
    _, report = load(data)
    texts = [str(p) for p in report.errors if p.file == "2023/scores.csv"]
    assert ("LỖI 2023/scores.csv, dòng 30, cột 'sipas': giá trị 'mười bốn' — "
            "cần một số, ví dụ 83,84 hoặc 83.84") in texts
    assert ("LỖI 2023/scores.csv, dòng 21, cột 'self_assessment': giá trị '120,0' — "
            "điểm không được lớn hơn điểm chuẩn tối đa (94,0)") in texts
