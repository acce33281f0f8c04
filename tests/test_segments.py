"""Cutting text into words for the search index (plansite.segments): a
tokenizer made for a project dictionary from the one this process already
loaded cuts exactly as jieba loaded afresh with that dictionary. Ground
truth: jieba's own loading, on the plan's whole text."""
from __future__ import annotations

import logging

import jieba
from plansite import segments
from plansite import terms as dictionary
from support.site import ROOT

# The plan's text: every line of every chapter, as written.
TEXT = [line for path in sorted((ROOT / "chapters").glob("*.md"))
        for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def afresh(words):
    """jieba as its documentation has it: a new Tokenizer, initialised from
    its dictionary, then the words added."""
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for word, freq, tag in words:
        tk.add_word(word, freq, tag)
    return tk


def test_a_copied_tokenizer_cuts_as_one_loaded_afresh(tmp_path):
    (tmp_path / "tables").mkdir()
    # the project's dictionary, and words with a frequency and a tag besides
    (tmp_path / dictionary.TERMS_FILE).write_text(
        (ROOT / dictionary.TERMS_FILE).read_text(encoding="utf-8") + "皇粮浜 2000 n\n两新一智\n运河文创 5 nz\n",
        encoding="utf-8")
    words = tuple((e.word, e.freq, e.tag) for e in dictionary.entries(tmp_path))
    assert len(words) > 3
    segments.tokenizer(tmp_path / "elsewhere")       # the process has loaded jieba for another dictionary
    ours, fresh = segments.tokenizer(tmp_path), afresh(words)
    assert ours.total == fresh.total and ours.FREQ == fresh.FREQ
    assert ours.user_word_tag_tab == fresh.user_word_tag_tab == {"皇粮浜": "n", "运河文创": "nz"} | {
        w: t for w, _, t in words if t}
    assert [ours.lcut(line, HMM=True) for line in TEXT] == [fresh.lcut(line, HMM=True) for line in TEXT]
    assert "皇粮浜" in ours.lcut("修缮皇粮浜沿岸")
