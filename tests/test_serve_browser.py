"""`kg serve` in a real browser: Debian's headless Chromium driven by chromedriver (selenium).

Loads /, runs a canned query through the UI, opens an entity page and the graph page; checks
that every request the pages made went to the server and that a hostile entity name is text.
Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import json
import shutil
import urllib.parse
from pathlib import Path

import pytest

from test_serve import EVIDENCE_1, EVIDENCE_3, EVIL, KGID, Server, make_store  # noqa: E402  (sibling test module)

from kg.rdf.iri import entity_iri

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
from kg.viz.browser import find_chromium  # noqa: E402

CHROMIUM = find_chromium()
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    store = make_store(tmp_path_factory.mktemp("serve-browser") / "store")
    srv = Server(store, "--timeout", "10", "--workers", "2")
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    if not CHROMIUM or not CHROMEDRIVER:
        pytest.skip("headless chromium / chromedriver not installed (apt-get install chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    from kg.viz.browser import FLAGS  # the one list of offline headless flags (kg viz uses it too)

    for flag in (
        *FLAGS,
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    ARTIFACTS.mkdir(exist_ok=True)
    driver.get_log("performance")  # drop the start-up page's entries
    yield driver
    driver.quit()


def requested_urls(driver) -> list[str]:  # type: ignore[no-untyped-def]
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def assert_no_alert(driver) -> None:  # type: ignore[no-untyped-def]
    from selenium.common.exceptions import NoAlertPresentException

    try:
        text = driver.switch_to.alert.text
    except NoAlertPresentException:
        return
    raise AssertionError(f"a script from the data ran: alert({text!r})")


def wait_for(driver, script: str, timeout: float = 20):  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(lambda d: d.execute_script(script))


def test_query_entity_and_graph_pages_in_chromium(served: Server, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    base = served.base
    seen: list[str] = []

    # 1. the query page: run a canned query through the UI and see its rows
    browser.get(base + "/")
    assert browser.title.startswith("Query")
    buttons = {b.get_attribute("data-name") for b in browser.find_elements(By.CSS_SELECTOR, "button.canned-query")}
    assert {"collaborations", "entities_by_region", "reports"} <= buttons
    browser.find_element(By.ID, "canned-collaborations").click()
    wait_for(browser, "return document.querySelectorAll('#results-table tbody tr').length > 0")
    cells = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#results-table tbody td")]
    assert EVIDENCE_1 in cells and EVIDENCE_3 in cells
    assert EVIL + "@zh" in cells  # the hostile name (with its language tag) is a table cell's text …
    assert browser.execute_script("return document.querySelectorAll('#results script').length") == 0
    assert_no_alert(browser)  # … and its alert() never ran
    csv_href = browser.find_element(By.ID, "csv-link").get_attribute("href")
    assert csv_href.startswith(base + "/sparql?") and "format=csv" in csv_href
    browser.save_screenshot(str(ARTIFACTS / "serve_query.png"))

    # a query of our own, typed in the editor, whose IRIs link to entity pages
    editor = browser.find_element(By.ID, "query")
    editor.clear()
    editor.send_keys(
        "PREFIX kgo: <https://w3id.org/kg-innovation/ontology#>\n"
        'SELECT ?e WHERE { ?e kgo:entityType "UNIVERSITY" }'
    )
    browser.find_element(By.ID, "run").click()
    uni = str(entity_iri("UNIVERSITY", "兰州大学"))
    wait_for(browser, "return document.querySelectorAll('#results-table tbody a').length > 0")
    links = browser.find_elements(By.CSS_SELECTOR, "#results-table tbody a")
    target = [a for a in links if a.text == uni]
    assert target, [a.text for a in links]
    seen += requested_urls(browser)

    # 2. an entity page, reached by clicking the IRI
    target[0].click()
    wait_for(browser, "return document.getElementById('entity-label') !== null")
    assert browser.current_url == base + "/id/" + uni[len(KGID):]
    assert browser.find_element(By.ID, "entity-label").text == "兰州大学"
    collab_text = browser.find_element(By.ID, "collaborations").text
    assert EVIDENCE_1 in collab_text and EVIL in collab_text and "handmade_gaotai.txt" in collab_text
    browser.save_screenshot(str(ARTIFACTS / "serve_entity.png"))
    seen += requested_urls(browser)

    # the hostile entity's own page: its name is the heading's text, no script ran or was added
    evil = str(entity_iri("ENTERPRISE", EVIL))
    browser.get(base + "/id/" + evil[len(KGID):])
    assert browser.find_element(By.ID, "entity-label").text == EVIL
    assert browser.execute_script("return document.querySelectorAll('main script').length") == 0
    assert_no_alert(browser)
    browser.save_screenshot(str(ARTIFACTS / "serve_entity_hostile_name.png"))
    seen += requested_urls(browser)

    # 3. the graph page: search → neighbourhood → evidence
    browser.get(base + "/graph")
    wait_for(browser, "return typeof vis !== 'undefined' && window.kgGraph !== undefined")
    box = browser.find_element(By.ID, "search")
    box.send_keys("兰州大学")
    box.submit()
    wait_for(browser, "return document.querySelectorAll('#search-results button.hit').length > 0")
    hit = [b for b in browser.find_elements(By.CSS_SELECTOR, "#search-results button.hit") if b.get_attribute("data-iri") == uni]
    assert hit
    hit[0].click()
    wait_for(browser, "return window.kgGraph.nodes.length >= 3 && document.querySelectorAll('#side blockquote.evidence').length > 0")
    labels = set(browser.execute_script("return window.kgGraph.nodes.get().map(function (n) { return n.label; })"))
    assert {"兰州大学", "甘肃省农业科学院", EVIL} <= labels
    side = browser.find_element(By.ID, "side").text
    assert EVIDENCE_1 in side and "handmade_gaotai.txt" in side
    # the network drew on its canvas
    assert browser.execute_script("return document.querySelectorAll('#network canvas').length") == 1
    browser.save_screenshot(str(ARTIFACTS / "serve_graph.png"))
    seen += requested_urls(browser)

    # the embedded whole-graph view (kg.viz), same origin, drawn on its own canvas
    try:
        import kg.viz  # noqa: F401

        has_viz = True
    except ImportError:
        has_viz = False
    if has_viz:
        browser.find_element(By.CSS_SELECTOR, "#overview summary").click()
        wait_for(
            browser,
            "var f = document.getElementById('overview-frame'); return f.contentDocument && "
            "f.contentDocument.querySelectorAll('canvas').length > 0",
            timeout=30,
        )
        browser.execute_script("document.getElementById('overview-frame').scrollIntoView()")
        browser.save_screenshot(str(ARTIFACTS / "serve_graph_overview.png"))
        seen += requested_urls(browser)
        assert any(u.startswith(base + "/view") for u in seen)

    # the graph page opened from an entity link starts on that entity
    browser.get(base + "/graph?" + urllib.parse.urlencode({"iri": evil}))
    wait_for(browser, "return window.kgGraph !== undefined && window.kgGraph.nodes.length >= 2")
    assert EVIDENCE_3 in browser.find_element(By.ID, "side").text
    seen += requested_urls(browser)

    # nothing went anywhere but the server
    assert any(u.startswith(base + "/vendor/vis/") for u in seen)
    assert any(u.startswith(base + "/sparql") for u in seen)
    local_schemes = ("chrome", "chrome-extension", "devtools", "about", "data", "blob")  # never leave the browser
    outside = [u for u in seen if not u.startswith(base + "/") and urllib.parse.urlsplit(u).scheme not in local_schemes]
    assert outside == [], outside
    errors = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    assert errors == [], errors
    for name in ("serve_query.png", "serve_entity.png", "serve_entity_hostile_name.png", "serve_graph.png"):
        assert (ARTIFACTS / name).stat().st_size > 10_000
