"""Anonymised names (xx, X, *, 某) never become entities."""

from kg.nlp.extract import extract_text

TEXT = (
    "xx市科技局与某公司签约,*县人民政府、XX大学、某某研究院参加。20xx年xx县新建众创空间,"
    "XX科技有限公司入驻xx高新区,作者:xx,市长X强调。"
)


def test_no_placeholder_in_any_entity():
    for e in extract_text(TEXT).entities:
        for form in (e.name, *e.aliases):
            assert not any(p in form for p in ("xx", "XX", "X", "*", "某")), form


def test_placeholder_prefix_does_not_leave_a_tail():
    names = {e.name for e in extract_text("xx州人民政府与xx大学合作。").entities}
    assert "州人民政府" not in names and "大学" not in names
