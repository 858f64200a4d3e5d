"""Issue #20, step 6: imports only go down, and the few imported inside a function say which cycle they break."""

from pathlib import Path

from tests.architecture.import_graph import project_apps, scan, two_way_pairs

ROOT = Path(__file__).resolve().parents[2]
MAX_BODY_IMPORTS = 10


def test_no_two_apps_import_each_other():
    edges, _ = scan(ROOT)
    pairs = two_way_pairs(edges)
    assert pairs == [], [f"{a} ↔ {b} ({edges[(a, b)]}/{edges[(b, a)]})" for a, b in pairs]


def test_function_body_imports_are_few_and_name_their_cycle():
    _, body_imports = scan(ROOT)
    unexplained = [f"{i.path}:{i.line} {i.module}" for i in body_imports if not i.explained]
    assert unexplained == []
    assert len(body_imports) <= MAX_BODY_IMPORTS, [f"{i.path}:{i.line} {i.module}" for i in body_imports]


def test_the_scanner_sees_a_two_way_pair_and_a_hidden_import(tmp_path):
    for app, source in {
        "alpha": "from beta.models import Thing\n",
        "beta": (
            "def late():\n    from alpha import models\n\n\n"
            "def explained():\n    # breaks the alpha cycle\n    import alpha\n"
        ),
    }.items():
        (tmp_path / app).mkdir()
        (tmp_path / app / "__init__.py").write_text("")
        (tmp_path / app / "models.py").write_text(source)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "__init__.py").write_text("import alpha, beta\n")

    edges, body_imports = scan(tmp_path)

    assert project_apps(tmp_path) == ["alpha", "beta"]
    assert two_way_pairs(edges) == [("alpha", "beta")]
    assert [(i.module, i.explained) for i in body_imports] == [("alpha", False), ("alpha", True)]
