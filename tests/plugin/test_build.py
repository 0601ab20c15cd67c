"""The build command (plugins/build.py): a failed or interrupted build loses nothing, a
rebuild redoes only what changed, and another portal's folders are given to it (and to make).

The site is built into a temporary folder and replaces `output/` only when the whole build
succeeded; bad data is reported in Vietnamese, without a traceback.
"""

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT, copy_real
from tests.helpers import edit, set_cell
from tests.plugin.support import run_build, snapshot


@pytest.fixture(scope="module")
def good_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("build")
    data = copy_real(tmp)
    output = tmp / "output"
    done = run_build(output, data)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    return tmp, data, output, snapshot(output)


def test_bad_data_stops_the_build_and_keeps_the_last_good_output(good_site):
    tmp, data, output, before = good_site
    broken = copy_real(tmp / "broken")
    edit(broken / "2023/scores.csv", set_cell(30, "sipas", "mười bốn"))
    done = run_build(output, broken)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 1
    assert "2023/scores.csv, dòng 30, cột 'sipas': giá trị 'mười bốn'" in err
    assert "giữ nguyên" in err and "Traceback" not in out + err
    assert snapshot(output) == before


def test_a_printed_index_beyond_rounding_stops_the_build_and_keeps_the_last_good_output(
        good_site):
    tmp, _, output, before = good_site
    typo = copy_real(tmp / "typo")
    edit(typo / "2023/scores.csv", set_cell(25, "index_published", "83.08"))  # printed 78,08
    done = run_build(output, typo)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 1
    assert ("LỖI 2023/scores.csv, dòng 25, cột 'index_published': giá trị '83,08' — UBND "
            "huyện Kế Sách: chỉ số công bố 83,08, tính lại 78,08") in err
    assert "giữ nguyên" in err and "Traceback" not in out + err
    assert snapshot(output) == before


def test_warnings_are_shown_and_do_not_stop_the_build(good_site, tmp_path):
    _, _, _, _ = good_site
    data = copy_real(tmp_path)
    edit(data / "2023/innovations.csv", set_cell(3, "summary", ""))
    done = run_build(tmp_path / "out", data)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    assert "CẢNH BÁO 2023/innovations.csv, dòng 3, cột 'summary'" in out + err


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "kill"])
def test_an_interrupted_build_keeps_the_last_good_output(good_site, sig):
    tmp, data, output, before = good_site
    proc = run_build(output, data, "--force", start_new_session=True)
    deadline = time.monotonic() + 120
    # wait until the build is writing its temporary folder, then interrupt it half-way
    while not any(p.name.startswith(".output-") and not p.name.startswith(".output-folders-")
                  for p in output.parent.iterdir()):
        assert proc.poll() is None and time.monotonic() < deadline, "build ended too early"
        time.sleep(0.02)
    os.killpg(proc.pid, sig)
    proc.communicate(timeout=120)
    assert proc.returncode != 0
    assert snapshot(output) == before


def test_a_rebuild_with_nothing_changed_does_nothing(good_site):
    _, data, output, before = good_site
    done = run_build(output, data)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0 and "Không có gì thay đổi" in out
    assert "CẢNH BÁO 2023/innovations.csv" in err  # the data's warnings are shown again
    assert snapshot(output) == before


def test_a_cached_rebuild_equals_a_clean_build_file_by_file(tmp_path):
    from plugins.build import build

    data = copy_real(tmp_path)
    cache = tmp_path / "cache"
    build(tmp_path / "site", data=data, cache=cache)  # fills the store
    for column, value in (("sipas", "15.34"), ("total_published", ""), ("index_published", "")):
        edit(data / "2023/scores.csv", set_cell(21, column, value))  # Mỹ Xuyên: 83,84 → 84,90
    stats = build(tmp_path / "site", data=data, cache=cache).stats
    # unchanged pages and charts come from the store; the changed ones are new
    assert stats.charts_reused > 0 and stats.charts_rendered > 0
    assert 0 < stats.pages_reused < stats.pages - 5
    # every profile of the group shows its mean and highest beside the agency (the profile's
    # table beside its group), so the eleven districts' profiles change with Mỹ Xuyên's (22
    # pages with their English ones); with the year's, the directory's, the audit's, the
    # report's and the pages with a Markdown note (never stored) 43 of 142 are rendered. Page
    # keys do not depend on which worker built a page before (it was 51 to 99 before that)
    assert stats.pages_reused >= stats.pages * 2 // 3
    clean = build(tmp_path / "clean", data=data, cache=tmp_path / "empty-cache")
    files = snapshot(clean.output)
    assert snapshot(tmp_path / "site") == files
    # every kind of output is compared: pages, API, embeds, charts, PNGs, workbooks, index
    for kind in ("api/v1/", "nhung/", ".svg", ".png", ".xlsx", ".csv", "pagefind/"):
        assert any(kind in path for path in files), kind
    profile = "don-vi/ubnd-huyen-my-xuyen/index.html"
    assert "84,90" in (clean.output / profile).read_text(encoding="utf-8")


def test_the_preview_indexes_the_new_site_in_place_after_the_swap(tmp_path):
    import gzip

    from plugins.build import build, settle

    data, site = copy_real(tmp_path), tmp_path / "site"
    build(site, data=data, cache=tmp_path / "cache")
    for column, value in (("sipas", "15.34"), ("total_published", ""), ("index_published", "")):
        edit(data / "2023/scores.csv", set_cell(21, column, value))  # Mỹ Xuyên: 83,84 → 84,90
    build(site, data=data, cache=tmp_path / "cache", search_after_swap=True)
    # the search finds the new index once the build has returned
    found = (site / "pagefind").rglob("*.pf_fragment")
    fragments = [gzip.decompress(f.read_bytes()) for f in found]
    assert any(b"84,90" in f for f in fragments)
    assert "84,90" in (site / "don-vi/ubnd-huyen-my-xuyen/index.html").read_text(encoding="utf-8")
    settle()  # the replaced site's files are removed after the build has returned
    left = list(tmp_path.glob(".output-*"))  # its folders are the next build's
    assert [p.name for p in left] == [".output-folders-site"]
    assert not any(p.is_file() for p in left[0].rglob("*"))


def test_a_forced_rebuild_renders_every_page_and_reuses_the_charts(tmp_path):
    from plugins.build import build

    data, cache = copy_real(tmp_path), tmp_path / "cache"
    first = build(tmp_path / "site", data=data, cache=cache).stats
    forced = build(tmp_path / "site", data=data, cache=cache, force=True).stats
    assert forced.pages == first.pages and forced.pages_reused == 0
    assert forced.charts_rendered == 0
    assert forced.charts_reused == first.charts_rendered + first.charts_reused


def test_progress_is_reported_stage_by_stage(tmp_path):
    from plugins.build import build

    lines: list[tuple[str, str]] = []
    build(tmp_path / "site", data=copy_real(tmp_path), cache=tmp_path / "cache",
          progress=lambda stage, count, line: lines.append((stage, line)))
    stages = [stage for stage, _ in lines]
    assert stages == ["load", "score", "models", "pages", "downloads", "charts", "search"]
    assert "Trang: " in lines[3][1] and "giây" in lines[3][1]


def test_another_portal_is_built_from_its_own_folders_relative_to_where_it_runs(tmp_path):
    """`--data`, `--content`, `--output` (what `make site DATA= CONTENT= OUTPUT=` passes), as
    relative paths from the folder the command runs in."""
    copy_real(tmp_path)
    content = shutil.copytree(ROOT / "content", tmp_path / "content")
    about = content / "pages" / "gioi-thieu.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nTrang của cổng khác.\n",
                     encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "plugins.build", "--data", "data", "--content", "content",
         "--output", "trang", "--cache", "cache"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "Trang của cổng khác." in (tmp_path / "trang/gioi-thieu/index.html").read_text(
        encoding="utf-8")
    assert (tmp_path / "trang/don-vi/ubnd-huyen-my-xuyen/index.html").is_file()


@pytest.mark.parametrize("target", ["site", "serve"])
def test_make_passes_the_portals_folders_to_the_command(target):
    def command(*variables: str) -> str:
        # --no-print-directory: under `make test` this make is nested and would say where it is
        done = subprocess.run(["make", "--no-print-directory", "-n", target, *variables],
                              cwd=ROOT, capture_output=True, text=True, check=True)
        return done.stdout.strip().splitlines()[-1]

    module = "plugins.build" if target == "site" else "plugins.serve"
    assert command().endswith(
        f'-m {module} --data "data" --content "content" --output "output"')
    assert command("DATA=../tinh x/data", "CONTENT=../tinh x/content", "OUTPUT=/tmp/o").endswith(
        f'-m {module} --data "../tinh x/data" --content "../tinh x/content" --output "/tmp/o"')
    if target == "site":  # an office without the parindex command accepts a removal with make
        assert command("ACCEPT_REMOVALS=1").endswith('--output "output" --accept-removals')


# ---- Malformed input and removals (issue 18) ----------------------------------------------------

def test_a_site_without_field_scores_builds_and_says_so(good_site, tmp_path):
    """Case 1: no year has field scores (a province that publishes none)."""
    data = copy_real(tmp_path)
    (data / "2023/field_scores.csv").unlink()
    done = run_build(tmp_path / "out", data)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    assert "CẢNH BÁO fields.csv: fields.csv có 8 lĩnh vực nhưng không năm nào có điểm" in err
    assert not (tmp_path / "out/chi-so/2023/linh-vuc").exists()
    assert (tmp_path / "out/chi-so/2023/index.html").is_file()


def test_a_misnamed_year_folder_stops_the_build(good_site):
    """Case 1 and 8: the year is not read, so the build is refused, the old site kept."""
    tmp, _, output, before = good_site
    broken = copy_real(tmp / "misnamed")
    (broken / "2023").rename(broken / "năm 2023")
    done = run_build(output, broken)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 1 and "Traceback" not in out + err
    assert "LỖI năm 2023/: giá trị 'năm 2023' — thư mục của một năm phải mang đúng tên năm" in err
    assert snapshot(output) == before


def test_removals_are_a_year_or_more_than_a_few_agencies():
    from plugins.build import removals

    old = {2022: {"a": "Sở A"}, 2023: {u: f"Sở {u.upper()}" for u in "abcdef"}}
    assert removals(old, old) == ""
    assert removals(old, {**old, 2023: {u: "" for u in "abc"}}) == ""  # three: a few
    assert removals(old, {2023: old[2023]}) == "- năm 2022: kết quả của 1 đơn vị"
    assert removals(old, {**old, 2023: {"a": "Sở A", "f": "Sở F"}}).splitlines() == [
        f"- Sở {u.upper()} ({u}), năm 2023" for u in "bcde"]
    assert removals({}, old) == ""  # the first build


GONE = ["so-giao-duc-va-dao-tao", "ban-quan-ly-cac-khu-cong-nghiep",
        "so-nong-nghiep-va-phat-trien-nong-thon", "so-thong-tin-va-truyen-thong"]


def without(data, units):
    """`data` with every row of the agencies `units` taken out of each year's tables."""
    for path in data.glob("*/*.csv"):
        edit(path, lambda header, body: body.__setitem__(slice(None), [
            r for r in body if "unit_id" not in header
            or r[header.index("unit_id")] not in units]))
    return data


def test_a_build_that_would_take_agencies_off_the_site_asks_first(good_site, tmp_path):
    tmp, _, output, before = good_site
    data = without(copy_real(tmp_path), GONE)
    done = run_build(output, data)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 1 and "Traceback" not in out + err
    assert "Bản dựng mới sẽ xóa khỏi trang web:\n- Sở Giáo dục và Đào tạo " \
           "(so-giao-duc-va-dao-tao), năm 2023\n" in err
    assert "--accept-removals" in err and "giữ nguyên" in err
    assert snapshot(output) == before
    accepted = shutil.copytree(output, tmp_path / "accepted")
    done = subprocess.run([sys.executable, "-m", "parindex.cli", "build", "--data", str(data),
                           "--output", str(accepted), "--accept-removals"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    from plugins.build import published
    assert set(published(accepted)[2023]) == set(published(output)[2023]) - set(GONE)


def test_a_build_that_would_take_a_year_off_the_site_asks_first(good_site, tmp_path):
    tmp, _, output, before = good_site
    data = copy_real(tmp_path)
    shutil.rmtree(data / "2023")
    done = run_build(output, data)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 1 and "- năm 2023: kết quả của 40 đơn vị" in err
    assert snapshot(output) == before


def test_an_edited_article_renders_no_data_page_again_and_the_portal_name_renders_all(tmp_path):
    from plugins.build import build

    data, content = copy_real(tmp_path), tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(site, data=data, content=content, cache=cache)
    article = sorted((content / "tin-tuc").glob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nMột câu mới.\n",
                       encoding="utf-8")
    stats = build(site, data=data, content=content, cache=cache).stats
    # rendered again (8): the home page (its news), the pages with a Markdown note (two
    # agencies and the method, in both languages), the API's documentation page; written
    # apart from the data pages (6): the three editors' pages in English, the search page,
    # the downloads page in both languages (it gives the files' sizes)
    assert stats.pages_reused == stats.pages - 8 - 6
    clean = build(tmp_path / "clean", data=data, content=content, cache=tmp_path / "empty")
    assert snapshot(site) == snapshot(clean.output)

    # the portal's name is on every page, though in no page's model
    descriptor = data / "datapackage.json"
    descriptor.write_text(descriptor.read_text(encoding="utf-8").replace(
        "Chỉ số cải cách hành chính tỉnh Sóc Trăng", "Chỉ số CCHC của một tỉnh", 1),
        encoding="utf-8")
    stats = build(site, data=data, content=content, cache=cache).stats
    assert stats.pages_reused == 0
    assert "Chỉ số CCHC của một tỉnh" in (site / "don-vi/so-tu-phap/index.html").read_text(
        encoding="utf-8")
    clean = build(tmp_path / "clean-2", data=data, content=content, cache=tmp_path / "empty-2")
    assert snapshot(site) == snapshot(clean.output)


def folders(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir())


def test_a_rebuild_starts_from_the_last_outputs_folders_and_leaves_none_empty(tmp_path):
    """The replaced output, emptied of its files after the build returned, is where the next
    build writes (not 41.000 folders made again at national size): a folder of a year taken
    off is gone, and the site is a clean build's, folder by folder and file by file."""
    from plugins.build import build, settle

    data, cache, site = copy_real(tmp_path), tmp_path / "cache", tmp_path / "site"
    build(site, data=data, cache=cache)
    build(site, data=data, cache=cache, force=True)
    settle()
    spare = tmp_path / ".output-folders-site"
    assert folders(spare) == folders(site) and not any(p.is_file() for p in spare.rglob("*"))
    shutil.rmtree(data / "2023")
    build(site, data=data, cache=cache, accept_removals=True)
    settle()
    clean = build(tmp_path / "clean", data=data, cache=tmp_path / "empty").output
    assert "chi-so/2021" in folders(site) and "chi-so/2023" not in folders(site)
    assert folders(site) == folders(clean)
    assert snapshot(site) == snapshot(clean)
