# flags, show, set and config on the sample book.
. "$(dirname "$0")/lib.sh"

run import "$SAMPLE"
expect_rc 0 "import"

run flags --format json
expect_rc 0 "flags json"
expect_json 'all(f["kind"] in ("churn","expansion","advocacy") and f["severity"] in ("high","medium","low") and f["reasons"] for f in d)' "flags json shape"
expect_json '{"Customer 6","Customer 7","Customer 9","Customer 12","Customer 13"} <= {f["account"] for f in d if f["kind"] == "churn"}' "the sample's churn risks"
expect_json '[f for f in d if f["account"] == "Customer 6" and f["kind"] == "churn"][0]["severity"] == "high"' "Customer 6 is high"
expect_json '[f for f in d if f["account"] == "Customer 6"][0]["reasons"][:2] == ["health 45 is red", "renewal in 8 weeks with health 45 (red)"]' "reasons in words"
expect_json '"Customer 11" in {f["account"] for f in d if f["kind"] == "advocacy"}' "Customer 11 is a candidate"
expect_json '[f["kind"] for f in d] == sorted([f["kind"] for f in d], key=["churn","expansion","advocacy"].index)' "grouped by kind"
run flags --kind advocacy --format csv
expect_rc 0 "flags --kind csv"
expect_grep "Customer 11,advocacy,medium,27000,80,5," "$T/out" "flags csv row"
expect_no_grep ",churn," "$T/out" "--kind filters"
run flags --format table
expect_grep "Churn risks (" "$T/out" "flags table title"
run flags --kind nothing
expect_rc 2 "unknown kind"

run show "customer 12"
expect_rc 0 "show (any case)"
expect_grep "40.50 -> 41 (rounded half up)" "$T/out" "show explains the rounding"
expect_grep "satisfaction         no data" "$T/out" "show says what has no data"
expect_grep "based on 75% of its weight" "$T/out" "show gives the coverage"
run show "Customer 12" --format json
expect_json 'd["health"] == 41 and d["health_detail"]["exact"] == 40.5 and d["health_detail"]["coverage_pct"] == 75' "show json health"
expect_json '[c["share"] for c in d["health_detail"]["components"]] == [66.67, None, 16.67, 16.67]' "show json shares"
expect_json 'd["flag_details"][0]["kind"] == "churn" and len(d["history"]) == 1' "show json flags and history"
run show "Nobody"
expect_rc 1 "show unknown account"
expect_grep "no account named 'Nobody'" "$T/err" "show unknown message"
run show
expect_rc 2 "show without an account"

run set "Customer 11" nps=9 pulse=green owner="Dana Scully" kpi_baseline=100 kpi_current=140 msa_restricted=no
expect_rc 0 "set attributes"
run list --format json
expect_json '[a for a in d if a["name"] == "Customer 11"][0]["nps"] == 9 and [a for a in d if a["name"] == "Customer 11"][0]["owner"] == "Dana Scully" and [a for a in d if a["name"] == "Customer 11"][0]["msa_restricted"] is False' "set values are stored"
run show "Customer 11" --format json
expect_json '"KPI up 40% since onboarding (100 -> 140): measured proof" in d["flag_details"][0]["reasons"] and "NPS 9: a promoter" in d["flag_details"][0]["reasons"] and d["flag_details"][0]["severity"] == "high"' "set values feed the rules"
run set "Customer 11" nps=11
expect_rc 65 "set nps out of range"
expect_grep "nps: is outside 0-10 ('11')" "$T/err" "set bad value message"
run set "Customer 11" colour=blue
expect_rc 2 "set unknown key"
run set "Customer 11" nps= pulse=none
expect_rc 0 "set clears"
run list --format json
expect_json '[a for a in d if a["name"] == "Customer 11"][0]["nps"] is None and [a for a in d if a["name"] == "Customer 11"][0]["pulse"] is None' "cleared attributes are null"
run set "Customer 3" last_advocacy_ask=2026-10-01 note="Champion moved to a new role; meet the new VP in January."
expect_rc 0 "set a date and a note"
run show "Customer 3"
expect_grep "2027-01-01  Champion moved to a new role; meet the new VP in January." "$T/out" "note shown with its date"
run set "Customer 6" pulse=green
run show "Customer 6" --format json
expect_json '"your pulse is green but health is red" in d["flag_details"][0]["reasons"]' "pulse disagreement is a reason"
run set "Customer 11" owner="$(printf 'Ana\033[2J')"
expect_rc 65 "set refuses control characters"
run set "Customer 11" owner="$(printf 'Ana\377')"
expect_rc 65 "set refuses invalid UTF-8"
run set "Customer 11" note="$(printf 'x\033]0;t\007')"
expect_rc 65 "a note refuses control characters"
run set "Customer 99" nps=1
expect_rc 1 "set unknown account"

run config
expect_rc 0 "config"
expect_json 'd["model"] == "dashboard" and [c["weight"] for c in d["models"]["dashboard"]["components"]] == [50, 25, 12.5, 12.5] and d["bands"]["score"] == {"red_max": 50, "amber_max": 74}' "config prints the defaults"
cp "$T/out" "$T/config.json"
"$CSM" --config "$T/config.json" --db "$DB" --as-of 2027-01-01 list --format csv >/dev/null 2>&1; rc=$?
expect_rc 0 "csm config output is a valid config"
printf '{"model": "playbook"}' >"$T/pb.json"
"$CSM" --config "$T/pb.json" --db "$DB" --as-of 2027-01-01 list --format json >"$T/out" 2>"$T/err"; rc=$?
expect_rc 0 "playbook model"
expect_json 'set(d[0]["components"]) == {"product_usage","feature_adoption","support_engagement","business_outcomes"}' "components follow the model"
printf '{"models": {"mine": {"components": [{"key": "a", "weight": 1}, {"key": "b", "weight": 1}, {"key": "c", "weight": 0}]}}}' >"$T/bad.json"
"$CSM" --config "$T/bad.json" --db "$DB" list >"$T/out" 2>"$T/err"; rc=$?
expect_rc 65 "bad config"
expect_grep "csm: $T/bad.json: models.mine.components[2].weight: must be a positive number" "$T/err" "bad config message"
"$CSM" --config "$T/none.json" --db "$DB" list >"$T/out" 2>"$T/err"; rc=$?
expect_rc 66 "missing explicit config"
mkdir -p "$HOME/.config/csm" && printf '{"bands": {"score": {"red_max": 60, "amber_max": 80}}}' >"$HOME/.config/csm/config.json"
run list --format json
expect_json '[a for a in d if a["name"] == "Customer 1"][0]["health_band"] == "amber"' "default config file is read"
rm "$HOME/.config/csm/config.json"

finish
