"""The comparison form of text (issue 10): what search, the header panel, the
results page, the 承诺清单 filter and the tests' ground truth compare, so that
what a reader types or pastes finds what the plan says however either is
written.

``compare_form(text)`` is the one definition. In order:

1. NFKC (full-width letters and digits, compatibility ideographs, ①, ㎡ …);
2. case folding (``str.casefold``: ß → ss, ς → σ);
3. removed: white space (Unicode White_Space), control and format characters
   (Cc, Cf: U+200B–U+200F, U+2060, U+FEFF, U+00AD …) and variation selectors,
   which chat apps and word processors leave in pasted text;
4. look-alikes folded to the character the plan uses (``LOOKALIKES``:
   ○ ◯ → 〇, the middle-dot family → ·, hyphens and minus → -, ― → —,
   〜 → ~; quotation marks are left alone: they are punctuation, which
   a phrase not found as written does without);
5. thousands separators removed between digits (``1,000`` → ``1000``: a comma
   after a digit and before exactly three digits);
6. Traditional, Hong Kong and Taiwan variants → Simplified, by phrase, with
   OpenCC's own dictionaries: first its Hong Kong and Taiwan variant tables
   (HKVariantsRevPhrases, HKVariantsRev, TWVariantsRevPhrases,
   TWVariantsRev), then Traditional → Simplified (TSPhrases, TSCharacters),
   each stage by forward maximum matching (the longest entry that starts at a
   position wins, as OpenCC's converter does): 衞生 → 卫生, 著力 → 着力, while
   著名 is an entry of its own and stays 著名. The dictionary files are those
   shipped by opencc-python-reimplemented 0.1.7 (requirements.txt), which
   copies OpenCC's data (https://github.com/BYVoid/OpenCC, Apache-2.0; see
   the package's NOTICE.txt); they are read where the package installed them,
   not copied into this repository.

The browser does the same in docs/assets/javascripts/engine/normalise.js (``PlanSearch.Engine``'s
``compareForm``), from tables this module writes into the search index
(``browser_tables``): the browser's own NFKC and lower case, then this
module's fold table (case-folding differences and look-alikes), the same
removal classes, the same separator rule and the variant tables. Only the
entries that can change what is found are shipped: a form that occurs
nowhere in the plan finds nothing, whatever it is (``reduce_variants``).
tests/cases/normalisation.tsv runs the same cases through both.

``query_terms(query)`` is how a query becomes terms: split at white space,
each part in comparison form; parts made only of punctuation and symbols are
dropped (a query of nothing else is empty).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

# Unicode's White_Space property (stable): the browser's \p{White_Space}.
WHITE_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
SPLIT = re.compile(f"[{WHITE_SPACE}]+")
VARIATION_SELECTORS = ((0x180B, 0x180D), (0x180F, 0x180F), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF))

# Characters that look like, and are typed or pasted for, one the plan uses.
# Keys are as they stand after NFKC and case folding (NFKC already turns
# full-width forms such as ･ － ～ ＂ into their plain ones).
LOOKALIKES = {
    # 〇 (U+3007, as in 二〇三五): white circles typed for it; 零 is another character
    "\u25cb": "\u3007", "\u25ef": "\u3007", "\u2b58": "\u3007", "\u274d": "\u3007", "\u26aa": "\u3007",
    # the middle-dot family → · (U+00B7, as in 大运河·乡愁)
    "\u2022": "\u00b7", "\u2027": "\u00b7", "\u30fb": "\u00b7", "\u2219": "\u00b7", "\u22c5": "\u00b7",
    "\u2e31": "\u00b7", "\u1427": "\u00b7", "\u0387": "\u00b7", "\u318d": "\u00b7", "\u16eb": "\u00b7",
    # hyphens, en dash and minus → - (U+002D); the horizontal bar → — (U+2014,
    # the plan's dash), two- and three-em dashes → as many
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-", "\u2043": "-", "\ufe58": "-",
    "\u2015": "\u2014", "\u2e3a": "\u2014\u2014", "\u2e3b": "\u2014\u2014\u2014",
    # wave dash and tilde operator → ~
    "\u301c": "~", "\u223c": "~",
}
SEPARATORS = ",\u066c"          # after NFKC: ， ﹐ → ","; U+066C Arabic thousands separator
THOUSANDS = re.compile(f"(?<=[0-9])[{SEPARATORS}](?=[0-9]{{3}}(?![0-9]))")
PUNCT_CATEGORIES = ("P", "S")

# OpenCC's dictionary files, by stage (see the module docstring).
VARIANT_STAGES = (
    ("HKVariantsRevPhrases.txt", "HKVariantsRev.txt", "TWVariantsRevPhrases.txt", "TWVariantsRev.txt"),
    ("TSPhrases.txt", "TSCharacters.txt"),
)
OPENCC_PACKAGE = "opencc-python-reimplemented"


def removed(ch: str) -> bool:
    """Is this character dropped from the comparison form (step 3)?"""
    cp = ord(ch)
    return (ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")
            or any(lo <= cp <= hi for lo, hi in VARIATION_SELECTORS))


def is_punct(text: str) -> bool:
    """Only punctuation and symbols (Unicode categories P*, S*)?"""
    return bool(text) and all(unicodedata.category(c)[0] in PUNCT_CATEGORIES for c in text)


# -- OpenCC -------------------------------------------------------------------------

def opencc_dir() -> Path:
    import opencc

    return Path(opencc.__file__).parent / "dictionary"


def read_dictionary(path: Path) -> dict[str, str]:
    """One OpenCC dictionary file: key TAB candidates (space-separated); the
    first candidate is the conversion."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue
        key, values = line.split("\t", 1)
        value = values.split()[0] if values.split() else key
        out.setdefault(key, value)
    return out


@functools.lru_cache(maxsize=1)
def variant_stages() -> tuple[dict[str, str], ...]:
    """The two stages as {key: value}; within a stage the earlier file wins a
    key.

    OpenCC's variant tables expect Traditional text; the plan is Simplified.
    Their phrase entries keep a character inside some words (著名, 顯著)
    while the character table changes it elsewhere (著 → 着). So that a word
    gets the same form in either script, each phrase entry of the first
    stage is also given under its key's Simplified spelling (显著 like
    顯著), with the same value; an entry of OpenCC's own keeps its key."""
    stages = []
    for files in VARIANT_STAGES:
        merged: dict[str, str] = {}
        for name in files:
            for k, v in read_dictionary(opencc_dir() / name).items():
                merged.setdefault(k, v)
        stages.append(merged)
    first, *rest = stages
    for k, v in list(first.items()):
        if len(k) > 1:
            first.setdefault(convert(k, rest), v)
    return tuple(stages)


def max_match(text: str, table: dict[str, str], longest: int) -> str:
    """Forward maximum matching: at each position the longest key of ``table``
    that starts there is replaced by its value; other characters stay."""
    out = []
    i, n = 0, len(text)
    while i < n:
        for k in range(min(longest, n - i), 0, -1):
            value = table.get(text[i:i + k])
            if value is not None:
                out.append(value)
                i += k
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def convert(text: str, stages=None) -> str:
    """Step 6 alone, with the given stages (default: OpenCC's full tables)."""
    for table in stages if stages is not None else variant_stages():
        if table:
            text = max_match(text, table, _longest(table))
    return text


def _longest(table: dict[str, str]) -> int:
    # tables change while reduce_variants works: the length goes with the size
    key = (id(table), len(table))
    if key not in _LONGEST:
        _LONGEST[key] = max(map(len, table))
    return _LONGEST[key]


_LONGEST: dict[tuple[int, int], int] = {}


# -- the comparison form ---------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _fold_map() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(k): v for k, v in LOOKALIKES.items()}
    return table


def folded(text: str) -> str:
    """Steps 1-5: everything but the variant tables."""
    s = unicodedata.normalize("NFKC", text).casefold()
    s = "".join(c for c in s if not removed(c))
    s = s.translate(_fold_map())
    return THOUSANDS.sub("", s)


def compare_form(text: str) -> str:
    """The comparison form of ``text`` (str → str, never raises): see the
    module docstring. A query matches a text when the query's form is a
    substring of the text's form."""
    return convert(folded(text))


def query_terms(query: str) -> list[str]:
    """The terms of a query: split at white space (after NFKC), each part in
    comparison form; empty parts and parts of only punctuation or symbols
    left out, repeats too. [] is the empty query."""
    out: list[str] = []
    for part in SPLIT.split(unicodedata.normalize("NFKC", query)):
        form = compare_form(part)
        if form and not is_punct(form) and form not in out:
            out.append(form)
    return out


def matches(terms: list[str], form: str) -> bool:
    return bool(terms) and all(t in form for t in terms)


# -- what the browser gets ---------------------------------------------------------

# What the browser does without any table: NFKC, lower case, and the
# removal classes (engine/normalise.js REMOVE). Python's str.lower is the same
# Unicode mapping as String.prototype.toLowerCase.
def browser_default(ch: str) -> str:
    s = unicodedata.normalize("NFKC", ch).lower()
    return "".join(c for c in s if not removed(c))


class Corpus:
    """The comparison forms of every text a reader searches or filters (the
    plan's units, headings, the 承诺清单 page), to ask what occurs in them."""

    def __init__(self, forms) -> None:
        self.text = "\n".join(forms)        # forms never hold white space

    def occurs(self, form: str) -> bool:
        return form in self.text

    def equivalent(self, a: str, b: str) -> bool:
        """Do two forms find the same texts? Equal, or neither occurs."""
        return a == b or not (self.occurs(a) or self.occurs(b))


@functools.lru_cache(maxsize=1)
def _case_folds() -> dict[str, str]:
    """Lower-case characters whose case folding differs from them (ß → ss,
    ς → σ, Cherokee small letters → capitals): what the browser's lower case
    leaves to do."""
    out = {}
    for cp in range(0x110000):
        ch = chr(cp)
        if ch.casefold() != ch and ch.lower() == ch and not 0xD800 <= cp <= 0xDFFF:
            out[ch] = "".join(c for c in ch.casefold() if not removed(c)).translate(_fold_map())
    return out


def fold_table(corpus: Corpus) -> dict[str, str]:
    """Single characters the browser must map after its own NFKC and lower
    case to reach the comparison form: case folding beyond lower case (ß → ss)
    and the look-alikes; only those that can change what is found in
    ``corpus``."""
    out = {k: v for k, v in _case_folds().items() if not corpus.equivalent(v, k)}
    out.update((k, v) for k, v in LOOKALIKES.items()
               if browser_default(k) == k and not corpus.equivalent(v, k))
    return out


def reduce_variants(corpus: Corpus) -> tuple[dict[str, str], ...]:
    """The variant stages cut down to the entries that matter for ``corpus``.

    An entry matters when its result occurs in the corpus, or when leaving
    it out would turn a string that does not occur into one that does.
    Start from the entries whose key alone converts to something else that
    occurs; then convert every key of the full tables with the cut-down
    tables and with the full ones, and put back the entries within any key
    whose two results are not ``equivalent``, until none differ. The result
    is checked on every key of OpenCC's tables, the strings where the two
    could part."""
    full = variant_stages()
    keys = sorted(set().union(*full))
    final = {k: convert(k, full) for k in keys}
    kept = [dict() for _ in full]
    for k in keys:
        if final[k] != k and corpus.occurs(final[k]):
            for stage, table in zip(kept, full):
                if k in table:
                    stage[k] = table[k]
    for _ in range(20):
        wrong = [k for k in keys if not corpus.equivalent(convert(k, kept), final[k])]
        if not wrong:
            return tuple(kept)
        for k in wrong:
            for stage, table in zip(kept, full):
                for i in range(len(k)):
                    for j in range(i + 1, len(k) + 1):
                        if k[i:j] in table:
                            stage[k[i:j]] = table[k[i:j]]
    raise RuntimeError("variant tables did not settle")


def pack(table: dict[str, str]) -> str:
    """{key: value} as text: the entries of one character to one as the
    string of their keys, a space, the string of their values (so the
    browser can tell whether a text holds a key with a plain indexOf, before
    it builds any table; in the order of the values, which compresses
    best); then the others as "key:value", separated by
    spaces (keys and values never hold a space or a colon: asserted)."""
    for k, v in table.items():
        assert not set(k + v) & {" ", ":"}, (k, v)
    single = sorted(((k, v) for k, v in table.items() if len(k) == len(v) == 1), key=lambda e: (e[1], e[0]))
    others = [f"{k}:{v}" for k, v in sorted(table.items()) if not len(k) == len(v) == 1]
    return " ".join(["".join(k for k, _ in single), "".join(v for _, v in single)] + others)


def unpack(text: str) -> dict[str, str]:
    keys, values, *others = text.split(" ")
    out = dict(zip(keys, values, strict=True))
    out.update(entry.split(":", 1) for entry in others if entry)
    return out


def version_key() -> str:
    """What the comparison form depends on besides the text: this module's
    code, the OpenCC data's package version and Python's Unicode version
    (for plansite.memo)."""
    from importlib.metadata import version

    from .memo import digest

    return digest(Path(__file__).read_bytes(), version(OPENCC_PACKAGE), unicodedata.unidata_version)


def opencc_source() -> str:
    """Where the variant tables come from (shipped with them: Apache-2.0 asks
    derived data to carry its attribution)."""
    from importlib.metadata import version

    return f"OpenCC dictionaries (github.com/BYVoid/OpenCC, Apache-2.0) via {OPENCC_PACKAGE} {version(OPENCC_PACKAGE)}"


def browser_tables(forms) -> dict:
    """The tables the search engine (engine/normalise.js) needs to find what occurs in ``forms``
    (the comparison forms of everything a reader searches or filters), and
    their source."""
    corpus = Corpus(forms)
    return {"fold": pack(fold_table(corpus)), "variants": [pack(t) for t in reduce_variants(corpus)],
            "variantsSource": opencc_source()}


# -- the shared cases ------------------------------------------------------------------

_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|t|n|\\)")


@dataclass(frozen=True)
class Case:
    """One row of tests/cases/normalisation.tsv."""
    cls: str
    query: str
    terms: tuple[str, ...]
    note: str


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: {"t": "\t", "n": "\n", "\\": "\\"}.get(m.group(1)) or chr(int(m.group(1)[1:], 16)),
                       text)


def read_cases(path: Path) -> list[Case]:
    """The case table (tab-separated: class, query, terms separated by
    spaces, note; # comments; \\uXXXX, \\t, \\n escapes), for the tests and
    the benchmark. ValueError names the line of a malformed row."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#") or line.startswith("class\t"):
            continue
        fields = line.split("\t")
        if len(fields) != 4:
            raise ValueError(f"{path.name}:{n}: expected 4 tab-separated fields, found {len(fields)}")
        cls, query, terms, note = fields
        out.append(Case(cls, _unescape(query), tuple(_unescape(terms).split()), note))
    return out
