"""The outlet's name on a plain-text page, from what the page's own furniture repeats.

A text dump seldom shows a ``Headline | Site`` line, but a site names itself all over its
template: in the copyright line ("© 2019 Rolling Stone, LLC"), in its host name
("HoustonChronicle.com", "redaktion@mobilsicher.de"), in interface phrases ("Follow The
Telegraph", "About Sky News", "Subscribe to the VG247 newsletter", "Über FinCompare",
"Retrouvez France Culture sur"), and as a logo line of its own ("Fox News"). Each of these
alone is weak (a copyright line may name the parent company, a host may be a link to another
site, a short capitalised line may be a section); a name that two *kinds* of such evidence
agree on is the site. Only lines outside the article body count as evidence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from storylens.extract import lines as L
from storylens.writing import UNSPACED_CHAR_RE

HOST_NAME_RE = re.compile(
    r"(?<![\w@.-])(?:https?://)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:com|net|org|info|biz|news|media|online|blog|tv|fm|io|[a-z]{2}))(?![\w-])",
    re.IGNORECASE,
)
"""A host name with a generic or any two-letter country ending (``tdg.ch``, ``nzz.ch``)."""
HOST_SCREEN_RE = re.compile(r"[a-z0-9]\.[a-z]{2}")
"""Cheap screen: a dot between letters, as every host name has (sentence ends have a space)."""
EMAIL_HOST_RE = re.compile(r"[\w.+-]+@((?:[a-z0-9-]+\.)+[a-z]{2,6})\b", re.IGNORECASE)
"""An address's host: ``redaktion@mobilsicher.de`` is the site's own mail."""
SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "or", "ne", "gv"})
"""Labels before a country ending that are not the name (``express.co.uk``)."""
FOREIGN_HOSTS = frozenset(
    {"twitter", "facebook", "instagram", "youtube", "google", "t", "pic", "amazon", "wordpress",
     "blogspot", "linkedin", "pinterest", "whatsapp", "tiktok", "apple", "bit", "goo", "flickr",
     "reddit", "tumblr", "wikipedia", "gmail", "yahoo", "outlook", "spotify", "vimeo", "m", "x",
     "feedburner", "disqus", "gravatar", "addthis", "doubleclick", "getty", "gettyimages",
     "shutterstock", "istock", "adobe", "dpa", "ap", "reuters", "afp"}
)  # fmt: skip
"""Hosts of platforms, image agencies and wires: a link or credit, never the page's own site."""
INTERFACE_BEFORE_RE = re.compile(
    r"(?:^|[\s:|•·])(?:follow|about|contact|search|subscribe to|sign up (?:to|for)|"
    r"more from|back to|welcome to|advertise (?:with|on)|popular on|work (?:at|for)|"
    r"why you can trust|continue to|support|download the|get the|"
    r"über|folgen sie|folge|mehr von|kontakt zu|abonnieren sie|newsletter von|"
    r"à propos de|suivez|retrouvez|abonnez-vous à|"
    r"sobre|síguenos en|suscríbete a|contacta con|chi siamo|seguici su|segue|"
    r"over|volg|o nas|obserwuj)\s+(?:the\s+|die\s+|der\s+|das\s+|le\s+|la\s+|el\s+|us\s+on\s+)?"
    r"(?=\S)",
)
"""Template phrases that name the site after them ("Follow The Telegraph", "Über FinCompare");
matched on the lower-cased line, as is the next."""
INTERFACE_AFTER_RE = re.compile(
    r"\s(?:homepage|home page|main menu|newsletters?|staff|store|shop|app|podcasts?|archives?|"
    r"team|redaktion|rédaction|redacción|online:|on (?:twitter|facebook|youtube|instagram))\b",
)
"""Template phrases that name the site before them ("Vox main menu", "SFGate Newsletters")."""
COPYRIGHT_RE = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{0,4})?)?\s*[,:·-]?\s*(?:by\s+)?"
    r"(?P<name>[^\W_][^.,;:|©()·]{0,58}?)\s*(?=[.,;:|(·]|$|\s\d{4}\b|\s(?:all rights|alle rechte|"
    r"tous droits|todos los derechos|tutti i diritti|wszelkie prawa|inc\b|llc\b|ltd\b|gmbh\b))",
    re.IGNORECASE,
)
"""The owner a copyright line names: ``© 2005-2019 SlashGear, All Rights Reserved``."""
LEGAL_SUFFIX_RE = re.compile(
    r"[\s,]+(?:inc|llc|ltd|limited|gmbh|ag|s\.?a|s\.?l|sas|sarl|plc|corp|corporation|co|"
    r"company|group|kg|e\.?\s?v|sp\.? z o\.?o)\.?$",
    re.IGNORECASE,
)
YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
MAX_NAME_WORDS = 4
MAX_EVIDENCE_WORDS = 25
"""Longer lines are prose: a name in them is not the template naming itself."""
MIN_KEY = 3
"""Letters a name's key needs (shorter keys match too much)."""
MIN_KINDS = 2
"""Kinds of evidence a name needs to be taken as the site."""


@dataclass
class Candidate:
    """One possible site name: its surface forms and the kinds of evidence for it."""

    forms: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    kinds: set[str] = field(default_factory=set)
    lines: set[int] = field(default_factory=set)

    def add(self, form: str, kind: str, line: int) -> None:
        self.forms[form] += 1
        self.kinds.add(kind)
        self.lines.add(line)

    def shown(self) -> str:
        """The form the page writes most often, names before host names."""
        return max(self.forms, key=lambda f: (not is_host(f), self.forms[f], len(f)))


def name_key(text: str) -> str:
    """Letters and digits of a name, lower-cased: ``The Sun`` -> ``thesun``."""
    return NON_KEY_RE.sub("", text.lower().removeprefix("www."))


NON_KEY_RE = re.compile(r"[\W_]+")


def brand_of(host: str) -> str:
    """The host's own label: ``www.express.co.uk`` -> ``express``, ``news.sky.com`` -> ``sky``."""
    labels = host.lower().removeprefix("www.").split(".")
    if len(labels) >= 3 and labels[-2] in SECOND_LEVEL and len(labels[-1]) == 2:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else labels[0]


TITLE_SEPARATOR_RE = re.compile(r"\s+(?:[|–—·»•~*]|-{1,2}|::)\s+|\s*ㅣ\s*")
"""What joins a headline and a site name: ``Headline | Site``, ``Site - Headline``, ``Headline
* Site``, and the Hangul letter ``ㅣ`` Korean titles use as a bar (``…-정치ㅣ한국일보``)."""
DANGLING_SEPARATOR_RE = re.compile(r"(?:\s+(?:[|–—·»•~*]|-{1,2}|::))+\s*$")
SITE_WORDS = frozenset(
    ("news", "online", "digital", "nachrichten", "noticias", "actualites", "notizie", "nieuws",
     "wiadomosci", "tv", "radio", "live", "web", "com", "de", "net")
)  # fmt: skip
"""Words a site puts after its name in its titles (``CBC News`` of the site ``CBC``)."""
TITLE_BYLINE_RE = re.compile(r"^(?:by|von|par|por|di|door)\s+\S", re.IGNORECASE)
"""A title part that is the author (``… * The Gateway Pundit * by Paul Serran``)."""
MIN_AFFIX_PREFIX = 5
"""A part shorter than this names the site only when it spells the whole name (``BBC``), not
merely its start (``News`` of ``newsweek``)."""


def without_site_affix(title: str, names: Collection[str], hosts: Collection[str] = ()) -> str:
    """The headline without a leading or trailing part that names the site (``Headline | LA
    Weekly``, ``skispringen.com - Headline``), and without a dangling separator. ``names`` are
    what the page declares its site to be (a part may be their start: ``Rhein-Neckar Löwen``
    of ``Rhein-Neckar Löwen GmbH``); ``hosts`` the host it came from (a part must spell it or
    its label whole: a town in a host name is no site). A part that names neither stays
    (``Emden - Sehenswürdigkeiten`` is one headline), and so does a headline that would be
    left without two words."""
    text = DANGLING_SEPARATOR_RE.sub("", title.strip())
    declared = {
        key
        for name in names
        if name and len(name.split()) <= MAX_NAME_WORDS and len(key := name_key(name)) >= MIN_KEY
    }  # a "site name" as long as a headline is the headline, declared where the name belongs
    spelled = {name_key(form) for host in hosts if host for form in (host, brand_of(host))}
    exact = declared | spelled
    if not exact:
        return text

    def names_site(part: str) -> bool:
        key = name_key(part)
        return len(key) >= MIN_KEY and (
            key in exact
            or any(_starts_alike(key, site) or _site_and_word(key, site) for site in declared)
        )

    separator = UNSPACED_SEPARATOR_RE if UNSPACED_CHAR_RE.search(text) else TITLE_SEPARATOR_RE
    separators = list(separator.finditer(text))
    if len(separators) >= 2 and TITLE_BYLINE_RE.match(text[separators[-1].end() :]):
        site, author = separators[-2], separators[-1]  # "Headline * Site * by Author"
        if names_site(text[site.end() : author.start()]) and _enough(text[: site.start()]):
            text, separators = text[: site.start()].strip(), separators[:-2]
    if separators:
        last = separators[-1]
        if names_site(text[last.end() :]) and _enough(text[: last.start()]):
            text = text[: last.start()].strip()
    first = separator.search(text)
    if first and names_site(text[: first.start()]) and _enough(text[first.end() :]):
        text = text[first.end() :].strip()
    return text


UNSPACED_TITLE_SEPARATOR = r"\s*[|｜_：]\s*"
"""How a title in Chinese or Japanese joins its site's name: without spaces
(``…が受賞：朝日新聞デジタル``, ``…后果很严重_腾讯网``)."""
UNSPACED_SEPARATOR_RE = re.compile(rf"{UNSPACED_TITLE_SEPARATOR}|\s+[-–—·»•~]\s+|\s*::\s*")
"""Separators of a title written in Chinese or Japanese (:data:`UNSPACED_TITLE_SEPARATOR`, a
spaced dash or dot, ``::``); a part is cut only when it names the site, as for spaced titles."""
MIN_UNSPACED_HEADLINE = 4


def _site_and_word(part: str, name: str) -> bool:
    """The declared name and one of :data:`SITE_WORDS` after it (``cbcnews`` of ``cbc``)."""
    return part.startswith(name) and part[len(name) :] in SITE_WORDS


def _starts_alike(part: str, name: str) -> bool:
    """The part is the start of the declared name (``rheinneckarlöwen`` of
    ``rheinneckarlöwengmbh``), long enough not to be a common word. Never the other way: a
    part that goes on past the name (``comwrap auf der DMEXCO``) is a headline."""
    return len(part) >= MIN_AFFIX_PREFIX and name.startswith(part)


def _enough(headline: str) -> bool:
    """Two words at least; in a script without spaces, four of its characters."""
    unspaced = len(UNSPACED_CHAR_RE.findall(headline))
    return len(headline.split()) >= 2 or unspaced >= MIN_UNSPACED_HEADLINE


def is_host(text: str) -> bool:
    return HOST_NAME_RE.fullmatch(text.strip()) is not None


def clean_name(raw: str) -> str | None:
    """A name as written, without a legal suffix and trailing punctuation; ``None`` when it
    is not shaped like a name (no capital or digit start, too long, a plain lower-case word)."""
    name = LEGAL_SUFFIX_RE.sub("", raw.replace("\xad", "").strip(" -–—'’\"")).strip(" -–—,")
    words = name.split()
    if not words or len(words) > MAX_NAME_WORDS or len(name) < MIN_KEY or "/" in name:
        return None
    if YEAR_RE.search(name) or L.has_date(name) or len(name_key(name)) < MIN_KEY:
        return None
    if not (
        name[0].isupper()
        or name[0].isdigit()
        or is_host(name)
        or any(c.isupper() for c in name[1:])
    ):
        return None
    return name


def page_evidence(page_lines: Sequence[str], body: Collection[int]) -> dict[str, Candidate]:
    """Candidates by key from the lines outside the article body."""
    found: dict[str, Candidate] = defaultdict(Candidate)
    logos: list[int] = []
    for i, line in enumerate(page_lines):
        if i in body:  # before the split: body lines are the long ones
            continue
        words = line.split()
        if len(words) > MAX_EVIDENCE_WORDS:
            continue
        lower = line.lower()
        if HOST_SCREEN_RE.search(lower):
            add_hosts(found, line, i)
        if "©" in line or "opyright" in lower or "(c)" in lower:
            for match in COPYRIGHT_RE.finditer(line):
                if name := clean_name(match["name"]):
                    found[name_key(name)].add(name, "copyright", i)
        if len(lower) != len(line):  # lower-casing changed the offsets (rare letters)
            lower = line
        for match in INTERFACE_BEFORE_RE.finditer(lower):
            for name in name_prefixes(line[match.end() :].split()[:MAX_NAME_WORDS], after=False):
                found[name_key(name)].add(name, "interface", i)
        for match in INTERFACE_AFTER_RE.finditer(lower):
            for name in name_prefixes(line[: match.start()].split()[-MAX_NAME_WORDS:], after=True):
                found[name_key(name)].add(name, "interface", i)
        if 1 <= len(words) <= MAX_NAME_WORDS:
            logos.append(i)
    add_logos(found, page_lines, logos)
    return found


def add_logos(found: dict[str, Candidate], page_lines: Sequence[str], logos: list[int]) -> None:
    """Short capitalised lines as logo evidence, for names other evidence already points at:
    alone, or with a template phrase only, such a line is often a section ("Music"), so only
    lines sharing a key's first letters with another candidate can matter (cheap screen)."""
    starts = {key[:MIN_KEY] for key in found}
    if not starts:  # no line can share a key's start
        return
    for i in logos:
        line = page_lines[i]
        words = line.split()
        if name_key(line)[:MIN_KEY] not in starts or not all(
            w[0].isupper() or w[0].isdigit() or w in ("&", "-") for w in words
        ):
            continue
        if name := clean_name(line):
            found[name_key(name)].add(name, "logo", i)


def add_hosts(found: dict[str, Candidate], line: str, i: int) -> None:
    """Host names and mail hosts of a line, platforms left out."""
    for pattern, kind in ((HOST_NAME_RE, "host"), (EMAIL_HOST_RE, "email")):
        for match in pattern.finditer(line):
            host = match.group(1).lower().removeprefix("www.")
            brand = brand_of(host)
            if brand not in FOREIGN_HOSTS and len(brand) >= MIN_KEY:
                found[brand].add(host, kind, i)


def name_prefixes(words: list[str], after: bool) -> list[str]:
    """The capitalised run a phrase points at: before "… homepage" the run that ends there,
    after "Follow …" the run that starts there (a name is cut at its first lower-case word)."""
    run: list[str] = []
    for word in reversed(words) if after else words:
        if not (word[0].isupper() or word[0].isdigit() or any(c.isupper() for c in word[1:])):
            break
        run.append(word)
    if after:
        run.reverse()
    name = clean_name(" ".join(run).rstrip(".!’'"))
    return [name] if name else []


def with_hosts(found: dict[str, Candidate]) -> list[Candidate]:
    """Name candidates with the evidence of the host that spells them (``Houston Chronicle`` /
    ``HoustonChronicle.com``, ``Finanzcheck`` / ``finanzcheck.de``, ``BBC News`` / ``bbc.com``),
    and hosts no written name spells, as candidates of their own. A host lends its evidence to
    one name only, the closest spelling (``ZDNet`` before ``ZDNet-Specials``)."""
    hosts = {k: c for k, c in found.items() if is_host_key(c)}
    names = {k: c for k, c in found.items() if k not in hosts}
    by_initial: dict[str, list[str]] = defaultdict(list)
    for key in names:
        by_initial[key[:1]].append(key)
    spelled: dict[str, Candidate] = {}
    for brand, host in hosts.items():
        spelling = [k for k in by_initial[brand[:1]] if spells(k, brand)]
        if not spelling:
            spelled[brand] = host
            continue
        joined = names[min(spelling, key=len)]
        joined.kinds |= host.kinds
        joined.lines |= host.lines
    return [*names.values(), *spelled.values()]


def is_host_key(candidate: Candidate) -> bool:
    return candidate.kinds <= {"host", "email"}


def spells(name: str, brand: str) -> bool:
    """The name's key is the host's label, or starts with it (``bbcnews`` / ``bbc``) or the
    label starts with the name (``macrumors`` / ``macrumorscom`` is equal after the ending)."""
    return name == brand or name.startswith(brand) or (len(name) >= 4 and brand.startswith(name))


def eligible(candidate: Candidate) -> bool:
    """Three kinds of evidence, or two of which one names the site outright (its host or its
    copyright line): a logo-like line and a template phrase alone are often a section
    ("Music", "Books", "Weather")."""
    kinds = candidate.kinds
    return len(kinds) >= MIN_KINDS + 1 or (
        len(kinds) >= MIN_KINDS and bool(kinds & {"host", "email", "copyright"})
    )


def recurring_site(page_lines: Sequence[str], body: Collection[int]) -> str | None:
    """The name the page's template evidence agrees on (see :func:`eligible`), the one with
    the most kinds and then the most lines when several do; ``None`` when none has that
    support."""
    candidates = [c for c in with_hosts(page_evidence(page_lines, set(body))) if eligible(c)]
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (len(c.kinds), len(c.lines)))
    return best.shown()


__all__ = ["recurring_site"]
