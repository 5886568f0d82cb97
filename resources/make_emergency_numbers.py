"""Build resources/emergency_numbers.json: every country's emergency number(s).

Run from the repository root: `python resources/make_emergency_numbers.py`.

Where the numbers come from, honestly:
- Which numbers reach the emergency services in a region is read from the short-number
  metadata that `phonenumbers` ships (a Python port of Google's libphonenumber
  ShortNumberMetadata.xml). Every 2- to 5-digit number the region's emergency pattern
  matches, and that `shortnumberinfo.is_emergency_number` confirms, is a candidate; 112 is
  listed only where that metadata says it works.
- Which of them to show first, and what each is for, is curated below (`CURATED`) for the
  countries where it matters (separate ambulance, police and fire numbers). Each curated
  entry lists the stored public pages its numbers and labels were checked against on
  CHECKED_ON; `confirmed` says whether they confirm every number and label, and the note
  says what still needs re-checking where they do not. Every curated number must also be in the
  metadata: the build stops otherwise, and tests/core/test_emergency_numbers.py checks
  the whole table again.
- Elsewhere the first number is chosen by a rule (911, else 112, else 999, else the only
  or the first number), and the entry says so in its `note`: those need a person to
  check them against an official page.

The region's name comes from phonenumbers' English geocoding data, its time zone from
the system's tzdata `zone.tab` (the first zone listed for the country), its paper size
from the list of countries that use US Letter.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import phonenumbers
from phonenumbers import shortnumberinfo
from phonenumbers.geocoder import _region_display_name
from phonenumbers.phonemetadata import PhoneMetadata

OUT = Path(__file__).with_name("emergency_numbers.json")
CRISIS_LINES = Path(__file__).with_name("crisis_lines.json")
ZONE_TAB = Path("/usr/share/zoneinfo/zone.tab")
TODAY = dt.date.today().isoformat()
METADATA = f"phonenumbers {phonenumbers.__version__} short-number metadata (libphonenumber)"

GENERAL = "all emergencies"
AMBULANCE = "ambulance"
POLICE = "police"
FIRE = "fire"
AMBULANCE_FIRE = "ambulance and fire"
CHECKED_ON = "2026-11-30"  # the day the curated entries were checked against the pages below
KNOWLEDGE = (
    "Numbers confirmed by the metadata; which service each one reaches is from general "
    "knowledge and must be re-checked against an official page."
)
US_112 = "112 is redirected by some mobile networks only, so it is not offered."


@dataclass(frozen=True)
class Curated:
    """One hand-curated country: its numbers in the order to show, and how they were checked.

    `numbers`: (number, whom it reaches); the first is the one the Call button dials. The
    ambulance number comes first where services are separate: a mental-health emergency
    needs an ambulance more often than the police.
    `sources`: the stored public pages the numbers and labels were checked against on
    CHECKED_ON, the most authoritative first. `confirmed`: every listed number and label is
    confirmed by them; otherwise `note` says what still needs re-checking. `official`: at
    least one source is a government, regulator or emergency-service page (else news or
    travel guides only).
    """

    numbers: list[tuple[str, str]]
    note: str
    sources: tuple[str, ...] = ()
    confirmed: bool = False
    official: bool = False


def checked(
    numbers: list[tuple[str, str]], note: str, *sources: str, official: bool = False
) -> Curated:
    """An entry whose every number and label the sources confirm."""
    return Curated(numbers, note, sources, confirmed=True, official=official)


# Checked against stored public pages on 2026-11-30 (the `search` tool's "pages" corpus).
# Corrections made then: FR 15 first (Service-Public.fr, as quoted, and the town of
# Sanguinet advise 15/17/18 over 112 inside France); ID 119 first (112 ran in 141 cities
# and regencies only in 2025); UA 103 first (112 was still being rolled out region by
# region in 2024); IT 113 and 115 added; NL's unsourced "911 is redirected" claim dropped.
CURATED: dict[str, Curated] = {
    "GB": checked(
        [("999", GENERAL), ("112", GENERAL)],
        "999 reaches police, ambulance, fire and coastguard; 112 reaches the same centre.",
        "https://www.wellingtonpractice.co.uk/emergency-information/",
        "http://www.dorset.police.uk/Default.aspx?page=728",
        official=True,
    ),
    "IE": checked(
        [("112", GENERAL), ("999", GENERAL)],
        "Both numbers reach the same service: Gardaí, ambulance, fire brigade, coast guard.",
        "https://www2.hse.ie/emergencies/when-to-call-112-or-999/",
        "https://gov.ie/en/department-of-housing-local-government-and-heritage/publications/calling-the-fire-brigade",
        official=True,
    ),
    "US": checked(
        [("911", GENERAL)],
        "911 reaches emergency medical, fire and law enforcement. " + US_112,
        "https://www.stauntonrescue.org/emergency-communications/",
        "https://docs.fcc.gov/public/attachments/DOC-237653A2.txt",
        official=True,
    ),
    "CA": checked(
        [("911", GENERAL)],
        "911 reaches police, fire and ambulance. " + US_112,
        "https://www.gnb.ca/en/topic/laws-safety/community-safety/911.html",
        "https://www1.brampton.ca/EN/residents/Emergency-Management/Pages/About-911.aspx",
        official=True,
    ),
    "AU": checked(
        [("000", GENERAL), ("112", "from a mobile")],
        "000 from any phone; 112 from most mobiles (a secondary number).",
        "https://www.triplezero.gov.au/triple-zero/other-emergency-numbers",
        "http://www.acma.gov.au/theACMA/emergency-call-service-faq-i-acma",
        official=True,
    ),
    "NZ": checked(
        [("111", GENERAL)],
        "111 reaches police, fire and ambulance.",
        "https://www.govt.nz/browse/crime-and-justice/crimes-and-emergencies/111-emergency-service/",
        official=True,
    ),
    "JP": checked(
        [("119", AMBULANCE_FIRE), ("110", POLICE)],
        "110 police, 119 fire and ambulance.",
        "https://www.city.odate.lg.jp/city/foreign-language/english/emergency-call",
        official=True,
    ),
    "MX": checked(
        [("911", GENERAL)],
        "911 is the single national emergency number since 2016-2017 (it replaced 066).",
        "https://www.gob.mx/policiafederal/articulos/088-911-responder-ante-cualquier-llamado?idiom=es",
        "http://www.capitalmexico.com.mx/nacional/facil-de-recordar-arranca-el-numero-911-para-atender-emergencias-en-16-estados",
        official=True,
    ),
    "PH": checked(
        [("911", GENERAL)],
        "911 is the national emergency number (Executive Order 56, 2018; it replaced 117).",
        "http://www.manila-shimbun.com/category/english/news238060.html",
        "https://www.gr888.co/en/?p=60038",
    ),
    "CN": checked(
        [("120", AMBULANCE), ("110", POLICE), ("119", FIRE)],
        "120 ambulance, 110 police, 119 fire.",
        "https://www.gochinaroute.com/china-emergency-numbers-police-ambulance-fire",
        "http://chinatravelservice.freechinalink.com/emergencies.htm",
    ),
    "KR": checked(
        [("119", AMBULANCE_FIRE), ("112", POLICE)],
        "In Korea 112 is the police; 119 fire and ambulance.",
        "https://citiesinsider.com/country/south-korea/CountryWide/emergency-contact-numbers",
    ),
    "TW": checked(
        [("119", AMBULANCE_FIRE), ("110", POLICE)],
        "119 fire and ambulance, 110 police.",
        "https://www.retiredintaiwan.club/emergency-situations-in-taiwan-what-you-need-to-know",
        "https://fdkc.kcg.gov.tw/en/Content_List.aspx?n=F3C19CC58F804FC4",
        official=True,
    ),
    "HK": checked(
        [("999", GENERAL)],
        "999 reaches police, fire and ambulance.",
        "https://deepchinatravel.com/hongkong-travel/what-are-the-emergency-contact-numbers-in-hong-kong.html",
        r"https://police.gov.hk/info/doc/pledge/2017/html/Operations/TC/..\EN\OperationEN.htm",
        official=True,
    ),
    "SG": checked(
        [("995", AMBULANCE_FIRE), ("999", POLICE)],
        "995 SCDF fire engine and ambulance; 999 police.",
        "https://www.scdf.gov.sg/home/about-us/information-on-ems/scdf-emergency-medical-services",
        "https://www.police.gov.sg/news-and-publications/features/The%20Line%20Between%20Life%20and%20Death",
        official=True,
    ),
    "MY": checked(
        [("999", GENERAL), ("112", "from a mobile")],
        "999 (MERS 999) for police, fire and ambulance; 112 works from mobiles only and is "
        "redirected to 999.",
        "https://medicinemalaysia.com/medicine/2015/03/16/emergency-number-is-still-999/",
        "https://nst.com.my/amp/opinion/letters/2024/08/1091175/provide-cellphone-hotline-report-environmental-nuisances",
    ),
    "IN": checked(
        [("112", GENERAL), ("108", AMBULANCE), ("100", POLICE), ("101", FIRE)],
        "112 is the national emergency number (ERSS); 108 ambulance, 100 police, 101 fire "
        "still work.",
        "https://www.dnaindia.com/india/report-delhi-to-launch-single-emergency-helpline-112-for-faster-response-cm-rekha-gupta-3197661",
        "https://www.ndtv.com/india-news/112-india-all-in-one-emergency-helpline-number-to-be-launched-today-1995582",
    ),
    "PK": checked(
        [("1122", "rescue and ambulance"), ("15", POLICE)],
        "1122 (Rescue 1122) runs in Punjab, Khyber Pakhtunkhwa and Sindh, not yet in every "
        "province; 15 police.",
        "http://chowkyadgar.com/emergency-number/426710",
        "https://www.geo.tv/latest/503157-sindh-police-merge-madadgar-15-emergency-1122",
    ),
    "TH": checked(
        [("1669", AMBULANCE), ("191", POLICE), ("199", FIRE)],
        "1669 medical emergencies, 191 police, 199 fire.",
        "https://thailandsimple.com/emergency-numbers-in-thailand",
        "https://www.pattayamail.com/thailandnews/thai-191-becomes-secondary-hotline-to-aid-covid-19-patients-352642",
    ),
    "VN": checked(
        [("115", AMBULANCE), ("113", POLICE), ("114", FIRE)],
        "115 ambulance, 113 police, 114 fire.",
        "https://eng.hochiminhcity.gov.vn/-/hcmc-connects-three-emergency-switchboards",
        "https://kienthucykhoa.edu.vn/113-la-so-dien-thoai-gi/",
        official=True,
    ),
    "ID": checked(
        [
            ("119", AMBULANCE),
            ("112", "all emergencies, in some cities"),
            ("110", POLICE),
            ("113", FIRE),
        ],
        "Corrected: 119 first, because 112 ran in 141 cities and regencies only in 2025; "
        "119 ambulance, 110 police, 113 fire.",
        "https://jabar.antaranews.com/berita/591741/layanan-panggilan-darurat-112-siaga-selama-libur-lebaran-2025",
        "https://kids.grid.id/read/473467733/telepon-darurat-di-indonesia-basarnas-kepolisian-hingga-ambulance?page=all",
    ),
    "BR": checked(
        [("192", "ambulance, SAMU"), ("190", POLICE), ("193", FIRE)],
        "192 SAMU, 190 military police, 193 fire brigade.",
        "https://mdbf.com.br/blog/numeros-de-emergencia",
        "https://app.campoflorido.mg.gov.br/carta-de-servicos/c/2/i/14661/acionar-emergencia-policial-190",
        official=True,
    ),
    "AR": Curated(
        [("107", AMBULANCE), ("911", POLICE), ("100", FIRE)],
        "107 (SAME) and 911 confirmed; in Buenos Aires province 911 reaches every service. "
        "100 (fire) still needs re-checking against an official page.",
        (
            "http://emergencias911.mseg.gba.gov.ar/preguntas",
            "http://alimena.org/notas/nota%20911.htm",
        ),
        official=True,
    ),
    "CL": checked(
        [("131", AMBULANCE), ("133", POLICE), ("132", FIRE)],
        "131 health (SAMU), 133 Carabineros, 132 fire brigade.",
        "https://www.latercera.com/nacional/noticia/pinera-anuncia-iniciativa-para-crear-el-primer-sistema-integrado-de-atencion-de-emergencias-del-pais/IYLDL4TRDJHU7CZS6TPJHFHYVU/",
    ),
    "CO": checked(
        [("123", GENERAL)],
        "123 is the single national emergency line for every service.",
        "https://wradio.com.co/2023/08/25/numero-para-llamar-a-emergencias-es-el-mismo-en-toda-colombia/?outputType=amp",
    ),
    "ZA": checked(
        [("10177", AMBULANCE), ("10111", POLICE), ("112", "from a mobile")],
        "10177 ambulance, 10111 police, 112 from any mobile.",
        "https://statuscheck.co.za/?p=14569",
        "https://gauteng.news/2024/10/16/sa-emergency-numbers-kids-should-know/",
    ),
    "EG": checked(
        [("123", AMBULANCE), ("122", POLICE), ("180", FIRE)],
        "123 ambulance, 122 police, 180 fire.",
        "https://docslib.org/doc/6618224/2021-osac-csr-egypt-pdf",
        "http://www.p719.cn/20570809.html",
    ),
    "IL": Curated(
        [("101", AMBULANCE), ("100", POLICE), ("102", FIRE)],
        "101 (Magen David Adom) and 102 (Fire and Rescue) confirmed; 100 (police) still "
        "needs re-checking against an official page.",
        (
            "https://www.jpost.com/Israel-News/Israeli-ambulance-service-prepares-bolstered-emergency-teams-for-High-Holidays-505002",
            "https://news.walla.co.il/break/3677159",
        ),
    ),
    "IR": Curated(
        [("115", AMBULANCE), ("110", POLICE), ("125", FIRE)],
        "115 (emergency medical service) confirmed; 110 (police) and 125 (fire) still need "
        "re-checking against an official page.",
        (
            "https://ilna.ir/بخش-%D8%A7%D8%AC%D8%AA%D9%85%D8%A7%D8%B9%DB%8C-5/1136451-%D8%A2%D9%85%D8%A7%D8%AF%D9%87-%D8%A8%D8%A7%D8%B4-%D8%A7%D9%88%D8%B1%DA%98%D8%A7%D9%86%D8%B3-%D8%AA%D9%87%D8%B1%D8%A7%D9%86-%D8%A8%D9%87-%D8%AF%D9%84%DB%8C%D9%84-%D8%A7%D8%AD%D8%AA%D9%85%D8%A7%D9%84-%D9%88%D9%82%D9%88%D8%B9-%DA%AF%D8%B1%D8%AF-%D8%BA%D8%A8%D8%A7%D8%B1",
        ),
    ),
    "AE": checked(
        [("998", AMBULANCE), ("999", POLICE), ("997", FIRE)],
        "998 ambulance, 999 police, 997 civil defence (fire).",
        "https://citiesinsider.com/country/united-arab-emirates/sharjah/emergency-communication/en",
        "https://gulfnews.com/uae/government/dubai-police-receive-24-million-calls-on-999-1.82112498",
    ),
    "SA": checked(
        [("911", GENERAL), ("997", AMBULANCE), ("999", POLICE)],
        "911 and 999 reach police, fire and medical services; 997 public ambulance.",
        "https://expat.com/en/guide/middle-east/saudi-arabia/34695-emergencies-in-saudi-arabia.html",
        "https://lifeinsaudiarabia.net/in-an-emergency-call-911-but-only-if-you-can-speak-arabic/",
    ),
    "TR": checked(
        [("112", GENERAL)],
        "Police 155, fire 110, gendarmerie 156 and the others were merged into 112 in every "
        "province.",
        "https://sinopism.saglik.gov.tr/TR-226526/acil-durumda-sadece-112.html",
        official=True,
    ),
    "RU": checked(
        [("112", GENERAL), ("103", AMBULANCE), ("102", POLICE), ("101", FIRE)],
        "112 everywhere; from mobiles 101 fire, 102 police, 103 ambulance.",
        "https://sergiev.ru/news/o-poryadke-vyzova-ekstrennykh-operativnykh-sluzhb",
        "https://kazved.ru/news/v-rossii-nachinaet-rabotat-edinyy-nomer-ekstrennyh-sluzhb-112-4734219",
    ),
    "UA": checked(
        [("103", AMBULANCE), ("112", GENERAL), ("102", POLICE), ("101", FIRE)],
        "Corrected: 103 first, because 112 was still being rolled out region by region in "
        "2024; 101, 102, 103 keep working.",
        "https://bukvy.org/yedynyj-nomer-ekstrenoyi-dopomogy-112-zapraczyuye-po-vsij-ukrayini-do-kinczya-2024-roku",
        "https://ru.interfax.com.ua/news/general/937534.html",
    ),
    "NL": checked(
        [("112", GENERAL)],
        "112 reaches police, fire brigade and ambulance.",
        "https://www.politie.nl/nieuws/2021/februari/11/08-als-elke-seconde-telt.html",
        "http://www.wittekruis.nl/112-en-dan/1081",
        official=True,
    ),
    "NO": checked(
        [("113", AMBULANCE), ("112", POLICE), ("110", FIRE)],
        "In Norway 112 is the police; 113 medical emergencies, 110 fire.",
        "https://www.viken-nettskole.no/lessons/varsling-copy/",
        "https://www.lifeinnorway.net/emergency-services",
    ),
    "FR": checked(
        [("15", "ambulance, SAMU"), ("17", POLICE), ("18", FIRE), ("112", GENERAL)],
        "Corrected: 15 first, because inside France the 15/17/18 numbers are advised over "
        "112; all four are interconnected.",
        "https://sdis45.com/index.php/en-pratique/une-urgence-quel-numero",
        "https://montpellier-infos.fr/index.php/bons-plans/bon-a-savoir/37442-hgjk",
        "https://www.senioractu.com/Les-numeros-d-urgence-a-connaitre_a23873.html",
        "http://www.ville-sanguinet.fr/Sanguinet/Social-et-sante/Sante/Numeros-d-urgence",
        official=True,
    ),
    "DE": checked(
        [("112", AMBULANCE_FIRE), ("110", POLICE)],
        "112 fire brigade and ambulance (any emergency), 110 police.",
        "http://www.baden-baden.de/buergerservice/notlagen/unfaelle/feuerwehr-und-polizei/",
        "https://feuerwehr-rothenbuch.de/bürgerinfo/112",
        official=True,
    ),
    "AT": checked(
        [("112", GENERAL), ("144", AMBULANCE), ("133", POLICE), ("122", FIRE)],
        "112 (answered by the police), 144 ambulance, 133 police, 122 fire.",
        "https://rtr.at/TKP/was_wir_tun/telekommunikation/konsumentenservice/information/informationen_fuer_konsumenten/TKKS_Notrufe.de.html",
        official=True,
    ),
    "CH": checked(
        [("144", AMBULANCE), ("117", POLICE), ("118", FIRE), ("112", GENERAL)],
        "144 ambulance, 117 police, 118 fire; 112 reaches an emergency centre (often the police).",
        "https://www.srf.ch/sendungen/einstein/kleiner-wegweiser-durch-den-notrufnummern-dschungel",
        "https://www.iamexpat.ch/expat-info/swiss-emergency-numbers-services",
    ),
    "IT": checked(
        [("112", GENERAL), ("118", AMBULANCE), ("113", POLICE), ("115", FIRE)],
        "112 single emergency number; 118 health emergencies, 113 police, 115 fire brigade "
        "(113 and 115 added).",
        "http://www.salute.gov.it/portale/temi/p2_6.jsp?id=4623&area=118%2520Pronto%2520Soccorso&menu=vuoto",
        "https://telefonino.net/notizie/numeri-emergenza-quali-sono-a-cosa-servono",
        official=True,
    ),
    "ES": checked(
        [("112", GENERAL)],
        "112 is the single emergency number for health, fire and police since 1998.",
        "https://salvavidas.com/blog/a-que-numero-llamar-en-caso-de-emergencia-en-espana-guia-completa-actualizada-2025",
        "https://protegiendopersonas.es/cuando-llamar-al-112/amp",
    ),
    "PL": checked(
        [("112", GENERAL), ("999", AMBULANCE), ("997", POLICE), ("998", FIRE)],
        "112 emergency centre; 999 ambulance, 997 police, 998 fire (calls to them are "
        "increasingly answered by 112).",
        "https://kedzierzyn-kozle.policja.gov.pl/ok/kpp-kedzierzyn-kozle/aktualnosci/11434,997-gt-112.html",
        "http://osp.grodziskodolne.pl/numery-alarmowe/",
        official=True,
    ),
    "CZ": checked(
        [("112", GENERAL), ("155", AMBULANCE), ("158", POLICE), ("150", FIRE)],
        "112, 155 ambulance, 158 police, 150 fire.",
        "https://www.mesto-blatna.cz/mestsky-urad/krizove-rizeni/uzitecne-odkazy/dulezita-telefonni-cisla-a-tisnove-volani/",
        official=True,
    ),
    "KE": Curated(
        [("999", GENERAL), ("112", GENERAL)],
        "Only a 2013 report that 999 was restored in Nairobi was found. " + KNOWLEDGE,
        ("https://www.bbc.co.uk/news/world-africa-23549168",),
    ),
    "BD": checked(
        [("999", GENERAL)],
        "999 (National Emergency Service) reaches police, fire service and ambulance.",
        "https://www.thedailystar.net/news/bangladesh/news/igp-faster-999-emergency-response-3716286",
    ),
}

NAMES = {"AC": "Ascension Island", "TA": "Tristan da Cunha", "XK": "Kosovo"}
ZONES = {"AC": "Atlantic/St_Helena", "TA": "Atlantic/St_Helena", "XK": "Europe/Belgrade"}
LETTER = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "DO", "CR", "PA", "PR", "SV"}
RULE = (
    "Not curated: the first number was chosen by rule (911, else 112, else 999, else the "
    "only or first number in the metadata); check it against an official page."
)
MAX_LISTED = 4


def metadata_numbers(region: str) -> list[str]:
    """Every 2- to 5-digit number phonenumbers says reaches the region's emergency services."""
    metadata = PhoneMetadata.short_metadata_for_region(region)
    if metadata is None or metadata.emergency is None:
        return []
    pattern = metadata.emergency.national_number_pattern
    if not pattern:
        return []
    compiled = re.compile(pattern)
    found = []
    for length in range(2, 6):
        for value in range(10**length):
            candidate = str(value).zfill(length)
            if compiled.fullmatch(candidate) and shortnumberinfo.is_emergency_number(
                candidate, region
            ):
                found.append(candidate)
    return found


def first_zones() -> dict[str, str]:
    zones: dict[str, str] = {}
    for line in ZONE_TAB.read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        country, _, zone, *_ = line.split("\t")
        zones.setdefault(country, zone)
    return zones


def by_rule(numbers: list[str]) -> list[str]:
    for preferred in ("911", "112", "999"):
        if preferred in numbers:
            return [preferred] + [n for n in numbers if n != preferred]
    return numbers


def main() -> int:
    existing = json.loads(CRISIS_LINES.read_text("utf-8"))["regions"]
    zones = first_zones()
    regions: dict[str, object] = {}
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        numbers = metadata_numbers(region)
        if not numbers:
            continue  # no emergency data: not offered (docs/crisis-lines.md names them)
        name = _region_display_name(region, "en") or NAMES.get(region, "")
        if region in existing:
            name = existing[region]["name"]
        checked_on = TODAY
        if region in CURATED:
            curated = CURATED[region]
            for number, _ in curated.numbers:
                if number not in numbers:
                    sys.stderr.write(f"{region}: {number} is not an emergency number\n")
                    return 1
            entry_numbers = [{"number": n, "for": what} for n, what in curated.numbers]
            note, is_curated = curated.note, True
            if curated.sources:
                source, checked_on = curated.sources[0], CHECKED_ON
                note = (
                    ("Checked" if curated.confirmed else "Partly checked")
                    + f" on {CHECKED_ON} against "
                    + ("an official page" if curated.official else "news and guide pages")
                    + ": "
                    + note
                )
            else:
                source = METADATA
        else:
            short = [n for n in numbers if len(n) <= 3] or numbers
            ordered = by_rule(short)[:MAX_LISTED]
            entry_numbers = [{"number": n, "for": ""} for n in ordered]
            source, note, is_curated = METADATA, RULE, False
            curated = None
        regions[region] = {
            "name": name,
            "numbers": entry_numbers,
            "curated": is_curated,
            "confirmed": bool(curated and curated.confirmed),
            "source": source,
            "sources": list(curated.sources) if curated else [],
            "checked_on": checked_on,
            "note": note,
            "time_zone": existing.get(region, {}).get("time_zone")
            or zones.get(region)
            or ZONES.get(region, "UTC"),
            "paper": "letter" if region in LETTER else "a4",
        }
    document = {
        "format": "crisisplan-emergency-numbers",
        "version": 1,
        "built_with": METADATA,
        "built_on": TODAY,
        "regions": regions,
    }
    OUT.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
    curated_count = sum(1 for r in regions.values() if r["curated"])  # type: ignore[index]
    confirmed = sum(1 for r in regions.values() if r["confirmed"])  # type: ignore[index]
    sys.stderr.write(
        f"{len(regions)} regions, {curated_count} curated, {confirmed} confirmed from sources\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
