"""Bundled gazetteers load offline and carry codes and parent chains."""

from kg import gazetteers as gz
from kg.resources import gazetteer_dir


def test_files_and_sources_present():
    d = gazetteer_dir()
    for name in ("regions.tsv", "countries.txt", "surnames.txt", "named_things.tsv", "abbreviations.tsv",
                 "universities.txt", "suffixes.tsv", "gov_bodies.txt", "boundary_words.txt", "generic_words.txt",
                 "region_stop.txt", "SOURCES.md"):
        assert (d / name).is_file(), name


def test_region_code_and_chain():
    t = gz.regions()
    u = t.lookup("高台县")
    assert u.code == "620724" and u.level == 3
    assert [p.name for p in t.chain(u.code)] == ["张掖市", "甘肃省"]
    assert t.lookup("高台").code == "620724"  # short form
    assert t.lookup("甘肃").code == "620000"


def test_historic_names_map_to_successor():
    t = gz.regions()
    assert t.lookup("会理县").code == t.lookup("会理市").code


def test_other_lists():
    assert "美国" in gz.countries()
    assert gz.abbreviations()["中科院"] == ("中国科学院", "RESEARCH_INSTITUTE")
    single, compound = gz.surnames()
    assert "王" in single and "欧阳" in compound
    assert gz.org_suffixes()["有限公司"][0] == "ENTERPRISE"
    assert "科技局" in gz.gov_bodies()
