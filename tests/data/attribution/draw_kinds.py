#!/usr/bin/env python3
"""Draw the claims of kinds.json (before they were labelled by hand).

Usage: draw_kinds.py CLAIMS.tsv LABELS_DIR > drawn.json
CLAIMS.tsv: one line per claim of `claimdesk extract` (main at 9892469)
over news-bbc/bbc/*/*.txt then news-noisy/articles/* (paths relative to
the shared data folder, in `ls` order): article, ordinal, claimant (empty
for the article), claimant_kind, cue, sentence (tabs and newlines as
spaces), as made by
  claimdesk --quiet extract --compact F | jq -r --arg a F '.claims[] |
    [$a, .ordinal, (.claimant // ""), .claimant_kind, (.cue // ""),
     (.sentence | gsub("[\\t\\n]"; " "))] | @tsv'
Rule: attributed claims only, the first claim of each sentence, no
sentence of sample/attributed/speech/fresh.json (first 40 characters), a
70-character sentence prefix unique in its article, at most one claim per
article in each stratum. Strata: A1 = the claimant is one word starting
with a capital (not He/She/They/It/We/I/You); A2 = two such words; B = any
other attributed claim. Per stratum and corpus, the pool sorted by
(article, ordinal) is shuffled with random.Random("1717-STRATUM-CORPUS")
and taken in that order: A1 44 bbc + 22 noisy, A2 36 + 20, B 22 + 18.
"""
import json
import random
import re
import sys

SEED = 1717
WANT = {("A1", "bbc"): 44, ("A1", "noisy"): 22, ("A2", "bbc"): 36,
        ("A2", "noisy"): 20, ("B", "bbc"): 22, ("B", "noisy"): 18}
NAME1 = re.compile(r"^[A-Z][\w'.&-]*$")
NAME2 = re.compile(r"^[A-Z][\w'.&-]* [A-Z][\w'.&-]*$")
PRONOUNS = {"He", "She", "They", "It", "We", "I", "You"}

rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
excluded = set()
for name in ("sample", "attributed", "speech", "fresh"):
    for it in json.load(open(f"{sys.argv[2]}/{name}.json"))["items"]:
        excluded.add((it["article"], it["sentence"][:40]))
first = {}
for r in rows:
    first.setdefault((r[0], r[5]), r)
prefixes = {}
for (a, s) in first:
    prefixes.setdefault((a, s[:70]), set()).add(s)
pools = {}
for (a, s), r in first.items():
    cl = r[2]
    if not cl or (a, s[:40]) in excluded or len(prefixes[(a, s[:70])]) != 1:
        continue
    stratum = ("A1" if NAME1.match(cl) and cl not in PRONOUNS else
               "A2" if NAME2.match(cl) else "B")
    corpus = "bbc" if a.startswith("news-bbc") else "noisy"
    pools.setdefault((stratum, corpus), []).append(r)
out = []
for key in sorted(WANT):
    pool = sorted(pools[key], key=lambda r: (r[0], int(r[1])))
    rng = random.Random(f"{SEED}-{key[0]}-{key[1]}")
    seen = set()
    for r in rng.sample(pool, len(pool)):
        if r[0] in seen:
            continue
        seen.add(r[0])
        out.append({"stratum": key[0], "article": r[0],
                    "sentence": r[5][:70], "got": r[2], "got_kind": r[3]})
        if len(seen) == WANT[key]:
            break
json.dump(out, sys.stdout, indent=1)
