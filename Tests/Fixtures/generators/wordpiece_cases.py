"""Generates Tests/Fixtures/wordpiece-cases.jsonl (dev time only): expected WordPiece output of the
Hugging Face `tokenizers` library for edge cases and for a sweep over the Unicode scalars whose
normalization or class is not plain, using Tests/Fixtures/tokenizer.json.

Each line: {"name", "text", "ids": all token ids without [CLS]/[SEP] and without truncation,
"offsets": [[start, end], ...] in Unicode scalars, optionally "normalizer": BertNormalizer flags that
override the file's (the hand-picked cases are repeated under other flag combinations)}.

    /tmp/tokvenv/bin/python Tests/Fixtures/generators/wordpiece_cases.py > Tests/Fixtures/wordpiece-cases.jsonl
"""
import json
import os
import sys
import unicodedata

from tokenizers import Tokenizer
from tokenizers.normalizers import BertNormalizer

here = os.path.dirname(os.path.abspath(__file__))
tokenizer = Tokenizer.from_file(os.path.join(here, "..", "tokenizer.json"))
tokenizer.no_truncation()
tokenizer.no_padding()

cases = [
    ("accents", "Ça m'a coûté très cher: Ångström, Øresund, Łódź, São Tomé, Ærø, Œuvre, Ðan"),
    ("accents decomposed", "Cafe\u0301 de\u0301ja\u0300 vu, n\u0303, o\u0308\u0304"),
    ("greek final sigma", "ΟΔΟΣ Σοφοκλής ΆΈΉ ΐ"),
    ("turkish dotted", "İSTANBUL ıiIİ"),
    ("german", "STRASSE Straße ẞ"),
    ("cjk mixed", "中文English混合テキスト，標點符號。「引號」"),
    ("cjk compatibility", "\uf900\uf901\ufa6e\U0002f800"),
    ("cjk extension", "\U00020000\U0002a700\U0002b740\U0002b920\U00030000"),
    ("hangul", "안녕하세요 세계 가각힣"),
    ("japanese", "ｶﾀｶﾅ カタカナ ひらがな ガギグ"),
    ("emoji", "I ❤️ 🍕 and 🥰 🫠 👍🏽 🇫🇷 #️⃣"),
    ("zwj family", "family: 👨\u200d👩\u200d👧\u200d👦 done"),
    ("zwj and zwnj", "a\u200db a\u200cb a\u2060b"),
    ("control characters", "bell\x07 escape\x1b[0m nul\x00 del\x7f c1\x85\x9f end"),
    ("format characters", "bom\ufeffhere rtl\u202eltr\u202c soft\u00adhy\u00adphen"),
    ("replacement character", "broken \ufffd bytes\ufffd\ufffdhere"),
    ("combining marks alone", "\u0301start  \u0308 \u20dd ring\u20dd"),
    ("combining sequence", "x\U0001d165\u0301\U0001d16d a\u0345\u0301"),
    ("spaces", "a\u00a0b\u2003c\u3000d\u2028e\u2029f\u202fg\u205fh\u1680i\u200aj\u000bk\u000cl"),
    ("newlines", "line one\r\nline two\rthree\n\n\nfour\t\tfive"),
    ("punctuation", "«quoted» „german“ ¿qué? ¡sí! — – … · • ‰ † ‡ § ¶ ‹›"),
    ("new punctuation", "a\u2e5db \u2e55x\u2e56 \U00010ead \u061dz \u166d \U000111c9"),
    ("math and symbols", "∑x² ≤ ∞ ± √2 ≠ π ∂f/∂x → ⇒ ∀∃ ©®™ €£¥ ℃ №"),
    ("fullwidth", "ＦＵＬＬ ｗｉｄｔｈ １２３ ！？"),
    ("ligatures", "ﬁnance ﬂow ﬀ ﬃ ﬄ ﬅ Ĳ ǆ"),
    ("roman numerals", "Ⅻ ⅻ Ⅳ"),
    ("arabic", "السَّلَامُ عَلَيْكُمْ ١٢٣"),
    ("hebrew points", "שָׁלוֹם"),
    ("devanagari", "नमस्ते दुनिया क़ ज़"),
    ("thai", "สวัสดีครับ"),
    ("cyrillic", "Ёлка Й й ЙОД"),
    ("vietnamese", "Tiếng Việt có dấu: ệ ở ữ"),
    ("private use", "\ue000\uf8ff \U000f0000 mid\ue123dle"),
    ("unassigned", "\u0378 \U0001fff0 x\U000e0000y"),
    ("tags", "flag\U000e0067\U000e0062\U000e007fend"),
    ("special tokens", "[CLS] hello [SEP] [MASK]ed [UNK] [PAD][PAD] [cls] [ SEP ] [[SEP]]"),
    ("brackets", "[ [C [CL [CLS [CLS]] ]"),
    ("code", "for (int i = 0; i < n; ++i) { a[i] = b->c::d<T>(e) ?? f; } // done"),
    ("url and email", "https://user:pw@example.com:8080/a/b?c=d&e=f#frag mail@x.y.z"),
    ("numbers", "3.14159 1,000,000 1e-10 0x1F 2024-01-31 12:30:45 ½ ¾ ²"),
    ("word of 100 characters", "a" * 100),
    ("word of 101 characters", "a" * 101),
    ("word of 150 characters", "b" * 150 + " after"),
    ("long accented word", "é" * 99 + " " + "é" * 101),
    ("word with 100 letters after dropped marks", "e\u0301" * 100),
    ("hyphenated", "state-of-the-art re-enter co--op"),
    ("repeated punctuation", "wait...what?!?! ---- ====="),
    ("apostrophes", "it's rock'n'roll l’été don’t"),
    ("empty", ""),
    ("whitespace only", " \t\n\r\u00a0\u3000"),
    ("dropped only", "\x00\x01\u200b\ufeff\ufffd"),
]

vocab_chars = set()
for piece in tokenizer.get_vocab():
    vocab_chars.update(piece.replace("##", ""))
normalize = BertNormalizer(clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=True).normalize_str


def interesting(v):
    c = chr(v)
    if c in vocab_chars:
        return True
    if normalize(c) != c:
        return v % 97 == 0 if (0xAC00 <= v <= 0xD7A3 or 0x3400 <= v <= 0x9FFF or 0x20000 <= v <= 0x2FFFF
                                 or 0xE000 <= v <= 0xF8FF or v >= 0xF0000) else True
    if unicodedata.category(c) == "Cn":
        return v % 499 == 0
    if unicodedata.category(c)[0] in "PMZ":
        return True
    return v % 53 == 0


handpicked = list(cases)
sweep = [v for v in range(0x80, 0x110000) if not 0xD800 <= v <= 0xDFFF and interesting(v)]
for start in range(0, len(sweep), 64):
    chunk = sweep[start:start + 64]
    text = " ".join("a" + chr(v) + "b" for v in chunk)
    cases.append(("sweep U+%04X..U+%04X" % (chunk[0], chunk[-1]), text))



def write(tokenizer, name, text, normalizer=None):
    encoding = tokenizer.encode(text, add_special_tokens=False)
    line = {"name": name, "text": text, "ids": encoding.ids, "offsets": [list(o) for o in encoding.offsets]}
    if normalizer:
        line["normalizer"] = normalizer
    sys.stdout.write(json.dumps(line, ensure_ascii=True) + "\n")


for name, text in cases:
    write(tokenizer, name, text)

with open(os.path.join(here, "..", "tokenizer.json")) as file:
    original = json.load(file)
variants = [{"lowercase": False}, {"strip_accents": False}, {"strip_accents": True, "lowercase": False},
            {"clean_text": False}, {"handle_chinese_chars": False}]
for flags in variants:
    changed = json.loads(json.dumps(original))
    changed["normalizer"].update(flags)
    variant = Tokenizer.from_str(json.dumps(changed))
    variant.no_truncation()
    variant.no_padding()
    for name, text in handpicked:
        write(variant, name, text, flags)
