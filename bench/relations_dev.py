"""Develop collaboration extraction independently of entity quality: gold entities in, relations out.

usage: python bench/relations_dev.py [--shared ../shared] [--set dev|seeds|all] [-v] [--speed]
       python bench/relations_dev.py --gold tests/heldout/gold.jsonl --texts tests/heldout/texts [-v]

For every text of a gold file, every occurrence of each gold name and alias is placed in
``doc.spans["kg_entities"]`` (label = the gold type, nested spans kept), only the ``kg_relations``
component runs, the relation endpoints are mapped back to gold names, and the result is scored
with ../shared/eval/score.py's own logic (collaborations on unordered pairs). Per-kind counts
compare the kind of each matched pair (and the direction of HOSTS). ``-v`` lists the errors.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import time
from pathlib import Path

import spacy
from spacy.tokens import SpanGroup



def _import_relations():
    """Register ``kg_relations``. If the rest of the pipeline package does not import (another
    component mid-change), load just the relation modules so relation work is not blocked."""
    try:
        import kg.nlp  # noqa: F401  (registers every factory)
    except ImportError:
        import sys
        import types

        import kg

        for name in ("kg.nlp", "kg.nlp.components"):
            sys.modules.pop(name, None)
            mod = types.ModuleType(name)
            mod.__path__ = [str(Path(kg.__file__).parent / name.split(".", 1)[1].replace(".", "/"))]
            sys.modules[name] = mod
        import kg.nlp.components.relations  # noqa: F401


_import_relations()
from kg.nlp.doc_ext import ENTITIES  # noqa: E402


def load_score(shared: Path):
    spec = importlib.util.spec_from_file_location("kg_eval_score", shared / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def gold_file_docs(gold: Path, texts: Path) -> list[tuple[str, Path, dict]]:
    """Any gold file with its text folder (e.g. tests/heldout/gold.jsonl + tests/heldout/texts)."""
    out = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            out.append((gold.stem, texts / obj["doc"], obj))
    return out


def gold_docs(shared: Path, which: str) -> list[tuple[str, Path, dict]]:
    if isinstance(which, tuple):  # (gold file, text folder)
        return gold_file_docs(*which)
    out = []
    sets = {"dev": [("dev", shared / "corpus" / "dev")], "seeds": [("seeds", shared / "corpus")]}
    sets["all"] = sets["seeds"] + sets["dev"]
    for name, folder in sets[which]:
        for line in (shared / "gold" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                out.append((name, folder / obj["doc"], obj))
    return out


def place_gold(nlp, text: str, gold: dict):
    doc = nlp.make_doc(text)
    spans = []
    seen = set()
    for ent in gold["entities"]:
        for form in {ent["name"], *(ent.get("aliases") or [])}:
            if not form:
                continue
            for m in re.finditer(re.escape(form), text):
                key = (m.start(), m.end())
                if key in seen:
                    continue
                seen.add(key)
                sp = doc.char_span(m.start(), m.end(), label=ent["type"], alignment_mode="expand")
                if sp is not None:
                    spans.append(sp)
    doc.spans[ENTITIES] = SpanGroup(doc, name=ENTITIES, spans=spans)
    return doc


def name_of(text: str, gold: dict) -> str | None:
    for ent in gold["entities"]:
        if text == ent["name"] or text in (ent.get("aliases") or []):
            return ent["name"]
    return None


def run(shared: Path, which: str, verbose: bool = False) -> dict:
    score = load_score(shared)
    nlp = spacy.blank("zh")
    comp = nlp.add_pipe("kg_relations")
    gold_all: dict[str, dict] = {}
    pred_all: dict[str, dict] = {}
    kinds = {"kind_ok": 0, "kind_wrong": 0, "hosts_reversed": 0}
    per_kind: dict[str, list[int]] = {}
    errors = []
    for setname, path, gold in gold_docs(shared, which):
        text = path.read_text(encoding="utf-8")
        doc = comp(place_gold(nlp, text, gold))
        collabs = []
        for a, b, kind, sent, trig in doc._.kg_relations:
            na, nb = name_of(a.text, gold), name_of(b.text, gold)
            collabs.append([na or a.text, nb or b.text, kind, sent.text, trig])
        key = f"{setname}/{gold['doc']}"
        gold_all[key] = gold
        pred_all[key] = {"doc": key, "entities": gold["entities"], "collaborations": [c[:3] for c in collabs]}
        gpairs = {frozenset(c[:2]): c for c in gold["collaborations"]}
        ppairs = {frozenset(c[:2]): c for c in collabs}
        for k, g in gpairs.items():
            pk = per_kind.setdefault(g[2], [0, 0, 0])
            if k in ppairs:
                p = ppairs[k]
                pk[0] += 1
                if p[2] == g[2]:
                    kinds["kind_ok"] += 1
                    if g[2] == "HOSTS" and (p[0], p[1]) != (g[0], g[1]):
                        kinds["hosts_reversed"] += 1
                else:
                    kinds["kind_wrong"] += 1
                    errors.append(f"{key}  KIND  {g} predicted {p[2]}")
            else:
                pk[2] += 1
                errors.append(f"{key}  FN  {g}")
        for k, p in ppairs.items():
            if k not in gpairs:
                per_kind.setdefault(p[2], [0, 0, 0])[1] += 1
                errors.append(f"{key}  FP  {p[:3]} [{p[4]}] {p[3][:90]}")
    res = score.score(gold_all, pred_all)
    if verbose:
        print("\n".join(errors))
    return {"collaborations": res["collaborations"], "kinds": kinds, "per_kind": per_kind}


def speed(shared: Path, repeat: int = 20) -> float:
    """chars/s of the relation component alone over the gold-annotated texts, with the Doc's
    text already cached in ``doc.user_data["kg_text"]`` (as after any earlier component)."""
    nlp = spacy.blank("zh")
    comp = nlp.add_pipe("kg_relations")
    docs = []
    for _s, path, gold in gold_docs(shared, "all"):
        text = path.read_text(encoding="utf-8")
        d = place_gold(nlp, text, gold)
        d.user_data["kg_text"] = text  # as after any earlier component
        docs.append(d)
    n = sum(len(d.user_data["kg_text"]) for d in docs)
    t = time.perf_counter()
    for _ in range(repeat):
        for d in docs:
            comp(d)
    return n * repeat / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--set", default="all", choices=["dev", "seeds", "all"])
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--speed", action="store_true")
    ap.add_argument("--gold", help="a gold .jsonl file (then --texts is its text folder)")
    ap.add_argument("--texts", help="folder of the texts named in --gold")
    args = ap.parse_args()
    shared = Path(args.shared)
    if args.gold:
        texts = Path(args.texts) if args.texts else Path(args.gold).parent / "texts"
        out = run(shared, (Path(args.gold), texts), verbose=args.verbose)
        c = out["collaborations"]
        print(f"== {args.gold}: collaborations with gold entities  P {c['precision']:.3f}  R {c['recall']:.3f}  "
              f"F1 {c['f1']:.3f}  (tp {c['tp']} fp {c['fp']} fn {c['fn']})")
        print(f"   kinds of matched pairs: {out['kinds']}")
        print("   per kind (tp, fp, fn): " + ", ".join(f"{k} {v}" for k, v in sorted(out["per_kind"].items())))
        return
    for which in ([args.set] if args.set != "all" else ["dev", "seeds", "all"]):
        out = run(shared, which, verbose=args.verbose and which != "all" if args.set == "all" else args.verbose)
        c = out["collaborations"]
        print(f"== {which}: collaborations with gold entities  P {c['precision']:.3f}  R {c['recall']:.3f}  "
              f"F1 {c['f1']:.3f}  (tp {c['tp']} fp {c['fp']} fn {c['fn']})")
        print(f"   kinds of matched pairs: {out['kinds']}")
        print("   per kind (tp, fp, fn): " + ", ".join(f"{k} {v}" for k, v in sorted(out["per_kind"].items())))
    if args.speed:
        print(f"relation component alone: {speed(shared):,.0f} chars/s")


if __name__ == "__main__":
    main()
