#!/usr/bin/env bash
# claimdesk model train|eval|score|vectors: help, exit statuses, error
# format, deterministic training, scoring that streams one line per line,
# and word vectors learned from text and used by training.
set -u
bin=${CLAIMDESK_BIN:?CLAIMDESK_BIN is not set}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
passes=0

ok() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# expect STATUS CMD... : run, keep stdout/stderr in $tmp/out, $tmp/err
expect() {
    local want=$1
    shift
    "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    if [ "$got" -ne "$want" ]; then
        fail "'$*' exited $got, wanted $want; stderr: $(head -3 "$tmp/err")"
        return 1
    fi
    ok
}

# --help for the family and each subcommand: stdout, exit 0
for sub in "" train eval score vectors; do
    # shellcheck disable=SC2086
    expect 0 "$bin" model $sub --help &&
        { grep -q '^Usage: claimdesk model' "$tmp/out" && ok ||
            fail "model $sub --help printed no usage"; }
done
expect 0 "$bin" help model

# usage mistakes: exit 2 and a hint
expect 2 "$bin" model
expect 2 "$bin" model frobnicate &&
    { grep -q "Try 'claimdesk model --help'" "$tmp/err" && ok || fail "no hint"; }
expect 2 "$bin" model score --frob
expect 2 "$bin" model train
expect 2 "$bin" model train --folds 1 x.json
expect 2 "$bin" model train --epochs zero x.json
expect 2 "$bin" model train --runs 0 x.json
expect 2 "$bin" model eval --average many x.json
expect 2 "$bin" model train --nb -1 x.json
expect 2 "$bin" model score a b

# a small training set (CSV, CheckThat columns)
{
    echo "line_number,speaker,text,label,file_name"
    i=0
    for n in 12 15 18 20 25 30 40 45 50 60; do
        i=$((i + 1))
        echo "$i,A,\"Taxes rose by $n percent in 19$((n + 40)), the report said.\",1,t.tsv"
        echo "$i,A,Unemployment fell to $n percent last year.,1,t.tsv"
        echo "$i,B,\"I think we can do better, and I hope we will.\",0,t.tsv"
        echo "$i,B,Thank you so much for being here tonight.,0,t.tsv"
        echo "$i,B,What would you do about it?,0,t.tsv"
    done
} >"$tmp/train.csv"

expect 0 "$bin" model train "$tmp/train.csv" -o "$tmp/a.model" --tune-folds 2 --hash-bits 12
expect 0 "$bin" model train "$tmp/train.csv" -o "$tmp/b.model" --tune-folds 2 --hash-bits 12
cmp -s "$tmp/a.model" "$tmp/b.model" && ok || fail "training twice gave different files"
head -1 "$tmp/a.model" | grep -q '^claimdesk-model checkworthiness ' && ok ||
    fail "model file header"
# the options that only change training: deterministic, other weights
for o in "--average 2" "--runs 2" "--nb 1"; do
    # shellcheck disable=SC2086
    expect 0 "$bin" model train "$tmp/train.csv" -o "$tmp/o1.model" --tune-folds 2 --hash-bits 12 $o
    # shellcheck disable=SC2086
    expect 0 "$bin" model train "$tmp/train.csv" -o "$tmp/o2.model" --tune-folds 2 --hash-bits 12 $o
    cmp -s "$tmp/o1.model" "$tmp/o2.model" && ok || fail "$o: training twice gave different files"
    cmp -s "$tmp/o1.model" "$tmp/a.model" && fail "$o: changed nothing" || ok
done

# eval prints the figures, as text and as JSON
expect 0 "$bin" model eval "$tmp/train.csv" --model "$tmp/a.model" --folds 2 --tune-folds 0 --hash-bits 12 &&
    { grep -q 'precision' "$tmp/out" && grep -q '2-fold cross-validation' "$tmp/out" &&
        grep -q '^mean ' "$tmp/out" && ok || fail "eval text output"; }
expect 0 "$bin" model eval "$tmp/train.csv" --model "$tmp/a.model" --folds 2 --tune-folds 0 --json &&
    { grep -q '"cross_validation"' "$tmp/out" && grep -q '"f1"' "$tmp/out" &&
        grep -q '"per_fold"' "$tmp/out" && ok || fail "eval --json output"; }

# score: one %.4f line per input line, in order, the learned ranking
printf 'Exports rose by 35 percent in 1998.\nI hope you will thank me.\n\nWages fell 20 percent.\n' >"$tmp/in.txt"
expect 0 "$bin" model score --model "$tmp/a.model" "$tmp/in.txt"
[ "$(wc -l <"$tmp/out")" -eq 4 ] && ok || fail "score printed $(wc -l <"$tmp/out") lines for 4"
grep -qvE '^[01]\.[0-9]{4}$' "$tmp/out" && fail "score format: $(cat "$tmp/out")" || ok
s1=$(sed -n 1p "$tmp/out")
s2=$(sed -n 2p "$tmp/out")
awk -v a="$s1" -v b="$s2" 'BEGIN { exit !(a > b) }' && ok || fail "ranking $s1 <= $s2"
# order: each line scored alone gives the same number at the same place
n=0
while IFS= read -r line; do
    n=$((n + 1))
    one=$(printf '%s\n' "$line" | "$bin" model score --model "$tmp/a.model")
    [ "$one" = "$(sed -n "${n}p" "$tmp/out")" ] && ok || fail "line $n out of order"
done <"$tmp/in.txt"
# stdin and '-', a last line without a newline, CRLF
printf 'Exports rose by 35 percent in 1998.\r\nWages fell 20 percent.' |
    "$bin" model score --model "$tmp/a.model" - >"$tmp/out2"
[ "$(sed -n 1p "$tmp/out2")" = "$s1" ] && [ "$(wc -l <"$tmp/out2")" -eq 2 ] && ok ||
    fail "stdin scoring: $(cat "$tmp/out2")"
# empty input: no output, success
expect 0 "$bin" model score --model "$tmp/a.model" /dev/null &&
    { [ ! -s "$tmp/out" ] && ok || fail "output for empty input"; }

# streaming: each answer arrives before the next line is written
coproc SCORER { "$bin" model score --model "$tmp/a.model"; }
# bash unsets SCORER and SCORER_PID once it reaps the coprocess: keep copies
scorer_pid=$SCORER_PID scorer_in=${SCORER[1]} scorer_out=${SCORER[0]}
for sentence in "Exports rose by 35 percent in 1998." "I hope you will thank me."; do
    printf '%s\n' "$sentence" >&"$scorer_in"
    if IFS= read -r -t 60 answer <&"$scorer_out"; then
        [[ $answer =~ ^[01]\.[0-9]{4}$ ]] && ok || fail "streamed answer '$answer'"
    else
        fail "no answer within 60 s while input stayed open (not streaming)"
    fi
done
exec {scorer_in}>&-
wait "$scorer_pid" 2>/dev/null || true

# the bundled model
expect 0 "$bin" model score "$tmp/in.txt" &&
    { [ "$(wc -l <"$tmp/out")" -eq 4 ] && ok || fail "bundled model score"; }

# bad data: exit 6 with claimdesk: FILE:LINE: reason
printf 'text,label\nfine,1\nbad,maybe\n' >"$tmp/bad.csv"
expect 6 "$bin" model train "$tmp/bad.csv" -o "$tmp/x.model" &&
    { grep -q "^claimdesk: $tmp/bad.csv:3: " "$tmp/err" && ok ||
        fail "bad CSV message: $(cat "$tmp/err")"; }
printf '[{"text": "a", "label": 1},\n{"text": "b" "label": 0}]\n' >"$tmp/bad.json"
expect 6 "$bin" model train "$tmp/bad.json" -o "$tmp/x.model" &&
    { grep -q "^claimdesk: $tmp/bad.json:2: " "$tmp/err" && ok ||
        fail "bad JSON message: $(cat "$tmp/err")"; }
printf 'text,label\n\xff\xfe,1\n' >"$tmp/bin.csv"
expect 6 "$bin" model eval "$tmp/bin.csv" --folds 0
printf 'text,label\nonly positives,1\n' >"$tmp/one.csv"
expect 6 "$bin" model train "$tmp/one.csv" -o "$tmp/x.model"
[ ! -e "$tmp/x.model" ] && ok || fail "a failed training left a model file"
expect 3 "$bin" model train "$tmp/missing.json"
expect 3 "$bin" model score "$tmp/missing.txt"

# a corrupt or truncated model: exit 6, no scores
head -c 200 "$tmp/a.model" >"$tmp/trunc.model"
expect 6 "$bin" model score --model "$tmp/trunc.model" "$tmp/in.txt"
[ ! -s "$tmp/out" ] && ok || fail "scores printed with a truncated model"
sed '5s/[0-9]/7/' "$tmp/a.model" >"$tmp/flip.model"
expect 6 "$bin" model score --model "$tmp/flip.model" "$tmp/in.txt"
expect 3 "$bin" model score --model "$tmp/none.model" "$tmp/in.txt"

# word vectors: learned from text files (one text a line, a .tsv's third
# column, labelled data, folders), deterministic, used by train
mkdir -p "$tmp/corpus"
for i in $(seq 1 60); do
    echo "the tax rose by $i percent and the budget fell"
    echo "i think we can do better and i hope we will"
done >"$tmp/corpus/a.txt"
printf 'x.json\tfalse\tSays the deficit rose by 9 percent.\ttaxes\n' >"$tmp/liar.tsv"
vecopts=(--dim 8 --clusters 4 --min-count 1 --epochs 2)
expect 0 "$bin" model vectors "$tmp/corpus" "$tmp/liar.tsv" "$tmp/train.csv" -o "$tmp/v1.txt" "${vecopts[@]}" &&
    { grep -q 'words, 8 dimensions, 4 clusters' "$tmp/out" && ok || fail "vectors summary"; }
expect 0 "$bin" model vectors "$tmp/corpus" "$tmp/liar.tsv" "$tmp/train.csv" -o "$tmp/v2.txt" "${vecopts[@]}"
cmp -s "$tmp/v1.txt" "$tmp/v2.txt" && ok || fail "vectors twice gave different files"
expect 2 "$bin" model vectors
expect 2 "$bin" model vectors "$tmp/corpus" --dim 1
expect 3 "$bin" model vectors "$tmp/missing.txt"
expect 6 "$bin" model vectors "$tmp/liar.tsv" -o "$tmp/v3.txt"
expect 0 "$bin" model train "$tmp/train.csv" --vectors "$tmp/v1.txt" -o "$tmp/v.model" --tune-folds 2 --hash-bits 12 &&
    { grep -q '^dense 8$' "$tmp/v.model" && grep -q '^clusters 1$' "$tmp/v.model" &&
        grep -q '^vectors ' "$tmp/v.model" && ok || fail "model with vectors"; }
expect 0 "$bin" model score --model "$tmp/v.model" "$tmp/in.txt" &&
    { [ "$(wc -l <"$tmp/out")" -eq 4 ] && ok || fail "scores with vectors"; }
expect 0 "$bin" model train "$tmp/train.csv" --vectors none -o "$tmp/n.model" --tune-folds 2 --hash-bits 12 &&
    { grep -q '^dense 0$' "$tmp/n.model" && ! grep -q '^vectors ' "$tmp/n.model" && ok ||
        fail "--vectors none"; }
expect 3 "$bin" model train "$tmp/train.csv" --vectors "$tmp/missing.txt" -o "$tmp/x.model"
sed '3s/^./z/' "$tmp/v1.txt" >"$tmp/bad-vectors.txt"
expect 6 "$bin" model train "$tmp/train.csv" --vectors "$tmp/bad-vectors.txt" -o "$tmp/x.model"
[ ! -e "$tmp/x.model" ] && ok || fail "a failed training left a model file"

# pretrained vectors in the GloVe / word2vec text form
"$bin" model vectors --help | grep -q -- '--import FILE' && ok || fail "vectors --help lacks --import"
! "$bin" model train --help | grep -q -- '--import' && ok || fail "train --help describes --import"
awk 'BEGIN { srand(7); for (i = 0; i < 40; i++) { printf "w%d", i;
    for (d = 0; d < 6; d++) printf " %.4f", rand() - 0.5; print "" } }' >"$tmp/glove.txt"
expect 0 "$bin" model vectors --import "$tmp/glove.txt" --clusters 4 -o "$tmp/g1.txt" &&
    { grep -q '(40 words, 6 dimensions, 4 clusters)' "$tmp/out" && ok || fail "import summary"; }
expect 0 "$bin" model vectors --import "$tmp/glove.txt" --clusters 4 --max-words 10 -o "$tmp/g2.txt" &&
    { grep -q '(10 words, 6 dimensions, 4 clusters)' "$tmp/out" && ok || fail "--max-words"; }
expect 0 "$bin" model train "$tmp/train.csv" --vectors "$tmp/g1.txt" -o "$tmp/g.model" --tune-folds 2 --hash-bits 12 &&
    { grep -q '^dense 6$' "$tmp/g.model" && ok || fail "model with imported vectors"; }
expect 2 "$bin" model vectors --import "$tmp/glove.txt" "$tmp/corpus"
expect 2 "$bin" model vectors --import "$tmp/glove.txt" --max-words -1
expect 2 "$bin" model vectors "$tmp/corpus" --max-words 10
expect 3 "$bin" model vectors --import "$tmp/nothing.txt"
sed '7s/ [^ ]*$//' "$tmp/glove.txt" >"$tmp/short.txt"
expect 6 "$bin" model vectors --import "$tmp/short.txt" --clusters 4 -o "$tmp/g3.txt" &&
    { grep -q 'short.txt:7: ' "$tmp/err" && ok || fail "import names the line"; }
[ ! -e "$tmp/g3.txt" ] && ok || fail "a failed import left a file"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
