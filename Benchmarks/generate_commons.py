#!/usr/bin/env python3
"""Generates a realistic commons as a git repository, for benchmarks.

N notes in topic folders, with front matter, headings, wikilinks, embeds, tags, code and tables,
written by C commits from several authors: first the notes are added a few at a time, then most
commits make a small edit, and some rename (often with an edit), delete, or add notes. A few notes
are private. The same seed gives the same repository, byte for byte, through `git fast-import`.

    generate_commons.py OUT --notes 10000 --commits 20000 [--seed 1]
"""
import argparse
import os
import random
import subprocess

AUTHORS = [
    ("Ada Lovelace", "ada@example.org"),
    ("Grace Hopper", "grace@example.org"),
    ("Alan Turing", "alan@example.org"),
    ("Katherine Johnson", "katherine@example.org"),
    ("Edsger Dijkstra", "edsger@example.org"),
]
WORDS = ("knowledge commons note link graph history commit garden idea draft review source reader "
         "writer version change merge branch publish private public archive index search context agent "
         "model memory thought question answer method result theory practice").split()
START = 1_600_000_000  # 2020-09-13, so that dates are fixed


class Commons:
    def __init__(self, seed, folders):
        self.random = random.Random(seed)
        self.folders = [f"topic-{index:02d}" for index in range(folders)]
        self.notes = {}  # path -> list of lines
        self.order = []  # paths in creation order, for picking link targets
        self.serial = 0

    def sentence(self, words=12):
        pick = self.random.choice
        return " ".join(pick(WORDS) for _ in range(words)).capitalize() + "."

    def title_of(self, path):
        return path.rsplit("/", 1)[-1][:-3]

    def link(self):
        if not self.order:
            return "a first idea"
        target = self.title_of(self.random.choice(self.order))
        roll = self.random.random()
        if roll < 0.5:
            return f"[[{target}]]"
        if roll < 0.8:
            return f"[[{target}|{self.random.choice(WORDS)}]]"
        return f"[[{target}#Details]]"

    def paragraph(self):
        return f"{self.sentence()} {self.link()} {self.sentence(8)} #{self.random.choice(WORDS)}"

    def new_note(self):
        self.serial += 1
        folder = "private" if self.random.random() < 0.02 else self.random.choice(self.folders)
        path = f"{folder}/Note {self.serial}.md"
        front = ["---", f"title: Note {self.serial}", f"tags: [{self.random.choice(WORDS)}, {self.random.choice(WORDS)}]"]
        if self.random.random() < 0.03:
            front.append("private: true")
        front.append("---")
        body = [f"# Note {self.serial}", "", self.paragraph(), "", "## Details", "", self.paragraph(), ""]
        extra = self.random.random()
        if extra < 0.2:
            body += ["```swift", f"let answer = {self.serial}", "print(answer)", "```", ""]
        elif extra < 0.35:
            body += ["| key | value |", "|---|---|", f"| serial | {self.serial} |", ""]
        elif extra < 0.45 and self.order:
            body += [f"![[{self.title_of(self.random.choice(self.order))}#Details]]", ""]
        body += [self.paragraph(), ""]
        return path, front + body

    def edit(self, lines):
        lines = list(lines)
        roll = self.random.random()
        if roll < 0.6:
            candidates = [index for index, line in enumerate(lines) if line and not line.startswith(("#", "-", "|", "`", "!", "title:", "tags:", "private:"))]
            if candidates:
                lines[self.random.choice(candidates)] = self.paragraph()
                return lines
        if roll < 0.9:
            return lines + [self.paragraph(), ""]
        return lines + [f"## Section {self.random.randrange(1000)}", "", self.paragraph(), ""]


def blob(text):
    data = text.encode()
    return b"data %d\n%s\n" % (len(data), data)


def generate(out, notes, commits, seed):
    commons = Commons(seed, folders=max(1, notes // 500))
    os.makedirs(out, exist_ok=True)
    subprocess.run(["git", "init", "--quiet", "--initial-branch=main", out], check=True)
    importer = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], cwd=out, stdin=subprocess.PIPE)
    stream = importer.stdin
    # Enough commits add a few notes each to reach the target; the rest change the commons.
    adding_commits = max(1, min(commits, notes // 4))
    time = START
    for number in range(1, commits + 1):
        changes = []  # (path, lines or None for delete)
        if number <= adding_commits:
            count = notes - len(commons.notes) if number == adding_commits else commons.random.randint(2, 6)
            count = max(0, min(count, notes - len(commons.notes)))
            for _ in range(count):
                path, lines = commons.new_note()
                changes.append((path, lines))
                commons.notes[path] = lines
                commons.order.append(path)
            message = f"Add {count} notes"
        else:
            roll = commons.random.random()
            path = commons.random.choice(commons.order)
            if roll < 0.85:
                commons.notes[path] = commons.edit(commons.notes[path])
                changes.append((path, commons.notes[path]))
                message = f"Edit {commons.title_of(path)}"
            elif roll < 0.93:
                folder = commons.random.choice(commons.folders)
                new_path = f"{folder}/{commons.title_of(path)} renamed {number}.md"
                lines = commons.notes.pop(path)
                if commons.random.random() < 0.5:
                    lines = commons.edit(lines)
                changes += [(path, None), (new_path, lines)]
                commons.notes[new_path] = lines
                commons.order[commons.order.index(path)] = new_path
                message = f"Move {commons.title_of(path)} to {folder}"
            else:
                # A deletion and a new note in one commit keep the number of notes steady.
                del commons.notes[path]
                commons.order.remove(path)
                new_path, lines = commons.new_note()
                commons.notes[new_path] = lines
                commons.order.append(new_path)
                changes += [(path, None), (new_path, lines)]
                message = f"Replace {commons.title_of(path)} with {commons.title_of(new_path)}"
        name, email = commons.random.choice(AUTHORS)
        time += commons.random.randint(60, 7200)
        stream.write(b"commit refs/heads/main\nmark :%d\n" % number)
        stream.write(f"author {name} <{email}> {time} +0000\ncommitter {name} <{email}> {time} +0000\n".encode())
        stream.write(blob(message))
        if number > 1:
            stream.write(b"from :%d\n" % (number - 1))
        for path, lines in changes:
            quoted = '"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"'
            if lines is None:
                stream.write(f"D {quoted}\n".encode())
            else:
                stream.write(f"M 100644 inline {quoted}\n".encode())
                stream.write(blob("\n".join(lines)))
        stream.write(b"\n")
    stream.write(b"done\n")
    stream.close()
    if importer.wait() != 0:
        raise SystemExit("git fast-import failed")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    generate(arguments.out, arguments.notes, arguments.commits, arguments.seed)


if __name__ == "__main__":
    main()
