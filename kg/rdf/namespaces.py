"""Namespaces and the mapping of ANNOTATION.md type names to ontology classes."""

from __future__ import annotations

from rdflib import Namespace

KGO = Namespace("https://w3id.org/kg-innovation/ontology#")  # the vocabulary
KGID = Namespace("https://w3id.org/kg-innovation/id/")  # the things described
PROV = Namespace("http://www.w3.org/ns/prov#")
QB = Namespace("http://purl.org/linked-data/cube#")

TYPE_CLASS = {
    "ENTERPRISE": KGO.Enterprise,
    "UNIVERSITY": KGO.University,
    "RESEARCH_INSTITUTE": KGO.ResearchInstitute,
    "PLATFORM": KGO.Platform,
    "PROGRAM": KGO.Program,
    "POLICY": KGO.Policy,
    "REGION": KGO.Region,
    "GOVERNMENT": KGO.GovernmentBody,
    "EVENT": KGO.Event,
    "PERSON": KGO.Person,
}

# A platform's name says what kind it is; the most specific class is asserted (longest cue first).
PLATFORM_SUBCLASS_CUES: tuple[tuple[str, object], ...] = (
    ("院士专家工作站", KGO.Workstation),
    ("院士工作站", KGO.Workstation),
    ("博士后工作站", KGO.Workstation),
    ("博士后科研工作站", KGO.Workstation),
    ("重点实验室", KGO.KeyLaboratory),
    ("实验室", KGO.KeyLaboratory),
    ("众创空间", KGO.MakerSpace),
    ("星创天地", KGO.MakerSpace),
    ("孵化器", KGO.Incubator),
    ("孵化基地", KGO.Incubator),
    ("加速器", KGO.Incubator),
    ("工程技术研究中心", KGO.ResearchCenter),
    ("工程研究中心", KGO.ResearchCenter),
    ("技术创新中心", KGO.ResearchCenter),
    ("协同创新中心", KGO.ResearchCenter),
    ("研究中心", KGO.ResearchCenter),
    ("研究院", KGO.NewResearchInstitution),
    ("新型研发机构", KGO.NewResearchInstitution),
    ("高新区", KGO.Park),
    ("开发区", KGO.Park),
    ("园区", KGO.Park),
    ("产业园", KGO.Park),
    ("科技园", KGO.Park),
    ("新区", KGO.Park),
    ("新城", KGO.Park),
)

KIND_CONCEPT = {"COOPERATES": KGO.Cooperates, "HOSTS": KGO.Hosts, "CO_BUILDS": KGO.CoBuilds}
CONCEPT_KIND = {str(v): k for k, v in KIND_CONCEPT.items()}

LEVEL_CONCEPT = {
    "national": KGO.National,
    "provincial": KGO.Provincial,
    "municipal": KGO.Municipal,
    "county": KGO.County,
}


def class_for(entity_type: str, name: str) -> object:
    """The one ontology class asserted for an entity (a Platform subclass where the name says)."""
    if entity_type == "PLATFORM":
        for cue, cls in PLATFORM_SUBCLASS_CUES:
            if name.endswith(cue) or cue in name[-12:]:
                return cls
    return TYPE_CLASS[entity_type]
