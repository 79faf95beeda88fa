"""Synthetic German company records with known duplicates, for tests and benchmarks.

Plain Python, no Django. Firms get realistic names (surnames, invented stems, places of
Thuringia and branch words of the automotive and supplier industry), a legal form, an
address in a Thuringian town, and some of: WZ code, headcount, phone, e-mail, website,
commercial register number and VAT id. Each firm yields one record; a share of the firms
yields further records with the faults that real import files have: typos, legal-form
variants, abbreviations, umlauts written out or dropped, word order, moved addresses,
other spellings of street, phone and register number, and missing fields.

Hard negatives are generated on purpose: different firms with the same surname and branch
in other towns, and sister firms with the same stem at the same address.

Every record carries ``true_id``, the firm it belongs to. The RNG is seeded, so a given
``(n, duplicate_share, seed)`` always yields the same records.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from stdnum.iso7064 import mod_11_10

FIELDS = (
    "name",
    "street",
    "plz",
    "city",
    "wz",
    "employees",
    "phone",
    "email",
    "website",
    "register_no",
    "vat_id",
)

# (town, postcodes, phone area code)
PLACES = [
    ("Erfurt", ["99084", "99085", "99086", "99087", "99089", "99091", "99092", "99094"], "0361"),
    ("Jena", ["07743", "07745", "07747", "07749"], "03641"),
    ("Gera", ["07545", "07546", "07548", "07549", "07551", "07552"], "0365"),
    ("Weimar", ["99423", "99425", "99427"], "03643"),
    ("Eisenach", ["99817"], "03691"),
    ("Gotha", ["99867"], "03621"),
    ("Suhl", ["98527", "98528", "98529"], "03681"),
    ("Nordhausen", ["99734"], "03631"),
    ("Mühlhausen", ["99974"], "03601"),
    ("Arnstadt", ["99310"], "03628"),
    ("Ilmenau", ["98693"], "03677"),
    ("Saalfeld", ["07318"], "03671"),
    ("Rudolstadt", ["07407"], "03672"),
    ("Sonneberg", ["96515"], "03675"),
    ("Hildburghausen", ["98646"], "03685"),
    ("Meiningen", ["98617"], "03693"),
    ("Schmalkalden", ["98574"], "03683"),
    ("Bad Salzungen", ["36433"], "03695"),
    ("Sömmerda", ["99610"], "03634"),
    ("Apolda", ["99510"], "03644"),
    ("Altenburg", ["04600"], "03447"),
    ("Greiz", ["07973"], "03661"),
    ("Zeulenroda-Triebes", ["07937"], "036628"),
    ("Pößneck", ["07381"], "03647"),
    ("Heilbad Heiligenstadt", ["37308"], "03606"),
    ("Leinefelde-Worbis", ["37327", "37339"], "03605"),
    ("Sondershausen", ["99706"], "03632"),
    ("Bad Langensalza", ["99947"], "03603"),
    ("Ohrdruf", ["99885"], "03624"),
    ("Waltershausen", ["99880"], "03622"),
    ("Ruhla", ["99842"], "036929"),
    ("Hermsdorf", ["07629"], "036601"),
    ("Eisenberg", ["07607"], "036691"),
    ("Schleiz", ["07907"], "03663"),
    ("Zella-Mehlis", ["98544"], "03682"),
    ("Schleusingen", ["98553"], "036841"),
    ("Stadtroda", ["07646"], "036428"),
    ("Kahla", ["07768"], "036424"),
    ("Neustadt an der Orla", ["07806"], "036481"),
    ("Treffurt", ["99830"], "036923"),
    ("Gerstungen", ["99834"], "036922"),
    ("Hörselberg-Hainich", ["99820"], "036920"),
    ("Kölleda", ["99625"], "03635"),
    ("Bad Berka", ["99438"], "036458"),
    ("Schmölln", ["04626"], "034491"),
    ("Meuselwitz", ["04610"], "03448"),
    ("Bad Lobenstein", ["07356"], "036651"),
    ("Bleicherode", ["99752"], "036338"),
    ("Tambach-Dietharz", ["99897"], "036252"),
    ("Ronneburg", ["07580"], "036602"),
]
# Larger towns host more firms.
_PLACE_WEIGHTS = [12, 9, 7, 6, 7, 6, 4, 4, 4, 4, 4] + [2] * (len(PLACES) - 11)

PLACE_ADJECTIVES = {
    "Erfurt": "Erfurter",
    "Jena": "Jenaer",
    "Gera": "Geraer",
    "Weimar": "Weimarer",
    "Eisenach": "Eisenacher",
    "Gotha": "Gothaer",
    "Suhl": "Suhler",
    "Nordhausen": "Nordhäuser",
    "Ilmenau": "Ilmenauer",
    "Saalfeld": "Saalfelder",
    "Meiningen": "Meininger",
    "Altenburg": "Altenburger",
}
REGIONS = ["Thüringer", "Wartburg", "Rennsteig", "Hainich", "Saale", "Werra", "Ilmtal", "Orla"]

SURNAMES = """Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer
Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann
Lange Werner Krause Lehmann Schulze Köhler Herrmann König Walter Fuchs Peters Scholz Möller Weiß
Jung Hahn Schubert Vogel Friedrich Keller Günther Frank Berger Winkler Roth Lorenz Baumann Franke
Albrecht Schuster Ludwig Böhm Winter Kraus Sommer Groß Seidel Heinrich Brandt Schreiber Graf
Dietrich Ziegler Kühn Pohl Engel Horn Busch Bergmann Voigt Sauer Arnold Pfeiffer Götze Heß
Thiele Ebert Reinhardt Rothe Wendt Döring Ullrich Gräfe Rausch Kästner Liebscher Schönfeld
Oßwald Hübner Trautvetter Apel Gerlach Fritzsche Heerwagen Bärwinkel Kießling Stößel""".split()

# Branch word, WZ 2008 code, typical headcount
BRANCHES = [
    ("Metallbau", "25.11.0", 25),
    ("Maschinenbau", "28.41.0", 60),
    ("Sondermaschinenbau", "28.99.0", 45),
    ("Werkzeugbau", "25.73.0", 30),
    ("Formenbau", "25.73.0", 20),
    ("Kunststofftechnik", "22.29.0", 80),
    ("Präzisionsteile", "25.62.0", 40),
    ("Drehteile", "25.62.0", 25),
    ("Zerspanungstechnik", "25.62.0", 35),
    ("Fahrzeugtechnik", "29.32.0", 120),
    ("Automotive", "29.32.0", 200),
    ("Fahrzeugbau", "29.20.0", 90),
    ("Gießerei", "24.53.0", 150),
    ("Guss", "24.51.0", 110),
    ("Federnwerk", "25.93.0", 70),
    ("Elektrotechnik", "27.12.0", 30),
    ("Elektronik", "26.11.0", 50),
    ("Automation", "28.99.0", 25),
    ("Oberflächentechnik", "25.61.0", 40),
    ("Galvanik", "25.61.0", 35),
    ("Härtetechnik", "25.61.0", 20),
    ("Stanztechnik", "25.50.0", 60),
    ("Umformtechnik", "25.50.0", 80),
    ("Blechbearbeitung", "25.62.0", 30),
    ("Antriebstechnik", "28.15.0", 70),
    ("Kabelsysteme", "27.32.0", 150),
    ("Sensorik", "26.51.0", 40),
    ("Karosseriebau", "29.20.0", 30),
    ("Lackiertechnik", "25.61.0", 20),
    ("Logistik", "49.41.0", 60),
    ("Spedition", "49.41.0", 40),
    ("Ingenieurbüro", "71.12.2", 8),
    ("Engineering", "71.12.2", 25),
    ("Autohaus", "45.11.0", 20),
    ("Kfz-Service", "45.20.1", 6),
    ("Gummiwerk", "22.19.0", 90),
    ("Glastechnik", "23.19.0", 60),
    ("Textiltechnik", "13.96.0", 45),
    ("Anlagenbau", "28.29.0", 50),
    ("Stahlbau", "25.11.0", 40),
    ("Schweißtechnik", "25.62.0", 15),
    ("Hydraulik", "28.12.0", 30),
    ("Industrieservice", "33.12.0", 25),
    ("Recycling", "38.32.0", 30),
]
BRANCH_ABBREVIATIONS = {
    "Maschinenbau": ["Masch.", "Maschb."],
    "Sondermaschinenbau": ["Sondermasch.", "Sondermaschb."],
    "Metallbau": ["Metallb."],
    "Werkzeugbau": ["Werkzb."],
    "Kunststofftechnik": ["Kunststofftechn.", "Kunstst.-Technik"],
    "Fahrzeugtechnik": ["Fahrzeugt.", "Fzg.-Technik"],
    "Elektrotechnik": ["Elektrotechn.", "E-Technik"],
    "Anlagenbau": ["Anlagenb."],
    "Industrieservice": ["Ind.-Service", "Industrie-Service"],
    "Ingenieurbüro": ["Ing.-Büro", "Ingenieurbuero"],
    "Automation": ["Autom."],
    "Kfz-Service": ["KFZ-Service", "Kfz Service"],
}
# Syllables for invented firm stems ('Veltora', 'Kormira') - rare words, as real brand names.
_SYLLABLES = """ka ro vel tor mi ra nex lin dor fen sa tex ber quin zel mar wen ta lo vi
dra sol pra tri kon ben gal har ist mon rel sta ver xan ju ko ne ul fa ger tho""".split()
_STEM_ENDINGS = ["", "", "a", "o", "ix", "on", "is", "tec", "tron", "plan", "form", "mat"]

STREET_NAMES = [
    "Hauptstraße",
    "Bahnhofstraße",
    "Industriestraße",
    "Gewerbestraße",
    "Am Gewerbepark",
    "Erfurter Straße",
    "Eisenacher Straße",
    "Gothaer Straße",
    "Weimarer Straße",
    "Karl-Marx-Straße",
    "Goethestraße",
    "Schillerstraße",
    "Am Bahnhof",
    "Mühlweg",
    "Lindenstraße",
    "Ringstraße",
    "Rudolf-Diesel-Straße",
    "Otto-Hahn-Straße",
    "Robert-Bosch-Straße",
    "Siemensstraße",
    "Am Flugplatz",
    "Wartburgallee",
    "Friedrich-Engels-Straße",
    "Straße des Friedens",
    "Straße der Einheit",
    "Zum Wiesengrund",
    "Gutenbergstraße",
    "Carl-Zeiss-Straße",
    "Lange Straße",
    "Hohe Straße",
    "Auf der Weide",
    "Alte Poststraße",
    "Gewerbegebiet Nord",
    "Am Kreuz",
    "Nordhäuser Straße",
    "Ernst-Abbe-Straße",
    "August-Bebel-Straße",
    "Rosa-Luxemburg-Straße",
    "Thälmannstraße",
    "Am Steinbruch",
    "In den Weiden",
    "Am Rennsteig",
    "Rennsteigstraße",
    "Werrastraße",
    "Saalestraße",
    "Kupferstraße",
    "Eisenbahnstraße",
    "Zur Hütte",
    "Hüttenweg",
    "Schmiedegasse",
    "Am Mühlgraben",
    "Mittelhäuser Straße",
    "Langensalzaer Straße",
    "Hermsdorfer Straße",
    "Leipziger Straße",
    "Ilmenauer Straße",
    "Suhler Straße",
    "Am Kalkwerk",
    "Im Gewerbegebiet",
    "Porschestraße",
    "Daimlerstraße",
    "Opelstraße",
    "Zeppelinstraße",
    "Dieselstraße",
    "Zum Gewerbegebiet",
    "An der Autobahn",
    "Kaltes Feld",
    "Spitzweidenweg",
    "Göschwitzer Straße",
    "Wiesenstraße",
    "Gartenstraße",
    "Feldstraße",
    "Bergstraße",
    "Waldstraße",
    "Kirchstraße",
    "Schulstraße",
    "Dorfstraße",
    "Mühlenstraße",
    "Marktstraße",
    "Am Markt",
    "Jenaer Straße",
    "Geraer Straße",
    "Arnstädter Straße",
    "Schmalkaldener Straße",
]
# Many more streets are named after people, trees and fields: enough variety that a
# street and number say something, as in a real register.
_STREET_PEOPLE = """Goethe Schiller Herder Wieland Bach Luther Händel Fröbel Humboldt Lessing Heine
Kant Fichte Hegel Schelling Novalis Reuter Fontane Brecht Kleist Mozart Beethoven Liszt
Cranach Dürer Gauß Kepler Leibniz Röntgen Planck Diesel Benz Daimler Otto Abbe Schott Zeiss
Bosch Siemens Kolping Stein Hardenberg Bebel Liebknecht Lassalle Thälmann Scheidemann
Ebert Stresemann Rathenau Bonhoeffer Scholl Brandt Adenauer Heuss""".split()
_STREET_WORDS = """Linden Eichen Birken Buchen Ahorn Kastanien Tannen Fichten Erlen Weiden
Rosen Tulpen Nelken Wiesen Feld Acker Garten Berg Tal Bach Mühlen Brunnen Kirch Schul
Markt Rathaus Schloss Burg Anger Kreuz Sonnen Mond Stern Wald Heide Moor Teich Quell""".split()
_STREET_ENDS = ["straße", "weg", "ring", "gasse", "allee", "platz"]
STREET_NAMES += [f"{p}straße" for p in _STREET_PEOPLE] + [
    f"{p}-{e.capitalize()}" if e in ("ring", "allee", "platz") else f"{p}{e}"
    for p in _STREET_PEOPLE[::3]
    for e in _STREET_ENDS[1:]
]
STREET_NAMES += [f"{w}{e}" for w in _STREET_WORDS for e in _STREET_ENDS]
STREET_NAMES += [f"Am {w}" for w in ("Anger", "Bach", "Berg", "Mühlteich", "Sportplatz")]

LEGAL_FORMS = [
    ("GmbH", 50),
    ("GmbH & Co. KG", 12),
    ("", 9),
    ("e.K.", 6),
    ("UG (haftungsbeschränkt)", 5),
    ("KG", 4),
    ("AG", 3),
    ("GbR", 3),
    ("OHG", 2),
    ("Inh.", 4),
    ("SE", 1),
    ("eG", 1),
]
LEGAL_FORM_SPELLINGS = {
    "GmbH": ["GmbH", "G.m.b.H.", "Gmbh", "GMBH", "Gesellschaft mbH", "mbH", "GmbH."],
    "GmbH & Co. KG": ["GmbH & Co. KG", "GmbH & Co KG", "GmbH u. Co. KG", "GmbH + Co. KG", "KG"],
    "e.K.": ["e.K.", "e. K.", "e.Kfm.", "eK", ""],
    "UG (haftungsbeschränkt)": ["UG (haftungsbeschränkt)", "UG", "UG (haftungsbeschraenkt)"],
    "KG": ["KG", "Kommanditgesellschaft", "K.G."],
    "AG": ["AG", "Aktiengesellschaft"],
    "GbR": ["GbR", "G.b.R.", ""],
    "OHG": ["OHG", "oHG", "OHG."],
    "SE": ["SE", "SE"],
    "eG": ["eG", "e.G."],
    "": ["", "GmbH"],
}
FREE_MAIL = ["gmx.de", "web.de", "t-online.de", "freenet.de", "gmail.com"]
TLDS = ["de"] * 9 + ["com", "eu", "net"]


@dataclass
class Firm:
    true_id: int
    name: str  # without legal form
    legal_form: str  # canonical; 'Inh.' for a sole proprietor written with owner
    owner: str
    street: str
    house_no: str
    plz: str
    city: str
    area_code: str
    wz: str
    employees: int
    phone: str  # local part without area code
    domain: str
    email_local: str
    register_no: str
    vat_id: str
    tokens: list[str] = field(default_factory=list)


def _weighted(rng: random.Random, items: list[tuple[str, int]]) -> str:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


def _stem(rng: random.Random) -> str:
    n = rng.choice([2, 2, 2, 3])
    s = "".join(rng.choice(_SYLLABLES) for _ in range(n)) + rng.choice(_STEM_ENDINGS)
    return s.capitalize()


def _ascii_slug(text: str) -> str:
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("Ä", "Ae"), ("Ö", "Oe")):
        text = text.replace(a, b)
    text = text.replace("Ü", "Ue").lower()
    return re.sub(r"-+", "-", "".join(c if c.isalnum() else "-" for c in text)).strip("-")


def _vat(rng: random.Random) -> str:
    body = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(7))
    return "DE" + body + mod_11_10.calc_check_digit(body)


def _firm_name(rng: random.Random, city: str) -> tuple[str, str]:
    """A firm's name without legal form and its branch word."""
    branch = rng.choice(BRANCHES)[0]
    surname = rng.choice(SURNAMES)
    kind = rng.random()
    if kind < 0.22:
        name = f"{surname} {branch}"
    elif kind < 0.38:
        name = f"{branch} {surname}"
    elif kind < 0.58:
        name = f"{_stem(rng)} {branch}"
    elif kind < 0.68:
        name = _stem(rng)
    elif kind < 0.76:
        adj = PLACE_ADJECTIVES.get(city) or rng.choice(REGIONS)
        name = f"{adj} {branch}"
        if rng.random() < 0.6:
            name += f" {surname}"
    elif kind < 0.83:
        other = rng.choice(SURNAMES)
        name = f"{surname} & {other}" if rng.random() < 0.6 else f"{surname} & Söhne"
        if rng.random() < 0.5:
            name += f" {branch}"
    elif kind < 0.90:
        name = f"{branch} {city}" if rng.random() < 0.5 else f"{_stem(rng)} {branch} {city}"
    elif kind < 0.95:
        name = f"{rng.choice(REGIONS)} {_stem(rng)}"
    else:
        first = rng.choice(["Gebr.", "Gebrüder"])
        name = f"{first} {surname} {branch}"
    return name, branch


class _Maker:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used_names: set[tuple[str, str]] = set()
        self.used_domains: set[str] = set()
        self.register_seq = 500000
        self.next_id = 0

    def firm(self, sister_of: Firm | None = None, namesake_of: Firm | None = None) -> Firm:
        rng = self.rng
        self.next_id += 1
        if sister_of is not None:
            # Same stem, other branch, same address and switchboard prefix.
            city, plz, area = sister_of.city, sister_of.plz, sister_of.area_code
            branch, wz, size = rng.choice([b for b in BRANCHES if b[0] not in sister_of.name])
            stem = sister_of.name.split()[0]
            name = f"{stem} {branch}"
            street, house_no = sister_of.street, sister_of.house_no
        else:
            idx = rng.choices(range(len(PLACES)), weights=_PLACE_WEIGHTS)[0]
            city, plzs, area = PLACES[idx]
            plz = rng.choice(plzs)
            if namesake_of is not None:
                # Same name, other town: a different firm that only looks the same.
                name = namesake_of.name
                branch = next((b for b in BRANCHES if b[0] in name), rng.choice(BRANCHES))[0]
            else:
                for _ in range(20):
                    name, branch = _firm_name(rng, city)
                    if (name, city) not in self.used_names:
                        break
            branch, wz, size = next(b for b in BRANCHES if b[0] == branch)
            street = rng.choice(STREET_NAMES)
            house_no = str(rng.randint(1, 120))
            r = rng.random()
            if r < 0.08:
                house_no += rng.choice("abc")
            elif r < 0.14:
                lo = int(house_no)
                house_no = f"{lo}-{lo + rng.choice([1, 2, 4])}"
        self.used_names.add((name, city))
        form = _weighted(rng, LEGAL_FORMS)
        owner = ""
        if form == "Inh.":
            owner = f"{rng.choice(['Peter', 'Uwe', 'Jens', 'Anja', 'Kerstin', 'Thomas'])} "
            owner += rng.choice(SURNAMES)
        employees = max(1, int(rng.lognormvariate(0, 0.8) * size))
        if form in ("e.K.", "Inh.", "GbR"):
            employees = max(1, employees // 5)
        domain = _ascii_slug(name) + "." + rng.choice(TLDS)
        if rng.random() < 0.3:
            domain = _ascii_slug(name.split()[0]) + "-" + _ascii_slug(city) + ".de"
        while domain in self.used_domains:  # a domain belongs to one firm
            domain = _ascii_slug(name) + "-" + _ascii_slug(city) + f"{rng.randint(1, 99)}.de"
        self.used_domains.add(domain)
        register = ""
        if form in ("GmbH", "UG (haftungsbeschränkt)", "AG", "SE"):
            self.register_seq += rng.randint(1, 40)
            register = f"HRB {self.register_seq}"
        elif form in ("GmbH & Co. KG", "KG", "OHG", "e.K."):
            self.register_seq += rng.randint(1, 40)
            register = f"HRA {self.register_seq}"
        elif form == "eG":
            register = f"GnR {rng.randint(100, 999)}"
        phone = str(rng.randint(10000, 9999999))
        if sister_of is not None:
            phone = sister_of.phone[:-2] + f"{rng.randint(10, 99)}"
        return Firm(
            true_id=self.next_id,
            name=name,
            legal_form=form,
            owner=owner,
            street=street,
            house_no=house_no,
            plz=plz,
            city=city,
            area_code=area,
            wz=wz,
            employees=employees,
            phone=phone,
            domain=domain,
            email_local=rng.choice(["info", "kontakt", "mail", "vertrieb", "office"]),
            register_no=register,
            vat_id=_vat(rng) if rng.random() < 0.9 else "",
        )


# --------------------------------------------------------------------------- rendering

_KEYBOARD_NEIGHBOURS = {
    "a": "sq",
    "b": "vn",
    "c": "xv",
    "d": "sf",
    "e": "wr",
    "f": "dg",
    "g": "fh",
    "h": "gj",
    "i": "uo",
    "k": "jl",
    "l": "kö",
    "m": "n",
    "n": "bm",
    "o": "ip",
    "r": "et",
    "s": "ad",
    "t": "rz",
    "u": "zi",
    "z": "tu",
    "w": "qe",
}


def _typo(rng: random.Random, text: str) -> str:
    """One keyboard slip in a word of three or more letters."""
    positions = [i for i, c in enumerate(text) if c.isalpha()]
    if len(positions) < 4:
        return text
    i = rng.choice(positions[1:])
    c = text[i]
    kind = rng.random()
    if kind < 0.35 and c.lower() in _KEYBOARD_NEIGHBOURS:
        sub = rng.choice(_KEYBOARD_NEIGHBOURS[c.lower()])
        return text[:i] + (sub.upper() if c.isupper() else sub) + text[i + 1 :]
    if kind < 0.6:
        return text[:i] + text[i + 1 :]
    if kind < 0.8 and i + 1 < len(text) and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + c + text[i:]


def _umlauts(rng: random.Random, text: str) -> str:
    if rng.random() < 0.7:
        pairs = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("Ü", "Ue"), ("Ö", "Oe"))
    else:  # as some systems do: dots dropped
        pairs = (("ä", "a"), ("ö", "o"), ("ü", "u"), ("ß", "ss"), ("Ü", "U"), ("Ö", "O"))
    for a, b in pairs:
        text = text.replace(a, b)
    return text


def _street_text(rng: random.Random, street: str, house_no: str, variant: bool) -> str:
    if variant:
        r = rng.random()
        if r < 0.45:
            street = street.replace("straße", "str.").replace("Straße", "Str.")
        elif r < 0.6:
            street = street.replace("straße", "strasse").replace("Straße", "Strasse")
        elif r < 0.7:
            street = _typo(rng, street)
        if "-" in house_no and rng.random() < 0.5:
            house_no = house_no.split("-")[0]
        elif house_no[-1:].isalpha() and rng.random() < 0.5:
            house_no = house_no[:-1] + " " + house_no[-1].upper()
    if not house_no:
        return street
    sep = "" if variant and rng.random() < 0.05 and street.endswith(".") else " "
    return f"{street}{sep}{house_no}"


def _phone_text(rng: random.Random, area: str, local: str) -> str:
    r = rng.random()
    if r < 0.35:
        return f"{area} {local}"
    if r < 0.55:
        return f"{area}/{local}"
    if r < 0.7:
        return f"+49 {area[1:]} {local}"
    if r < 0.8:
        return f"+49 ({area[0]}){area[1:]}-{local}"
    if r < 0.9:
        return f"{area}-{local}-0" if len(local) > 4 else f"{area}-{local}"
    return f"0049 {area[1:]} {local[:3]} {local[3:]}"


def _employees_text(rng: random.Random, n: int) -> str:
    r = rng.random()
    if r < 0.6:
        return str(n)
    if r < 0.7:
        return f"ca. {round(n, -1) or n}"
    for low, high in ((1, 9), (10, 49), (50, 249), (250, 499), (500, 999)):
        if low <= n <= high:
            return rng.choice([f"{low}-{high}", f"{low} bis {high}"])
    return "über 1000" if n >= 1000 else str(n)


_FIELD_PRESENT = {
    "wz": 0.55,
    "employees": 0.6,
    "phone": 0.65,
    "email": 0.45,
    "website": 0.5,
    "register_no": 0.3,
    "vat_id": 0.15,
}


def _render(rng: random.Random, firm: Firm, duplicate: bool, moved: bool) -> dict:
    """One record of a firm as a source would write it."""
    name = firm.name
    form = firm.legal_form
    if duplicate:
        r = rng.random()
        if r < 0.3:
            name = _typo(rng, name)
        elif r < 0.4:
            name = _typo(rng, _typo(rng, name))
        if rng.random() < 0.25:
            for full, abbrs in BRANCH_ABBREVIATIONS.items():
                if full in name:
                    name = name.replace(full, rng.choice(abbrs))
                    break
            name = name.replace("Gebrüder", "Gebr.").replace(" & ", rng.choice([" u. ", " und "]))
        if rng.random() < 0.25:
            name = _umlauts(rng, name)
        if rng.random() < 0.06:
            words = name.split()
            if len(words) == 2:
                name = f"{words[1]} {words[0]}"
        if rng.random() < 0.05:
            name = name.upper()
        if rng.random() < 0.04:
            name = "Fa. " + name
        words = name.split()
        if rng.random() < 0.04 and len(words) >= 3:
            name = " ".join(w for i, w in enumerate(words) if i != len(words) - 1)
        elif rng.random() < 0.03 and firm.city not in name:
            name = f"{name} {firm.city}"
    form_text = ""
    if form == "Inh.":
        if duplicate and rng.random() < 0.4:
            form_text = rng.choice(["e.K.", ""])
        else:
            form_text = f"Inh. {firm.owner}"
    elif form or duplicate:
        spellings = LEGAL_FORM_SPELLINGS.get(form, [form])
        form_text = rng.choice(spellings) if duplicate and rng.random() < 0.6 else form
        if duplicate and rng.random() < 0.1:
            form_text = ""  # form left out
    full_name = f"{name} {form_text}".strip()

    street, house_no, plz, city, area = (
        firm.street,
        firm.house_no,
        firm.plz,
        firm.city,
        firm.area_code,
    )
    phone = firm.phone
    if moved:
        street = rng.choice(STREET_NAMES)
        house_no = str(rng.randint(1, 120))
        if rng.random() < 0.3:  # moved to another town, with a new phone number
            city, plzs, area = rng.choice(PLACES)
            plz = rng.choice(plzs)
            phone = str(rng.randint(10000, 9999999))
        else:
            plz = rng.choice(next(p[1] for p in PLACES if p[0] == city))
    record = {
        "name": full_name,
        "street": _street_text(rng, street, house_no, duplicate),
        "plz": plz,
        "city": city,
    }
    if duplicate and rng.random() < 0.1:
        record["city"] = _umlauts(rng, city) if rng.random() < 0.5 else city.upper()
    present = {k: rng.random() < p for k, p in _FIELD_PRESENT.items()}
    if present["wz"]:
        wz = firm.wz
        record["wz"] = rng.choice([wz, wz.replace(".", ""), wz[:5], wz[:5].replace(".", "")])
    if present["employees"]:
        n = firm.employees
        if duplicate and rng.random() < 0.4:
            n = max(1, int(n * rng.uniform(0.8, 1.25)))
        record["employees"] = _employees_text(rng, n)
    if present["phone"]:
        record["phone"] = _phone_text(rng, area, phone)
    if present["email"]:
        if firm.employees < 10 and rng.random() < 0.5:
            slug = _ascii_slug(firm.owner or name.split()[0]).replace("-", ".")
            record["email"] = f"{slug}@{rng.choice(FREE_MAIL)}"
        else:
            record["email"] = f"{firm.email_local}@{firm.domain}"
    if present["website"]:
        record["website"] = rng.choice(
            [f"www.{firm.domain}", f"https://www.{firm.domain}/", f"http://{firm.domain}"]
        )
    if present["register_no"] and firm.register_no:
        reg = firm.register_no
        if rng.random() < 0.5:
            reg = rng.choice([f"Amtsgericht Jena {reg}", f"{reg} Jena", f"AG Jena, {reg}"])
        if duplicate and rng.random() < 0.2:
            reg = reg.replace("HRB ", "HRB").replace("HRA ", "HR A ")
        record["register_no"] = reg
    if present["vat_id"] and firm.vat_id:
        v = firm.vat_id
        record["vat_id"] = rng.choice([v, f"{v[:2]} {v[2:5]} {v[5:8]} {v[8:]}"])
    for key in list(record):
        if key not in ("name",) and duplicate and rng.random() < 0.06:
            record[key] = ""  # missing in this source
    return {k: record.get(k, "") for k in FIELDS}


def generate(
    n: int = 10_000,
    duplicate_share: float = 0.2,
    seed: int = 1,
    moved_share: float = 0.1,
    sister_share: float = 0.015,
    namesake_share: float = 0.01,
) -> list[dict]:
    """``n`` records of which ``duplicate_share`` are further records of a firm that is
    already in the list (2 000 of 10 000 at 0.2). Each record has the CSV columns of
    ``FIELDS`` plus ``true_id``. Of the duplicates, ``moved_share`` have another address.
    ``sister_share`` and ``namesake_share`` of the firms are hard negatives: a sister firm
    (same stem, other branch, same address) or a namesake (same name, other town)."""
    rng = random.Random(seed)
    maker = _Maker(rng)
    n_dups = round(n * duplicate_share)
    n_firms = n - n_dups
    firms: list[Firm] = []
    while len(firms) < n_firms:
        r = rng.random()
        if firms and r < sister_share:
            base = rng.choice(firms)
            if len(base.name.split()) >= 2 and base.name.split()[0] not in SURNAMES:
                firms.append(maker.firm(sister_of=base))
                continue
        if firms and r < sister_share + namesake_share:
            firms.append(maker.firm(namesake_of=rng.choice(firms)))
            continue
        firms.append(maker.firm())
    records = [
        _render(rng, f, duplicate=False, moved=False) | {"true_id": f.true_id} for f in firms
    ]
    # Most firms with duplicates have one, some two or three.
    for _ in range(n_dups):
        firm = (
            rng.choice(firms[: max(1, n_firms // 2)]) if rng.random() < 0.3 else rng.choice(firms)
        )
        moved = rng.random() < moved_share
        records.append(_render(rng, firm, duplicate=True, moved=moved) | {"true_id": firm.true_id})
    rng.shuffle(records)
    return records
