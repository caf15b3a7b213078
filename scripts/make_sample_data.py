#!/usr/bin/env python
"""Build the illustrative sample workbooks bundled in ``data/raw/``.

Usage::

    python scripts/make_sample_data.py OUT_DIR

writes ``OUT_DIR/nap_2016_2018.xlsx`` (Open Government National Action Plan
2016-2018) and ``OUT_DIR/srm_2016_2020.xlsx`` (the 12 Strategic Road Maps,
2016-2020) in the canonical ogpstats layout (:mod:`ogpstats.io.template`),
and ``OUT_DIR/ogp_commitments.csv``, a small extract in the shape of OGP's
public commitment export (50 commitments of 7 members, with OGP's column
names and both the progress-report and the end-of-term completion).

THE FIGURES ARE ILLUSTRATIVE, NOT OFFICIAL. The plan structure (directions,
road maps, agencies, deadline wording) is modelled on the real documents so
that the toolkit is exercised on realistic input; the measure wording is
abridged or invented and every status, percent and KPI value is made up.

The output is deterministic: the OGP extract is written out by hand below
(``OGP_MEMBERS``), the only randomness comes from
``numpy.random.default_rng(2016)`` (a fresh generator for each workbook), and
the writer fixes the workbook's timestamps, so running the script twice gives
byte-identical files. ``tests/test_sample_data.py`` checks that the committed
files are current.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from ogpstats.deadlines import parse_deadline
from ogpstats.levels import LEVELS, level_from_percent
from ogpstats.model import make_assessments, make_items, make_kpis

SEED = 2016

NAP_PLAN = "NAP 2016-2018"
NAP_FILE = "nap_2016_2018.xlsx"
NAP_ROUNDS = ["2016-H2", "2017-H1", "2017-H2", "2018-H1", "2018-H2"]

SRM_PLAN = "SRM 2016-2020"
SRM_FILE = "srm_2016_2020.xlsx"
SRM_ROUNDS = ["2017", "2018", "2019"]

OGP_FILE = "ogp_commitments.csv"

NOTE = ("Rəqəmlər illüstrativdir, rəsmi deyil: ogpstats nümunə məlumatları "
        "(scripts/make_sample_data.py). / The figures are illustrative, not official: "
        "ogpstats sample data (scripts/make_sample_data.py).")

# ---------------------------------------------------------------------------
# State bodies (Azerbaijani names as used on the Open Government Platform).
# No name may contain a comma or semicolon: the agencies cell is split on them.
# ---------------------------------------------------------------------------
ADL = "Ədliyyə Nazirliyi"                                       # Ministry of Justice
VERGI = "Vergilər Nazirliyi"                                     # Ministry of Taxes
MALIYYE = "Maliyyə Nazirliyi"                                    # Ministry of Finance
KMK = "Korrupsiyaya qarşı mübarizə üzrə Komissiya"               # Commission on Combating Corruption
RABITE = "Rabitə və Yüksək Texnologiyalar Nazirliyi"             # Ministry of Communications and High Technologies
IQT = "İqtisadiyyat Nazirliyi"                                   # Ministry of Economy
EMEK = "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"             # Ministry of Labour and Social Protection
TEHSIL = "Təhsil Nazirliyi"                                      # Ministry of Education
ASAN = "Vətəndaşlara Xidmət və Sosial İnnovasiyalar üzrə Dövlət Agentliyi (ASAN)"
MSK = "Mərkəzi Seçki Komissiyası"                                # Central Election Commission
HP = "Hesablama Palatası"                                        # Chamber of Accounts
DGK = "Dövlət Gömrük Komitəsi"                                   # State Customs Committee
DSK = "Dövlət Statistika Komitəsi"                               # State Statistics Committee
ENERJI = "Energetika Nazirliyi"
SOCAR = "Azərbaycan Respublikasının Dövlət Neft Şirkəti (SOCAR)"
KTN = "Kənd Təsərrüfatı Nazirliyi"
MTN = "Mədəniyyət və Turizm Nazirliyi"
EKOL = "Ekologiya və Təbii Sərvətlər Nazirliyi"
AZPROMO = "Azərbaycan İxracın və İnvestisiyaların Təşviqi Fondu (AZPROMO)"
SIF = "Sahibkarlığın İnkişafı Fondu"
KOBIA = "Kiçik və Orta Biznesin İnkişafı Agentliyi"
MB = "Mərkəzi Bank"
MBNP = "Maliyyə Bazarlarına Nəzarət Palatası"
QTA = "Qida Təhlükəsizliyi Agentliyi"
MELIOR = "Meliorasiya və Su Təsərrüfatı ASC"
ADY = "Azərbaycan Dəmir Yolları QSC"
LIMAN = "Bakı Beynəlxalq Dəniz Ticarət Limanı QSC"
XIN = "Xarici İşlər Nazirliyi"
DMX = "Dövlət Miqrasiya Xidməti"
SEHIYYE = "Səhiyyə Nazirliyi"
MIDA = "Mənzil İnşaatı Dövlət Agentliyi (MİDA)"
DSAK = "Dövlət Şəhərsalma və Arxitektura Komitəsi"
FHN = "Fövqəladə Hallar Nazirliyi"
IKZF = "Azərbaycan İpoteka və Kredit Zəmanət Fondu"
ESF = "Əmanətlərin Sığortalanması Fondu"
BFB = "Bakı Fond Birjası"
XRITDX = "Xüsusi Rabitə və İnformasiya Təhlükəsizliyi Dövlət Xidməti"
ASCO = "Azərbaycan Xəzər Dəniz Gəmiçiliyi QSC"
TARIF = "Tarif (qiymət) Şurası"
AZERISIQ = "Azərişıq ASC"
ABOEMDA = "Alternativ və Bərpa Olunan Enerji Mənbələri üzrə Dövlət Agentliyi"
AZERSU = "Azərsu ASC"
AZERIQAZ = "Azəriqaz İstehsalat Birliyi"

# ---------------------------------------------------------------------------
# NAP 2016-2018: directions and measures
# ---------------------------------------------------------------------------

NAP_DIRECTIONS: dict[str, tuple[str, str]] = {
    "1": ("Dövlət xidmətlərinin göstərilməsində şəffaflığın artırılması və elektron xidmətlərin genişləndirilməsi",
          "Transparency in public services; electronic services"),
    "2": ("İnformasiya əldə etmək hüququnun təmin edilməsi", "Access to information"),
    "3": ("Dövlət maliyyəsinin və büdcə prosesinin şəffaflığı", "Transparency of public finances and the budget"),
    "4": ("Korrupsiyaya və maraqlar toqquşmasına qarşı mübarizə", "Fight against corruption and conflict of interest"),
    "5": ("Vətəndaş cəmiyyətinin iştirakının genişləndirilməsi", "Civil society participation"),
    "6": ("Məhkəmə və hüquq-mühafizə orqanlarında şəffaflıq, elektron məhkəmə",
          "Transparency in the judiciary and law enforcement; e-justice"),
    "7": ("Açıq məlumatlar və elektron hökumət", "Open data and e-government"),
}
"""Direction number → (Azerbaijani title, English title)."""

# (measure number, title, agencies (lead first), deadline as written in the decree)
NAP_MEASURES: list[tuple[str, str, list[str], str]] = [
    ("1.1", "Elektron xidmətlərin sayının artırılması", [RABITE, IQT], "2016-2018-ci illər"),
    ("1.2", "«ASAN xidmət» mərkəzlərinin regionlarda genişləndirilməsi", [ASAN], "2016-2018-ci illər"),
    ("1.3", "Dövlət xidmətlərinin göstərilmə qaydaları və standartlarının internet saytlarında dərc edilməsi",
     [ASAN, RABITE], "2016-cı ilin IV rübü"),
    ("1.4", "Elektron vergi bəyannaməsi və elektron qaimə-faktura xidmətlərinin təkmilləşdirilməsi",
     [VERGI], "2017-ci il"),
    ("1.5", "Gömrük rəsmiləşdirilməsinin «Tək pəncərə» prinsipi ilə elektron qaydada aparılması",
     [DGK], "2017-ci ilin sonunadək"),
    ("1.6", "Sosial müavinət və pensiyaların təyinatında elektron xidmətlərin tətbiqi", [EMEK], "2017-ci ilin II rübü"),
    ("1.7", "Ümumtəhsil məktəblərinə qəbul prosesinin elektronlaşdırılması", [TEHSIL], "2018-ci ilin I yarımili"),
    ("1.8", "Sahibkarlıq subyektlərinin elektron qeydiyyatının sadələşdirilməsi", [VERGI, IQT],
     "2016-cı ilin IV rübü"),
    ("1.9", "Elektron xidmətlərdən vətəndaş məmnunluğunun sorğular vasitəsilə ölçülməsi", [ASAN, RABITE], "Daimi"),
    ("1.10", "Dövlət orqanlarının «qaynar xətt» xidmətlərinin vahid platformada birləşdirilməsi",
     [ASAN, RABITE, EMEK], "2018-ci il"),
    ("2.1", "«İnformasiya əldə etmək haqqında» Qanunun tətbiqinə dair metodiki vəsaitin hazırlanması",
     [ADL], "2017-ci il"),
    ("2.2", "Dövlət orqanlarında informasiya sorğularına cavabdeh vəzifəli şəxslərin təyin edilməsi",
     [ADL, KMK], "2016-cı ilin IV rübü"),
    ("2.3", "İnformasiya sorğularına verilmiş cavablar barədə illik hesabatların dərc edilməsi", [KMK], "Daimi"),
    ("2.4", "Dövlət orqanlarının internet saytlarının vahid standartlara uyğunlaşdırılması", [RABITE, ADL],
     "2017-ci ilin sonunadək"),
    ("2.5", "Normativ hüquqi aktların vahid elektron bazasının ictimaiyyət üçün açıq olmasının təmin edilməsi",
     [ADL], "2017-ci ilin II rübü"),
    ("3.1", "Vətəndaş büdcəsinin hazırlanması və dərc edilməsi", [MALIYYE], "2016-2018-ci illər"),
    ("3.2", "Dövlət satınalmaları üzrə elektron portalın genişləndirilməsi", [IQT, MALIYYE], "2017-ci il"),
    ("3.3", "Büdcə layihəsinin müzakirəsinə ictimaiyyətin cəlb edilməsi", [MALIYYE, HP], "Daimi"),
    ("3.4", "Hesablama Palatasının audit hesabatlarının internet saytında dərc edilməsi", [HP],
     "2017-ci ilin sonunadək"),
    ("3.5", "Dövlət büdcəsinin icrası barədə rüblük hesabatların açıq formatda dərc edilməsi", [MALIYYE],
     "2018-ci ilin I yarımili"),
    ("3.6", "Dövlət əmlakının özəlləşdirilməsi üzrə hərrac nəticələrinin dərc edilməsi", [IQT], "2017-ci il"),
    ("4.1", "Vəzifəli şəxslərin maliyyə xarakterli məlumatlarının elektron bəyannamə formasının tətbiqi",
     [KMK, ADL], "2017-ci ilin II rübü"),
    ("4.2", "Maraqlar toqquşması haqqında qanun layihəsinin hazırlanması", [ADL, KMK], "2017-ci il"),
    ("4.3", "Dövlət qulluqçuları üçün etik davranış qaydalarına dair təlimlərin keçirilməsi", [KMK], "Daimi"),
    ("4.4", "Korrupsiya halları barədə məlumat verən şəxslərin müdafiəsi mexanizminin təkmilləşdirilməsi",
     [ADL, KMK], "2018-ci ilin I yarımili"),
    ("4.5", "Gömrük orqanlarında korrupsiya risklərinin qiymətləndirilməsi", [DGK, KMK], "2016-cı ilin IV rübü"),
    ("4.6", "Vergi ödəyiciləri ilə vergi əməkdaşları arasında birbaşa təmasın azaldılması", [VERGI],
     "2017-ci ilin sonunadək"),
    ("5.1", "Dövlət orqanları yanında ictimai şuraların yaradılması", [ADL, IQT, EMEK], "2017-ci il"),
    ("5.2", "Normativ hüquqi akt layihələrinin ictimai müzakirəyə çıxarılması", [ADL], "Daimi"),
    ("5.3", "Açıq Hökumət Platformasının iclaslarının müntəzəm keçirilməsi", [KMK], "Daimi"),
    ("5.4", "QHT-lərə dövlət maliyyə yardımının verilməsi qaydalarının şəffaflığının artırılması",
     [ADL, MALIYYE], "2017-ci ilin II rübü"),
    ("5.5", "Seçki prosesinə vətəndaş müşahidəçilərinin çıxışının asanlaşdırılması", [MSK],
     "2018-ci ilin I yarımili"),
    ("6.1", "«Elektron məhkəmə» informasiya sisteminin tətbiqi", [ADL], "2016-2018-ci illər"),
    ("6.2", "Məhkəmə qərarlarının internet saytında dərc edilməsi", [ADL], "2017-ci ilin sonunadək"),
    ("6.3", "Notariat hərəkətlərinin elektron reyestrinin yaradılması", [ADL], "2017-ci il"),
    ("6.4", "Penitensiar müəssisələr üzərində ictimai nəzarətin gücləndirilməsi", [ADL], "Daimi"),
    ("7.1", "Açıq məlumatlar portalının yaradılması", [RABITE, IQT], "2017-ci ilin II rübü"),
    ("7.2", "Dövlət informasiya ehtiyatlarının maşınla oxunan açıq formatda dərc edilməsi", [RABITE, DSK],
     "2018-ci ilin I yarımili"),
    ("7.3", "«Elektron hökumət» portalında vətəndaş müraciətlərinin izlənməsi imkanının yaradılması",
     [RABITE, ASAN], "2017-ci il"),
    ("7.4", "Dövlət orqanları arasında elektron sənəd dövriyyəsinin genişləndirilməsi", [RABITE],
     "2016-2018-ci illər"),
]

# ---------------------------------------------------------------------------
# SRM: the 12 Strategic Road Maps (Presidential Decree of 6 December 2016)
# ---------------------------------------------------------------------------

SRM_TITLES: dict[str, tuple[str, str]] = {
    "national_economy": ("Milli iqtisadiyyatın perspektivi üzrə Strateji Yol Xəritəsi",
                         "Strategic Road Map for the national economy perspective"),
    "oil_gas": ("Azərbaycan Respublikasında neft və qaz sənayesinin (kimya məhsulları daxil olmaqla) "
                "inkişafına dair Strateji Yol Xəritəsi",
                "Strategic Road Map for the development of the oil and gas industry (including chemical products)"),
    "agriculture": ("Azərbaycan Respublikasında kənd təsərrüfatı məhsullarının istehsalına və emalına dair "
                    "Strateji Yol Xəritəsi",
                    "Strategic Road Map for the production and processing of agricultural products"),
    "sme": ("Azərbaycan Respublikasında kiçik və orta sahibkarlıq səviyyəsində istehlak mallarının istehsalına "
            "dair Strateji Yol Xəritəsi",
            "Strategic Road Map for the production of consumer goods at the level of small and medium enterprises"),
    "heavy_industry": ("Azərbaycan Respublikasında ağır sənaye və maşınqayırmanın inkişafına dair "
                       "Strateji Yol Xəritəsi",
                       "Strategic Road Map for the development of heavy industry and machinery"),
    "tourism": ("Azərbaycan Respublikasında ixtisaslaşmış turizm sənayesinin inkişafına dair Strateji Yol Xəritəsi",
                "Strategic Road Map for the development of specialised tourism industry"),
    "logistics_trade": ("Azərbaycan Respublikasında logistika və ticarətin inkişafına dair Strateji Yol Xəritəsi",
                        "Strategic Road Map for the development of logistics and trade"),
    "housing": ("Azərbaycan Respublikasında münasib qiymətli mənzil təminatının inkişafına dair "
                "Strateji Yol Xəritəsi",
                "Strategic Road Map for the development of affordable housing"),
    "vocational": ("Azərbaycan Respublikasında peşə təhsili və təliminin inkişafına dair Strateji Yol Xəritəsi",
                   "Strategic Road Map for the development of vocational education and training"),
    "finance": ("Azərbaycan Respublikasında maliyyə xidmətlərinin inkişafına dair Strateji Yol Xəritəsi",
                "Strategic Road Map for the development of financial services"),
    "telecom_ict": ("Azərbaycan Respublikasında telekommunikasiya və informasiya texnologiyalarının inkişafına "
                    "dair Strateji Yol Xəritəsi",
                    "Strategic Road Map for the development of telecommunications and information technologies"),
    "utilities": ("Azərbaycan Respublikasında kommunal xidmətlərin (elektrik və istilik enerjisi, su və qaz) "
                  "inkişafına dair Strateji Yol Xəritəsi",
                  "Strategic Road Map for the development of utilities (electricity and heat, water and gas)"),
}
"""Road map key → (official Azerbaijani title, English title)."""

# road map key → [(measure number, title, agencies (lead first), deadline)]; the
# priority is the first two parts of the measure number.
SRM_MEASURES: dict[str, list[tuple[str, str, list[str], str]]] = {
    "national_economy": [
        ("1.1.1", "Orta müddətli xərclər çərçivəsinin tətbiqi", [MALIYYE, IQT], "2017-2018-ci illər"),
        ("1.1.2", "Fiskal qaydanın hazırlanması və tətbiqi", [MALIYYE, MB], "2018-ci il"),
        ("1.1.3", "Vergi bazasının genişləndirilməsi və vergi inzibatçılığının təkmilləşdirilməsi", [VERGI],
         "2016-2020-ci illər"),
        ("1.2.1", "Dövlət şirkətlərinin korporativ idarəetməsinin təkmilləşdirilməsi", [IQT, MALIYYE], "2017-ci il"),
        ("1.2.2", "Dövlət əmlakının özəlləşdirilməsinin sürətləndirilməsi", [IQT], "2016-2020-ci illər"),
        ("1.2.3", "Dövlət şirkətlərinin maliyyə hesabatlarının dərc edilməsi", [MALIYYE, IQT],
         "2018-ci ilin sonunadək"),
        ("2.1.1", "Əmək bazarının çevikliyinin artırılması", [EMEK, IQT], "2019-cu il"),
        ("2.1.2", "Təhsil sisteminin əmək bazarının tələblərinə uyğunlaşdırılması", [TEHSIL, EMEK],
         "2016-2020-ci illər"),
        ("2.1.3", "Biznes mühitinin yaxşılaşdırılması üzrə islahatların davam etdirilməsi", [IQT, VERGI, ADL],
         "Daimi"),
    ],
    "oil_gas": [
        ("1.1.1", "Yeni yataqların kəşfiyyatı üzrə hasilatın pay bölgüsü sazişlərinin bağlanması", [ENERJI, SOCAR],
         "2016-2020-ci illər"),
        ("1.1.2", "Köhnə yataqlarda hasilatın artırılması üçün yeni texnologiyaların tətbiqi", [SOCAR],
         "2016-2020-ci illər"),
        ("1.1.3", "Təbii qaz hasilatının artırılması və Cənub Qaz Dəhlizinin tamamlanması", [SOCAR, ENERJI],
         "2019-cu il"),
        ("1.2.1", "Neft-qaz emalı və neft-kimya kompleksinin layihələndirilməsi", [SOCAR, IQT],
         "2017-2018-ci illər"),
        ("1.2.2", "Sumqayıt Kimya Sənaye Parkında yeni istehsal müəssisələrinin yaradılması", [IQT, SOCAR],
         "2016-2020-ci illər"),
        ("1.2.3", "Polimer məhsullarının ixracının təşviqi", [IQT, AZPROMO], "2019-cu il"),
        ("2.1.1", "Neft-qaz sektorunda yerli məzmun siyasətinin hazırlanması", [ENERJI, IQT], "2017-ci il"),
        ("2.1.2", "Neft-qaz xidmətləri üzrə yerli şirkətlərin ixrac potensialının artırılması", [SOCAR, AZPROMO],
         "2018-ci ilin sonunadək"),
        ("2.1.3", "Neft-qaz sektorunda ətraf mühitin mühafizəsi standartlarının təkmilləşdirilməsi", [EKOL, SOCAR],
         "Daimi"),
    ],
    "agriculture": [
        ("1.1.1", "Kənd təsərrüfatına subsidiya mexanizminin təkmilləşdirilməsi", [KTN, MALIYYE], "2017-ci il"),
        ("1.1.2", "Elektron Kənd Təsərrüfatı informasiya sisteminin yaradılması", [KTN],
         "2018-ci ilin I yarımili"),
        ("1.1.3", "Aqrar sığorta sisteminin yaradılması", [KTN, MALIYYE, MBNP], "2019-cu il"),
        ("1.1.4", "Suvarma sistemlərinin yenidən qurulması", [MELIOR, KTN], "2016-2020-ci illər"),
        ("1.2.1", "Aqroparkların yaradılması", [KTN, IQT], "2016-2020-ci illər"),
        ("1.2.2", "Fındıq, nar və xurma emalı müəssisələrinin genişləndirilməsi", [IQT, KTN], "2018-ci il"),
        ("1.2.3", "Kənd təsərrüfatı məhsullarının ixracının təşviqi", [IQT, AZPROMO], "2017-ci ilin II yarımili"),
        ("2.1.1", "Qida təhlükəsizliyi sisteminin beynəlxalq standartlara uyğunlaşdırılması", [QTA, KTN],
         "2018-ci ilin sonunadək"),
        ("2.1.2", "Qida təhlükəsizliyi laboratoriya şəbəkəsinin modernləşdirilməsi", [QTA], "2019-cu il"),
    ],
    "sme": [
        ("1.1.1", "Sahibkarlığın İnkişafı Fondu vasitəsilə güzəştli kreditlərin verilməsi", [SIF, IQT], "Daimi"),
        ("1.1.2", "Kredit zəmanəti mexanizminin yaradılması", [MALIYYE, MB, IKZF], "2017-ci il"),
        ("1.1.3", "Kiçik və orta sahibkarlar üçün lizinq xidmətlərinin genişləndirilməsi", [IQT], "2018-ci il"),
        ("1.2.1", "Sahibkarlıq subyektlərində risk əsaslı yoxlama sisteminin tətbiqi", [IQT, ADL], "2017-ci il"),
        ("1.2.2", "Lisenziya və icazələrin sayının azaldılması və elektron verilməsi", [IQT, ASAN],
         "2017-ci ilin sonunadək"),
        ("1.2.3", "KOB evlərinin yaradılması", [KOBIA], "2019-cu il"),
        ("2.1.1", "Sənaye məhəllələrinin yaradılması", [IQT], "2016-2020-ci illər"),
        ("2.1.2", "Yerli istehlak mallarının «Made in Azerbaijan» brendi altında təşviqi", [IQT, AZPROMO],
         "Daimi"),
        ("2.1.3", "Yüngül sənaye və toxuculuq müəssisələrinin modernləşdirilməsi", [IQT], "2020-ci il"),
    ],
    "heavy_industry": [
        ("1.1.1", "Polad istehsalı kompleksinin istifadəyə verilməsi", [IQT], "2018-ci il"),
        ("1.1.2", "Alüminium və mis emalı istehsalının genişləndirilməsi", [IQT, ENERJI], "2019-cu il"),
        ("1.1.3", "Dağ-mədən sənayesində geoloji kəşfiyyat işlərinin aparılması", [EKOL], "2016-2020-ci illər"),
        ("1.2.1", "Kənd təsərrüfatı texnikası istehsalının lokallaşdırılması", [IQT, KTN], "2017-2018-ci illər"),
        ("1.2.2", "Elektrotexnika məhsulları istehsalının genişləndirilməsi", [IQT], "2019-cu il"),
        ("1.2.3", "Gəmiqayırma zavodunun yük gəmiləri sifarişləri ilə təmin edilməsi", [ASCO, IQT], "2020-ci il"),
        ("2.1.1", "Sənaye parklarının rezidentlərinə vergi və gömrük güzəştlərinin tətbiqi", [VERGI, DGK, IQT],
         "2017-ci il"),
        ("2.1.2", "Dövlət satınalmalarında yerli istehsalçılara üstünlük verilməsi", [IQT, MALIYYE],
         "2018-ci ilin sonunadək"),
    ],
    "tourism": [
        ("1.1.1", "Dəniz-çimərlik turizminin inkişafı", [MTN], "2016-2020-ci illər"),
        ("1.1.2", "Qış və dağ turizmi mərkəzlərinin genişləndirilməsi", [MTN, IQT], "2019-cu il"),
        ("1.1.3", "Müalicə-sağlamlıq turizminin təşviqi", [MTN, SEHIYYE], "2018-ci il"),
        ("1.1.4", "Mədəni irs və şəhər turizmi marşrutlarının yaradılması", [MTN], "2017-ci ilin II yarımili"),
        ("1.2.1", "Elektron viza («ASAN Viza») sisteminin tətbiqi", [XIN, ASAN, DMX], "2017-ci ilin I rübü"),
        ("1.2.2", "Turizm obyektlərinin təsnifat sisteminin tətbiqi", [MTN], "2018-ci ilin sonunadək"),
        ("1.2.3", "Turizm sahəsində kadr hazırlığının təkmilləşdirilməsi", [MTN, TEHSIL], "Daimi"),
        ("2.1.1", "Milli Turizm Təbliğat Bürosunun yaradılması", [MTN], "2018-ci ilin I yarımili"),
        ("2.1.2", "Hədəf bazarlarda ölkənin turizm brendinin təbliği", [MTN, AZPROMO], "Daimi"),
    ],
    "logistics_trade": [
        ("1.1.1", "Ələt Azad İqtisadi Zonasının yaradılması", [IQT], "2016-2020-ci illər"),
        ("1.1.2", "Bakı Beynəlxalq Dəniz Ticarət Limanının birinci mərhələsinin istifadəyə verilməsi", [LIMAN],
         "2018-ci il"),
        ("1.1.3", "Bakı-Tbilisi-Qars dəmir yolu xəttinin istismara verilməsi", [ADY], "2017-ci ilin sonunadək"),
        ("1.1.4", "Şimal-Cənub nəqliyyat dəhlizi üzrə tranzit tariflərinin uyğunlaşdırılması", [ADY, DGK],
         "2019-cu il"),
        ("1.2.1", "«Yaşıl dəhliz» gömrük rejiminin tətbiqi", [DGK], "2017-ci il"),
        ("1.2.2", "Elektron ticarət haqqında qanunvericiliyin təkmilləşdirilməsi", [IQT, ADL], "2018-ci il"),
        ("1.2.3", "Xarici ölkələrdə Azərbaycan ticarət evlərinin açılması", [IQT, AZPROMO], "2016-2020-ci illər"),
        ("1.2.4", "Ümumdünya Ticarət Təşkilatına üzvlük danışıqlarının davam etdirilməsi", [XIN, IQT], "Daimi"),
    ],
    "housing": [
        ("1.1.1", "Güzəştli şərtlərlə satılan mənzillərin tikintisi", [MIDA], "2016-2020-ci illər"),
        ("1.1.2", "Tikinti icazələrinin elektron qaydada verilməsi", [DSAK, ASAN], "2018-ci il"),
        ("1.1.3", "Kirayə mənzil bazarının tənzimlənməsi", [IQT, ADL], "2019-cu il"),
        ("1.2.1", "Sosial ipoteka kreditlərinin verilməsi", [IKZF, MB], "Daimi"),
        ("1.2.2", "İpoteka kreditlərinin faiz dərəcələrinin azaldılması mexanizminin hazırlanması", [MB, MALIYYE],
         "2017-ci il"),
        ("1.2.3", "Daşınmaz əmlakın dövlət qeydiyyatının elektronlaşdırılması", [IQT], "2017-ci ilin sonunadək"),
        ("2.1.1", "Şəhər və rayon mərkəzlərinin baş planlarının hazırlanması", [DSAK], "2016-2020-ci illər"),
        ("2.1.2", "Qəzalı binaların yenidən qurulması proqramının hazırlanması", [DSAK, FHN], "2019-cu il"),
    ],
    "vocational": [
        ("1.1.1", "Peşə təhsili üzrə dövlət agentliyinin yaradılması", [TEHSIL], "2016-cı ilin IV rübü"),
        ("1.1.2", "Peşə standartlarının və kurikulumların hazırlanması", [TEHSIL, EMEK], "2017-2018-ci illər"),
        ("1.1.3", "Regional peşə təhsili mərkəzlərinin yaradılması", [TEHSIL], "2016-2020-ci illər"),
        ("1.1.4", "Peşə təhsili müəllimlərinin ixtisasının artırılması", [TEHSIL], "Daimi"),
        ("1.2.1", "Dual təhsil modelinin pilot qaydada tətbiqi", [TEHSIL, IQT], "2018-ci il"),
        ("1.2.2", "Milli Kvalifikasiyalar Çərçivəsinin təsdiq edilməsi", [TEHSIL, EMEK], "2018-ci ilin I yarımili"),
        ("1.2.3", "Məzunların məşğulluğunun izlənilməsi sisteminin yaradılması", [EMEK, TEHSIL], "2019-cu il"),
        ("1.2.4", "Peşə təhsilinin adambaşı maliyyələşdirmə modelinə keçirilməsi", [MALIYYE, TEHSIL], "2020-ci il"),
    ],
    "finance": [
        ("1.1.1", "Maliyyə bazarlarına vahid nəzarət orqanının yaradılması", [MB, MALIYYE], "2016-cı ilin IV rübü"),
        ("1.1.2", "Bankların problemli aktivlərinin idarə edilməsi mexanizminin yaradılması", [MBNP, MALIYYE],
         "2017-ci il"),
        ("1.1.3", "Əmanətlərin sığortalanması sisteminin təkmilləşdirilməsi", [ESF, MBNP],
         "2017-ci ilin II yarımili"),
        ("1.2.1", "Kredit bürosunun yaradılması", [MB, MBNP], "2018-ci il"),
        ("1.2.2", "Nağdsız ödənişlərin genişləndirilməsi", [MB, VERGI], "2016-2020-ci illər"),
        ("1.2.3", "Maliyyə savadlılığının artırılması proqramının həyata keçirilməsi", [MB, TEHSIL], "Daimi"),
        ("2.1.1", "Qiymətli kağızlar bazarı haqqında qanunvericiliyin təkmilləşdirilməsi", [MBNP, ADL],
         "2018-ci ilin sonunadək"),
        ("2.1.2", "Dövlət şirkətlərinin səhmlərinin birjada yerləşdirilməsi", [IQT, BFB], "2020-ci il"),
        ("2.1.3", "İcbari sığorta növlərinin təkmilləşdirilməsi", [MBNP], "2019-cu il"),
    ],
    "telecom_ict": [
        ("1.1.1", "Genişzolaqlı internet şəbəkəsinin regionlarda genişləndirilməsi", [RABITE], "2016-2020-ci illər"),
        ("1.1.2", "Mobil operatorlara 4G tezliklərinin ayrılması", [RABITE], "2017-ci il"),
        ("1.1.3", "İkinci telekommunikasiya peykinin orbitə çıxarılması", [RABITE], "2018-ci il"),
        ("1.2.1", "Elektron və mobil imzanın geniş tətbiqi", [RABITE, VERGI, ASAN], "Daimi"),
        ("1.2.2", "İKT startaplarına dəstək üçün innovasiya fondunun yaradılması", [RABITE],
         "2018-ci ilin I yarımili"),
        ("1.2.3", "Yüksək Texnologiyalar Parkında rezidentlərin sayının artırılması", [RABITE, IQT], "2019-cu il"),
        ("2.1.1", "Kibertəhlükəsizlik strategiyasının hazırlanması", [RABITE, XRITDX], "2017-ci ilin sonunadək"),
        ("2.1.2", "Dövlət informasiya sistemlərinin vahid məlumat mərkəzində birləşdirilməsi", [RABITE],
         "2019-cu il"),
    ],
    "utilities": [
        ("1.1.1", "Elektrik enerjisi bazarının liberallaşdırılması üzrə qanun layihəsinin hazırlanması",
         [ENERJI, TARIF], "2017-ci il"),
        ("1.1.2", "Elektrik paylayıcı şəbəkələrinin yenidən qurulması", [AZERISIQ], "2016-2020-ci illər"),
        ("1.1.3", "Bərpa olunan enerji mənbələrindən elektrik istehsalının təşviqi", [ENERJI, ABOEMDA],
         "2020-ci il"),
        ("1.2.1", "Rayon mərkəzlərində içməli su və kanalizasiya sistemlərinin tikintisi", [AZERSU],
         "2016-2020-ci illər"),
        ("1.2.2", "Su sayğaclarının quraşdırılması", [AZERSU], "2018-ci ilin sonunadək"),
        ("1.3.1", "Qaz paylayıcı şəbəkəsinin yenidən qurulması", [AZERIQAZ, SOCAR], "2019-cu il"),
        ("1.3.2", "«Ağıllı» qaz sayğaclarının tətbiqi", [AZERIQAZ], "2017-2018-ci illər"),
        ("1.3.3", "Kommunal xidmət tariflərinin xərclərə əsaslanan metodologiyasının hazırlanması", [TARIF, IQT],
         "2018-ci il"),
    ],
}

# How each road map's monitors reported: a status word, a percent, or both.
SRM_REPORTING: dict[str, str] = {
    "national_economy": "both", "oil_gas": "word", "agriculture": "word", "sme": "word",
    "heavy_industry": "word", "tourism": "both", "logistics_trade": "word", "housing": "word",
    "vocational": "word", "finance": "percent", "telecom_ict": "percent", "utilities": "percent",
}

# (road map, KPI, unit, baseline year, baseline, target year, target, {year: actual})
SRM_KPIS: list[tuple[str, str, str, int, float, int, float, dict[int, float]]] = [
    ("national_economy", "Real ÜDM-in artım tempi", "%", 2015, 1.1, 2020, 3.0,
     {2016: -3.1, 2017: 0.1, 2018: 1.4, 2019: 2.2}),
    ("national_economy", "Qeyri-neft ixracı", "mln ABŞ dolları", 2015, 1650, 2020, 3000,
     {2016: 1450, 2017: 1560, 2018: 1720, 2019: 1950}),
    ("national_economy", "Qeyri-neft sektorunun ÜDM-də payı", "%", 2015, 64.0, 2025, 75.0,
     {2017: 62.5, 2018: 59.8, 2019: 63.1}),
    ("agriculture", "Ərzaq məhsullarının idxaldan asılılığı", "%", 2015, 40.0, 2020, 25.0,
     {2016: 38.0, 2017: 35.5, 2018: 33.0, 2019: 31.0}),
    ("agriculture", "Kənd təsərrüfatı və emal məhsullarının ixracı", "mln ABŞ dolları", 2015, 560, 2020, 1000,
     {2016: 610, 2017: 690, 2018: 720, 2019: 790}),
    ("tourism", "Gələn xarici turistlərin sayı", "mln nəfər", 2015, 1.9, 2020, 4.0,
     {2016: 2.0, 2017: 2.4, 2018: 2.8, 2019: 3.1}),
    ("tourism", "Turizm sektorunda məşğul olanların sayı", "min nəfər", 2015, 41.0, 2025, 60.0,
     {2018: 45.0, 2019: 47.5}),
    ("logistics_trade", "Tranzit yük daşımalarının həcmi", "mln ton", 2015, 12.5, 2020, 18.0,
     {2016: 11.8, 2017: 12.9, 2018: 13.6}),
    ("vocational", "Peşə təhsili məzunlarının məşğulluq səviyyəsi", "%", 2015, 45.0, 2020, 70.0, {}),
    ("vocational", "Peşə təhsili müəssisələrində təhsil alanların sayı", "min nəfər", 2015, 24.0, 2020, 35.0,
     {2017: 25.1, 2018: 27.3, 2019: 29.0}),
    ("finance", "Nağdsız ödənişlərin ümumi ödənişlərdə payı", "%", 2015, 12.0, 2020, 30.0,
     {2016: 14.5, 2017: 17.0, 2018: 21.0, 2019: 25.5}),
    ("telecom_ict", "Genişzolaqlı internetə çıxışı olan ev təsərrüfatlarının payı", "%", 2015, 62.0, 2020, 85.0,
     {2016: 66.0, 2017: 71.0, 2018: 75.0, 2019: 79.0}),
    ("telecom_ict", "İKT sektorunun ÜDM-də payı", "%", 2015, 1.7, 2025, 3.0, {2017: 1.8, 2018: 1.9}),
    ("utilities", "Fasiləsiz su təchizatı ilə təmin olunan əhalinin payı", "%", 2015, 58.0, 2020, 80.0,
     {2016: 60.0, 2017: 64.0, 2018: 69.0, 2019: 73.0}),
]

# Final-round level counts, in LEVELS order (not_started, limited, substantial, complete).
NAP_FINAL = (4, 8, 10, 18)    # 40 measures: ~10 %, 20 %, 25 %, 45 %
SRM_FINAL = (11, 24, 31, 36)  # 102 measures

# Evidence and comments (Azerbaijani, as monitors write them).
EVIDENCE = ("Qurumun rəsmi internet saytı", "Qurumun illik hesabatı", "Monitorinq qrupunun sorğusu",
            "Açıq Hökumət Platformasının iclas protokolu", "Qurumun məktubu", "Mətbuat məlumatı")
COMMENT_REGRESSION = "Əvvəlki dövrdə bildirilən nəticə təsdiqlənmədi"
COMMENT_NO_EVIDENCE = "Qurum sübut təqdim etməyib"
COMMENT_NO_ANSWER = "Qurumdan cavab alınmayıb"


# ---------------------------------------------------------------------------
# Building the tables
# ---------------------------------------------------------------------------

def _item(plan: str, kind: str, item_id: str, title: str, agencies: list[str], deadline: str,
          commitment=None, roadmap=None, priority=None, section_title=None) -> dict:
    parsed = parse_deadline(deadline)
    if not parsed.parsed:
        raise ValueError(f"deadline {deadline!r} of {item_id} is not understood by parse_deadline")
    if any("," in a or ";" in a for a in agencies):
        raise ValueError(f"agency names of {item_id} must not contain ',' or ';'")
    return {"plan": plan, "kind": kind, "commitment": commitment, "roadmap": roadmap, "priority": priority,
            "section_title": section_title, "item_id": item_id, "title": title, "agencies": list(agencies),
            "deadline_text": deadline,
            "start": parsed.start, "deadline_end": parsed.end, "ongoing": parsed.ongoing, "weight": 1.0}


def nap_items() -> pd.DataFrame:
    """The NAP 2016-2018 items table."""
    return make_items([_item(NAP_PLAN, "nap", num, title, agencies, deadline, commitment=num.split(".")[0],
                             section_title=NAP_DIRECTIONS[num.split(".")[0]][0])
                       for num, title, agencies, deadline in NAP_MEASURES])


def srm_items() -> pd.DataFrame:
    """The SRM items table: item ids ``<road map>/<measure number>``."""
    return make_items([_item(SRM_PLAN, "srm", f"{key}/{num}", title, agencies, deadline,
                             roadmap=key, priority=num.rsplit(".", 1)[0])
                       for key, measures in SRM_MEASURES.items()
                       for num, title, agencies, deadline in measures])


def _trajectories(rng: np.random.Generator, n_items: int, n_rounds: int, final_counts,
                  n_regressions: int) -> np.ndarray:
    """Level indexes (0..3), shape (items, rounds): mostly rising, a few regressions.

    The last round has exactly ``final_counts`` items at each level.
    """
    final = np.repeat(np.arange(len(LEVELS)), final_counts)
    assert len(final) == n_items, (len(final), n_items)
    final = rng.permutation(final)
    levels = np.empty((n_items, n_rounds), dtype=int)
    for i, f in enumerate(final):
        levels[i, :-1] = np.sort(rng.integers(0, f + 1, size=n_rounds - 1))
        levels[i, -1] = f
    # A regression in the last round: the item was one level higher in the round before.
    last = rng.choice(np.flatnonzero((final >= 1) & (final < 3)))
    levels[last, -2] = final[last] + 1
    # Regressions in the middle rounds: one level down, recovered afterwards.
    if n_rounds >= 3:
        done = 0
        for i in rng.permutation(n_items):
            if done == n_regressions:
                break
            if i == last:
                continue
            for r in range(1, n_rounds - 1):
                if levels[i, r - 1] >= 1 and levels[i, r] == levels[i, r - 1]:
                    levels[i, r] = levels[i, r - 1] - 1
                    done += 1
                    break
    return levels


_PERCENT_RANGE = {"not_started": (0, 0), "limited": (10, 45), "substantial": (50, 95), "complete": (100, 100)}


def _percent(rng: np.random.Generator, level: str) -> float:
    lo, hi = _PERCENT_RANGE[level]
    return float(lo if lo == hi else 5 * rng.integers(lo // 5, hi // 5 + 1))


def _assessments(rng, items: pd.DataFrame, rounds: list[str], levels: np.ndarray, percent_mode) -> list[dict]:
    """One record per item and round; ``percent_mode(item row, round)`` gives "word", "percent" or "both"."""
    records = []
    for i, item in enumerate(items.itertuples()):
        for r, rnd in enumerate(rounds):
            level = LEVELS[levels[i, r]]
            mode = percent_mode(item, rnd)
            pct = _percent(rng, level) if mode in ("percent", "both") else np.nan
            rec = {"plan": item.plan, "item_id": item.item_id, "round": rnd, "level": level, "percent": pct,
                   "status_text": None, "evidence": None, "comment": None}
            if mode == "percent":
                # A blank status cell: as read back, ``level`` is the word's level only and the
                # indicators take the level from the percent (ogpstats.indicators.effective_levels).
                assert level_from_percent(pct) == level
                rec["level"], rec["status_text"] = None, ""
            if r >= 1 and levels[i, r] < levels[i, r - 1]:
                rec["comment"] = COMMENT_REGRESSION
            elif levels[i, r] >= 2 and rng.random() < 0.6:
                rec["evidence"] = EVIDENCE[int(rng.integers(len(EVIDENCE)))]
            records.append(rec)
    return records


def _retype(rng, records: list[dict], plan: list[tuple[str | None, str | None, str | None, str | None]]) -> None:
    """Change some cells to other spellings or to "not assessed".

    ``plan`` lists ``(level to pick among, new status text, new level, comment)``;
    ``level to pick among`` None means any assessed cell outside the last round.
    Only word cells (no percent) that were not changed before are picked.
    """
    last_round = max(r["round"] for r in records)
    used: set[int] = set()
    for level, text, new_level, comment in plan:
        candidates = [k for k, r in enumerate(records)
                      if k not in used and r["status_text"] is None and np.isnan(r["percent"])
                      and r["comment"] is None
                      and (r["level"] == level if level else r["round"] != last_round)]
        if not candidates:
            raise RuntimeError(f"no cell left for {text!r}")
        k = int(rng.choice(candidates))
        used.add(k)
        rec = records[k]
        rec["status_text"] = text
        if new_level != "keep":
            rec["level"] = new_level
            rec["percent"] = np.nan
            rec["evidence"] = None
        if comment:
            rec["comment"] = comment


def nap_tables() -> dict:
    """Items, assessments (with ``status_text``) and rounds of the NAP workbook."""
    rng = np.random.default_rng(SEED)
    items = nap_items()
    levels = _trajectories(rng, len(items), len(NAP_ROUNDS), NAP_FINAL, n_regressions=3)

    def mode(item, rnd):
        # Direction 3's monitors switched to percents in 2018; direction 7's gave both throughout.
        if item.commitment == "3" and rnd.startswith("2018"):
            return "percent"
        if item.commitment == "7":
            return "both"
        return "word"

    records = _assessments(rng, items, NAP_ROUNDS, levels, mode)
    _retype(rng, records, [
        ("complete", "Completed", "keep", None),
        ("complete", "Completed", "keep", None),
        ("complete", "выполнено", "keep", None),
        ("complete", "İCRA OLUNUB", "keep", None),
        ("complete", "icra edilib", "keep", None),
        ("complete", "icra edilib", "keep", None),
        ("substantial", "Qismen icra olunub", "keep", None),
        ("substantial", "qismən icra edilib", "keep", None),
        ("limited", "in progress", "keep", None),
        ("limited", "in progress", "keep", None),
        ("limited", "davam edir", "keep", None),
        ("limited", "icraya başlanılıb", "keep", None),
        ("not_started", "icra olunmayib", "keep", None),
        ("not_started", "başlanmayıb", "keep", None),
        (None, "Sübut yoxdur", None, COMMENT_NO_EVIDENCE),
        (None, "Sübut yoxdur", None, COMMENT_NO_EVIDENCE),
        (None, None, None, COMMENT_NO_ANSWER),
        (None, None, None, None),
    ])
    assessments = make_assessments(records)
    assessments["status_text"] = [r["status_text"] for r in records]
    return {"items": items, "assessments": assessments, "kpis": None, "rounds": list(NAP_ROUNDS)}


def srm_tables() -> dict:
    """Items, assessments (with ``status_text``), KPIs and rounds of the SRM workbook."""
    rng = np.random.default_rng(SEED)
    items = srm_items()
    levels = _trajectories(rng, len(items), len(SRM_ROUNDS), SRM_FINAL, n_regressions=3)
    records = _assessments(rng, items, SRM_ROUNDS, levels, lambda item, rnd: SRM_REPORTING[item.roadmap])
    _retype(rng, records, [
        ("complete", "Completed", "keep", None),
        ("complete", "icra edilib", "keep", None),
        ("complete", "tam icra olunub", "keep", None),
        ("substantial", "partially implemented", "keep", None),
        ("substantial", "частично выполнено", "keep", None),
        ("limited", "in progress", "keep", None),
        ("limited", "davam edir", "keep", None),
        ("not_started", "not started", "keep", None),
        ("not_started", "icra olunmayib", "keep", None),
        (None, "Sübut yoxdur", None, COMMENT_NO_EVIDENCE),
        (None, "No evidence", None, COMMENT_NO_EVIDENCE),
        (None, None, None, COMMENT_NO_ANSWER),
    ])
    assessments = make_assessments(records)
    assessments["status_text"] = [r["status_text"] for r in records]
    return {"items": items, "assessments": assessments, "kpis": srm_kpis(), "rounds": list(SRM_ROUNDS)}


def srm_kpis() -> pd.DataFrame:
    """KPIs in long form: one row per KPI and year of actual value (one row with no year if none yet)."""
    rows = []
    for roadmap, kpi, unit, by, base, ty, target, actual in SRM_KPIS:
        common = {"plan": SRM_PLAN, "roadmap": roadmap, "kpi": kpi, "unit": unit, "baseline_year": by,
                  "baseline": base, "target_year": ty, "target": target}
        if not actual:
            rows.append({**common, "year": None, "value": None})
        for year, value in sorted(actual.items()):
            rows.append({**common, "year": year, "value": value})
    return make_kpis(rows)


# ---------------------------------------------------------------------------
# OGP's commitment export: an illustrative extract for `ogpstats benchmark`
# ---------------------------------------------------------------------------
# The columns OGP's public commitment export uses (ogpstats.io.ogp_export reads them).
OGP_HEADER = ["Commitment Unique Identifier", "Country/Locality", "Region", "Action Plan Number",
              "Action Plan End Year", "Commitment Number", "Commitment Title", "Lead Institution",
              "Completion (Progress Report)", "Completion (End Of Term)"]

# (member, identifier prefix, OGP region, action plans); an action plan is (number, end year,
# commitments) and a commitment (title, lead institution, progress-report completion, end-of-term
# completion) in OGP's own words: "Not Started", "Limited", "Substantial", "Complete"/"Completed",
# and "ND", "NR", "N/A", "Withdrawn", "Unclear", "No Evidence Available" or a blank for no assessment.
# Every completion level is made up: the members and institutions are real, the figures are not.
OGP_MEMBERS = [
    ("Azerbaijan", "AZ", "Europe", [
        (2, 2015, [
            ("Open data portal of state bodies", "Ministry of Communications and High Technologies",
             "Limited", "Complete"),
            ("Electronic tax services for businesses", "Ministry of Taxes", "Substantial", "Substantial"),
            ("Citizens' budget", "Ministry of Finance", "Not Started", "Limited"),
            ("Declarations of assets of public officials", "Commission on Combating Corruption", "Limited", "ND"),
            ("ASAN service centres in the regions", "State Agency for Public Service and Social Innovations",
             "Substantial", "Completed"),
        ]),
        (3, 2018, [
            ("Public council participation in decision-making", "Ministry of Justice", "Not Started", "Not Started"),
            ("Electronic court system", "Ministry of Justice", "Limited", "Substantial"),
            ("Publication of audit reports", "Chamber of Accounts", "Limited", "Withdrawn"),
            ("Open statistics release calendar", "State Statistics Committee", "N/A", "ND"),
            ("Transparency of public procurement", "Ministry of Finance", "Substantial", ""),
        ]),
    ]),
    ("Georgia", "GE", "Europe", [
        (3, 2016, [
            ("Public service halls", "Public Service Development Agency", "Substantial", "Complete"),
            ("Electronic petitions portal", "Parliament of Georgia", "Limited", "Substantial"),
            ("Open budget data", "Ministry of Finance", "Substantial", "Completed"),
            ("Access to environmental information", "Ministry of Environment Protection", "Not Started", "Limited"),
        ]),
        (4, 2018, [
            ("Asset declaration monitoring", "Civil Service Bureau", "Limited", "Complete"),
            ("Open court decisions", "High Council of Justice", "Substantial", "Substantial"),
            ("Public procurement e-platform", "State Procurement Agency", "Complete", "Complete"),
            ("Local self-government transparency", "Ministry of Regional Development", "Limited", "ND"),
        ]),
    ]),
    ("Armenia", "AM", "Europe", [
        (3, 2018, [
            ("Beneficial ownership register", "Ministry of Justice", "Limited", "Substantial"),
            ("Freedom of information e-requests", "Ministry of Justice", "Not Started", "Not Started"),
            ("Open data on public finances", "Ministry of Finance", "Limited", "Limited"),
            ("E-draft legislation portal", "Ministry of Justice", "Substantial", "Complete"),
            ("Community budgets online", "Ministry of Territorial Administration", "ND", "ND"),
            ("Education data transparency", "Ministry of Education and Science", "Limited", "Substantial"),
            ("Health care price transparency", "Ministry of Health", "Not Started", "Limited"),
        ]),
    ]),
    ("Ukraine", "UA", "Europe", [
        (3, 2018, [
            ("ProZorro procurement data", "Ministry of Economic Development and Trade", "Substantial", "Complete"),
            ("Beneficial ownership disclosure", "Ministry of Justice", "Substantial", "Completed"),
            ("Extractive industries transparency", "Ministry of Energy and Coal Industry", "Limited", "Substantial"),
            ("Open spending portal", "Ministry of Finance", "Limited", "Limited"),
            ("Electronic asset declarations", "National Agency on Corruption Prevention", "Complete", "Complete"),
            ("Open land cadastre", "State Service for Geodesy and Cadastre", "Not Started", "Withdrawn"),
            ("Electronic petitions to local councils", "Ministry of Regional Development",
             "Substantial", "Substantial"),
        ]),
    ]),
    ("Mongolia", "MN", "Asia and the Pacific", [
        (2, 2018, [
            ("Glass account law implementation", "Ministry of Finance", "Limited", "Substantial"),
            ("Mining licence transparency", "Mineral Resources Authority", "Limited", "Limited"),
            ("Citizens' hall hearings", "Cabinet Secretariat", "Not Started", "Limited"),
            ("Open data on public services", "Communications and Information Technology Authority",
             "Substantial", "Complete"),
            ("Whistle-blower protection", "Independent Authority Against Corruption", "Not Started", "Not Started"),
            ("Public participation in local development funds", "Cabinet Secretariat", "Limited",
             "No Evidence Available"),
        ]),
    ]),
    ("Kenya", "KE", "Africa and the Middle East", [
        (2, 2018, [
            ("Open contracting in public procurement", "National Treasury", "Substantial", "Complete"),
            ("Beneficial ownership transparency", "Business Registration Service", "Limited", "Substantial"),
            ("Public participation in county budgets", "Council of Governors", "Substantial", "Substantial"),
            ("Extractives data portal", "Ministry of Petroleum and Mining", "Limited", "Limited"),
            ("Access to justice information", "The Judiciary", "Not Started", "Limited"),
            ("Open data on public service delivery", "Ministry of Information and Communications", "NR", "Unclear"),
        ]),
    ]),
    ("Paraguay", "PY", "Americas", [
        (3, 2018, [
            ("Public procurement open data", "National Directorate of Public Procurement", "Limited", "Complete"),
            ("Access to public information portal", "Ministry of Justice", "Substantial", "Completed"),
            ("Budget transparency for citizens", "Ministry of Finance", "Limited", "Substantial"),
            ("Citizen oversight of public works", "Ministry of Public Works and Communications", "Not Started",
             "Not Started"),
            ("Open education data", "Ministry of Education and Science", "Limited", "Limited"),
            ("Sworn asset declarations online", "Comptroller General of the Republic", "Substantial", ""),
        ]),
    ]),
]


def ogp_rows() -> list[list]:
    """The OGP extract's rows (without the header): one per commitment, members in order."""
    rows = []
    for member, prefix, region, plans in OGP_MEMBERS:
        n = 0
        for plan_number, end_year, commitments in plans:
            for number, (title, lead, progress, end_of_term) in enumerate(commitments, start=1):
                n += 1
                rows.append([f"{prefix}{n:04d}", member, region, plan_number, end_year, number, title, lead,
                             progress, end_of_term])
    return rows


def write_ogp_export(path: str | Path) -> Path:
    """Write the OGP extract as a UTF-8 CSV with ``\\n`` line ends (the same bytes on every run)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(OGP_HEADER)
    writer.writerows(ogp_rows())
    path = Path(path)
    path.write_bytes(buf.getvalue().encode("utf-8"))
    return path


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------

def write_samples(out_dir: str | Path) -> list[Path]:
    """Write both sample workbooks and the OGP extract into ``out_dir``; return their paths."""
    from ogpstats.io.template import write_workbook

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, plan, name, tables in (("nap", NAP_PLAN, NAP_FILE, nap_tables()),
                                     ("srm", SRM_PLAN, SRM_FILE, srm_tables())):
        written.append(Path(write_workbook(out / name, kind=kind, plan=plan, items=tables["items"],
                                           assessments=tables["assessments"], kpis=tables["kpis"],
                                           rounds=tables["rounds"], note=NOTE, illustrative=True)))
    written.append(write_ogp_export(out / OGP_FILE))
    return written


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1 or argv[0] in ("-h", "--help"):
        print("usage: make_sample_data.py OUT_DIR", file=sys.stderr)
        return 2
    for path in write_samples(argv[0]):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
