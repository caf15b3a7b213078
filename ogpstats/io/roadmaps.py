"""The 12 Strategic Road Maps and the names people give them."""

from __future__ import annotations

import re

from ..vocab import normalize

ROADMAPS: dict[str, tuple[str, str, str]] = {
    "national_economy": ("Milli iqtisadiyyatın perspektivi",
                         "National economy perspective",
                         "Перспективы национальной экономики"),
    "oil_gas": ("Neft və qaz sənayesinin (kimya məhsulları daxil olmaqla) inkişafı",
                "Oil and gas industry, including chemical products",
                "Нефтегазовая промышленность, включая химическую продукцию"),
    "agriculture": ("Kənd təsərrüfatı məhsullarının istehsalı və emalı",
                    "Production and processing of agricultural products",
                    "Производство и переработка сельскохозяйственной продукции"),
    "sme": ("Kiçik və orta sahibkarlıq səviyyəsində istehlak mallarının istehsalı",
            "Consumer goods at the level of small and medium enterprises",
            "Потребительские товары на уровне малого и среднего предпринимательства"),
    "heavy_industry": ("Ağır sənaye və maşınqayırma",
                       "Heavy industry and machinery",
                       "Тяжёлая промышленность и машиностроение"),
    "tourism": ("İxtisaslaşmış turizm sənayesinin inkişafı",
                "Specialised tourism industry",
                "Специализированная туристическая индустрия"),
    "logistics_trade": ("Logistika və ticarətin inkişafı",
                        "Logistics and trade",
                        "Логистика и торговля"),
    "housing": ("Əlverişli mənzil təminatı",
                "Affordable housing",
                "Доступное жильё"),
    "vocational": ("Peşə təhsili və təliminin inkişafı",
                   "Vocational education and training",
                   "Профессиональное образование и обучение"),
    "finance": ("Maliyyə xidmətlərinin inkişafı",
                "Financial services",
                "Финансовые услуги"),
    "telecom_ict": ("Telekommunikasiya və informasiya texnologiyalarının inkişafı",
                    "Telecommunications and information technologies",
                    "Телекоммуникации и информационные технологии"),
    "utilities": ("Kommunal xidmətlərin (elektrik və istilik enerjisi, su və qaz) inkişafı",
                  "Utilities: electricity and heat, water and gas",
                  "Коммунальные услуги: электро- и теплоэнергия, вода и газ"),
}
"""The 12 Strategic Road Maps: key → (Azerbaijani title, English title, Russian title).

Index 0 is az, 1 en, 2 ru (:data:`TITLE_INDEX`); callers that index by position keep working."""

TITLE_INDEX: dict[str, int] = {"az": 0, "en": 1, "ru": 2}
"""Position of a language's title in the tuples of :data:`ROADMAPS`."""

__all__ = ["ROADMAPS", "TITLE_INDEX", "roadmap_key", "roadmap_titles"]

_NAMES: dict[str, str] = {}
for _key, _titles in ROADMAPS.items():
    for _name in (_key, *_titles, _key.replace("_", " ")):
        _NAMES[normalize(_name)] = _key

# Short names and words of the titles (normalized: ə→e, ı→i …), most specific first.
_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("national_economy", r"milli iqtisadiyyat|national economy|национальной экономики|национальная экономика"),
    ("oil_gas", r"\bneft|oil and gas|oil & gas|oil-gas|нефт"),
    ("agriculture", r"kend teserrufat|aqrar|agricultur|сельскохозяйств|сельск\w* хозяйств|аграрн"),
    ("sme", r"kicik ve orta|\bkos\b|\bsme\b|small and medium|consumer goods|istehlak mal|\bмсб\b|"
            r"малого и среднего|потребительск"),
    ("heavy_industry", r"agir senaye|masinqayirma|heavy industry|machinery|тяжел|машиностроени"),
    ("tourism", r"turizm|touris|туризм|туристическ"),
    ("logistics_trade", r"logistik|logistics|ticaret|\btrade\b|логистик|торговл"),
    ("housing", r"menzil|housing|жиль|жилищ"),
    ("vocational", r"pese tehsil|\bpese\b|vocational|профессиональн"),
    ("finance", r"maliyye|financ|финанс"),
    ("telecom_ict", r"telekommunikasiya|\bikt\b|\bict\b|informasiya texnologiya|telecom|information technolog|"
                    r"телекоммуникац|информационн\w* технолог|\bикт\b"),
    ("utilities", r"kommunal|utilit|elektrik ve istilik|коммунальн"),
)
_KEYWORD_RES = tuple((key, re.compile(pattern)) for key, pattern in _KEYWORDS)


def roadmap_key(value: object) -> str | None:
    """One of the 12 road map keys from a key, a short name (``Turizm``, ``İKT``) or an
    Azerbaijani, English or Russian title; ``None`` when the text names none or several."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = normalize(value)
    if not text:
        return None
    if text in _NAMES:
        return _NAMES[text]
    for name, key in _NAMES.items():
        if len(name) > 6 and (name in text or (len(text) > 10 and text in name)):
            return key
    hits = [key for key, pattern in _KEYWORD_RES if pattern.search(text)]
    if len(hits) == 1:
        return hits[0]
    return None


def roadmap_titles(lang: str) -> dict[str, str]:
    """The official road map titles in ``lang`` (``"az"``, ``"en"`` or ``"ru"``), by key.

    >>> roadmap_titles("ru")["housing"]
    'Доступное жильё'
    """
    i = TITLE_INDEX[lang]
    return {key: titles[i] for key, titles in ROADMAPS.items()}
