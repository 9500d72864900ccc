#!/usr/bin/env bash
# Makes a googleapis checkout that bench/run.sh (and buf) can use, from a local googleapis
# repository whose object store lacks some blobs (the stored snapshot does: a few large
# discovery JSON files and google/cloud/compute/v1beta/compute.proto).
#
#   bench/googleapis-checkout.sh SOURCE_REPO DEST
#
# buf reads a `.git#ref=` input by fetching that commit from the repository, which fails when
# one of its blobs is missing. So DEST gets a two-commit branch `bench`: the last commit at
# least a year older than SOURCE's HEAD, then HEAD, each with the missing blobs dropped and
# with their original dates. It also writes the buf.yaml (v2) beside the tree, uncommitted.
set -euo pipefail
[ $# -eq 2 ] || { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
source_repo="$1"
dest="$2"
[ -e "$dest" ] && { echo "googleapis-checkout.sh: $dest exists" >&2; exit 1; }
git clone -q --no-checkout "$source_repo" "$dest"
cd "$dest"
head=$(git rev-parse HEAD)
year_before=$(date -u -d "@$(($(git log -1 --format=%ct HEAD) - 365 * 86400))" +%Y-%m-%dT%H:%M:%SZ)
old=$(git rev-list -1 --before="$year_before" HEAD)

# tree_without_missing COMMIT: the commit's tree minus the entries whose blob is not stored.
tree_without_missing() {
  local index
  index=$(mktemp)
  rm -f "$index"
  GIT_INDEX_FILE="$index" git read-tree "$1"
  git ls-tree -r "$1" | awk -F'\t' '{split($1, a, " "); print a[3] "\t" $2}' >"$index.list"
  cut -f1 "$index.list" | git cat-file --batch-check | awk '$2 == "missing" {print $1}' >"$index.missing"
  if [ -s "$index.missing" ]; then
    grep -F -f "$index.missing" "$index.list" | cut -f2 | while read -r path; do
      echo "googleapis-checkout.sh: ${1:0:10} lacks $path" >&2
      GIT_INDEX_FILE="$index" git update-index --force-remove "$path"
    done
  fi
  GIT_INDEX_FILE="$index" git write-tree
  rm -f "$index" "$index.list" "$index.missing"
}

commit() { # commit TREE ORIGINAL [PARENT]
  local date
  date=$(git log -1 --format=%cI "$2")
  GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@localhost GIT_COMMITTER_NAME=bench \
    GIT_COMMITTER_EMAIL=bench@localhost GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date" \
    git commit-tree "$1" ${3:+-p "$3"} -m "googleapis $2 without the blobs missing from the snapshot"
}

first=$(commit "$(tree_without_missing "$old")" "$old")
last=$(commit "$(tree_without_missing "$head")" "$head" "$first")
git branch -q -f bench "$last"
git symbolic-ref HEAD refs/heads/bench
git reset -q
git checkout-index -a
printf 'version: v2\nmodules:\n  - path: .\n    excludes: [preview, backstory, gapic, google/cloud/compute/v1beta]\n' >buf.yaml
echo "$dest: branch bench, ${old:0:10} -> ${head:0:10}, $(git ls-files '*.proto' | wc -l) .proto files"
