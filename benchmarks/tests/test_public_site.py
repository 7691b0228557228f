"""The public site section's figures, targets and rendering, from made-up loads: no browser, no
server, no wall-clock thresholds. (The browser half runs in `manage.py bench`.)"""

import doctest

from benchmarks import public_site, report
from benchmarks.management.commands.bench import Command
from benchmarks.public_site import Load, Resource, public_site_targets, render_public_site

HTML = Resource("http://127.0.0.1:1/", "document", "identity", 254_300, 254_000, 254_000, 55_800)
CSS = Resource("http://127.0.0.1:1/static/css/k.1.css", "link", "br", 5_100, 4_800, 25_000)
JS = Resource(
    "http://127.0.0.1:1/static/vendor/htmx/h.2.js", "script", "gzip", 15_600, 15_300, 52_200
)


def load(shapes_ms=500.0, first_paint_ms=480.0, resources=(HTML, CSS, JS)) -> Load:
    return Load(resources, shapes_ms=shapes_ms, shapes=342, first_paint_ms=first_paint_ms)


def test_doctests_pass():
    assert doctest.testmod(public_site).failed == 0


def test_a_load_sums_its_responses_and_names_the_uncompressed_ones():
    first = load()

    assert first.transfer_bytes == 254_300 + 5_100 + 15_600
    assert first.encoded_bytes == 254_000 + 4_800 + 15_300
    assert first.decoded_bytes == 254_000 + 25_000 + 52_200
    assert first.all_compressed_bytes == 55_800 + 4_800 + 15_300  # the HTML at its gzip size
    assert [r.path for r in first.uncompressed] == ["/"]


def test_the_map_counts_as_drawn_at_the_later_of_its_frame_and_the_first_paint():
    assert load(shapes_ms=500.0, first_paint_ms=480.0).drawn_ms == 500.0
    assert load(shapes_ms=500.0, first_paint_ms=530.0).drawn_ms == 530.0
    assert load(shapes_ms=500.0, first_paint_ms=None).drawn_ms == 500.0


def test_resources_take_the_encoding_per_url_and_gzip_only_the_uncompressed_bodies():
    entries = [
        {"url": "http://h/", "kind": "document", "transfer": 10, "encoded": 8, "decoded": 8},
        {"url": "http://h/a.css", "kind": "link", "transfer": 5, "encoded": 3, "decoded": 9},
    ]
    body = b"<path d='M0,0L1,1Z'/>" * 500

    html, css = public_site.resources_from(
        entries, {"http://h/a.css": "br"}, {"http://h/": body, "http://h/a.css": b"x"}
    )

    assert (html.encoding, css.encoding) == ("identity", "br")
    assert html.gzip_bytes == public_site.gzip_size(body) < len(body)
    assert css.gzip_bytes is None and css.compressed and not html.compressed


def test_targets_are_judged_on_the_worst_load():
    fast = [load(shapes_ms=400.0) for _ in range(4)]
    slow = load(shapes_ms=1_600.0, first_paint_ms=1_550.0)

    transfer, drawn = public_site_targets([*fast, slow])

    assert transfer.label == "PASS" and "sent uncompressed: `/`" in transfer.detail
    assert drawn.label == "FAIL"
    assert drawn.detail == "median 480 ms, worst 1600 ms of 5 cold loads"
    heavy = Resource("http://h/big.js", "script", "identity", 400_000, 400_000, 400_000)
    transfer, drawn = public_site_targets([load(resources=(HTML, CSS, JS, heavy))])
    assert transfer.label == "FAIL" and drawn.label == "PASS"


def test_targets_are_skipped_without_loads():
    assert [t.label for t in public_site_targets([])] == ["SKIP", "SKIP"]


def test_section_shows_the_responses_the_timings_and_the_targets():
    facts = {"measured": "Measured today.", "server": "gunicorn.", "browser": "Chromium."}

    section = render_public_site([load(), load(shapes_ms=700.0, first_paint_ms=650.0)], facts)

    assert section.startswith("## Public site: the map page's first load in Chromium")
    assert "Measured today." in section and "Chromium." in section
    assert "| `/` | document | identity | 254.3 | 254.0 | 254.0 | 55.8 |" in section
    assert "| `/static/css/k.1.css` | link | br | 5.1 | 4.8 | 25.0 | (compressed) |" in section
    assert "| **Total** (3 responses) | | | **275.0** | 274.1 | 331.2 | 75.9 |" in section
    assert "| **Map drawn** (the later of the next two) | 600 | 500 | 700 |" in section
    assert "- **PASS** Map page first-load transfer ≤ 600 KB" in section
    assert "- **PASS** Map drawn ≤ 1.5 s after navigation" in section


def test_section_says_why_nothing_was_measured():
    section = render_public_site([], {"measured": "Today.", "error": "RuntimeError: boom"})

    assert "Not measured: RuntimeError: boom." in section
    assert "- **SKIP** Map drawn" in section


def test_extra_runs_only_the_named_extra_sections(tmp_path, monkeypatch):
    """`bench --extra public_site` must not redo the clustering and import sections."""
    from benchmarks.management.commands import bench

    built = []

    def section(key):
        return lambda: built.append(key) or (key, f"## {key}")

    fakes = {key: section(key) for key in ("clustering", "representation", "public_site")}
    monkeypatch.setattr(bench, "EXTRA_SECTIONS", fakes)
    document = Command().extra_sections(report.HEADER, ["public_site"])

    assert built == ["public_site"]
    assert "<!-- bench:public_site -->\n## public_site\n<!-- /bench:public_site -->" in document
    options = {"repeat": 1, "warmup": 0, "output": tmp_path / "B.md", "only": None}
    argv = Command().passthrough(
        options | {"extra": ["public_site"], "regenerate": False, "strict": False}
    )
    assert argv[-2:] == ["--extra", "public_site"]
