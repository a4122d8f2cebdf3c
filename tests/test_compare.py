"""Tests of framing.compare: bootstrap summaries, permutation tests and keyness."""

from __future__ import annotations

import importlib.util
import math
from importlib.resources import files
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framing.compare import (confidence_interval, keyness, metadata_terms, permutation_test, summarise,
                             term_counts)
from framing.errors import DuplicateArticleError, FramingError

ROOT = Path(__file__).resolve().parents[1]

# Tiny scores table. Means by hand: fr = (1 + 2 + 3 + 6) / 4 = 3.0 (the NaN row is dropped),
# ru = (4 + 8) / 2 = 6.0, uk has a single article (5.0).
SCORES = pd.DataFrame(
    {
        "outlet": ["le_monde", "le_monde", "figaro", "figaro", "figaro", "ria", "tass", "bbc"],
        "outlet_type": ["daily", "daily", "daily", "daily", "daily", "agency", "agency", "broadcaster"],
        "lang": ["fr", "fr", "fr", "fr", "fr", "ru", "ru", "en"],
        "kremlin_salience": [1.0, 2.0, 3.0, np.nan, 6.0, 4.0, 8.0, 5.0],
        "headline": ["a", "b", "c", "d", "e", "f", "g", "h"],
    }
)

# Cohen's d / Cliff's delta by hand:
#   a = 2, 4, 6: mean 4, SS = 4 + 0 + 4 = 8;   b = 1, 2, 3: mean 2, SS = 1 + 0 + 1 = 2
#   pooled SD = sqrt((8 + 2) / (3 + 3 - 2)) = sqrt(2.5) = 1.58114
#   d = (4 - 2) / 1.58114 = 1.26491
#   Cliff: pairs a > b: 2>1, 4>1,4>2,4>3, 6>1,6>2,6>3 = 7; a < b: 2<3 = 1; ties: 2=2
#   delta = (7 - 1) / 9 = 0.66667
EFFECT = pd.DataFrame({"group": ["a"] * 3 + ["b"] * 3, "x": [2.0, 4.0, 6.0, 1.0, 2.0, 3.0]})

COUNTS_A = {"war": 10, "program": 2, "the": 50}  # n_a = 62
COUNTS_B = {"war": 2, "program": 8, "the": 50}  # n_b = 60


def _normal_groups(seed: int, n: int, shift: float) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "outlet_type": ["x"] * n + ["y"] * n,
            "balance": np.concatenate([rng.normal(0.0, 1.0, n), rng.normal(shift, 1.0, n)]),
        }
    )


# ---------------------------------------------------------------------------
# summarise
# ---------------------------------------------------------------------------


def test_summarise_estimates_and_n():
    out = summarise(SCORES, "kremlin_salience", by="lang", n_boot=500, min_n=2)
    assert list(out.columns) == ["group", "measure", "estimate", "ci_low", "ci_high", "n", "n_missing", "interval"]
    out = out.set_index("group")
    assert out.loc["fr", "n_missing"] == 1 and out.loc["ru", "n_missing"] == 0
    assert list(out.index) == ["en", "fr", "ru"]
    assert out.loc["fr", "estimate"] == pytest.approx(3.0)
    assert out.loc["fr", "n"] == 4  # the NaN value is dropped
    assert out.loc["ru", "estimate"] == pytest.approx(6.0)
    # a single article: estimate, no interval
    assert out.loc["en", "estimate"] == pytest.approx(5.0)
    assert out.loc["en", "n"] == 1
    assert math.isnan(out.loc["en", "ci_low"]) and math.isnan(out.loc["en", "ci_high"])
    assert out.loc["en", "interval"] == "n too small" and out.loc["fr", "interval"] == "bca"
    # every bootstrap mean of fr lies within [min, max] of its values
    assert 1.0 <= out.loc["fr", "ci_low"] <= 3.0 <= out.loc["fr", "ci_high"] <= 6.0


def test_summarise_gives_no_interval_below_min_n():
    data = _normal_groups(4, 9, 0.0)  # 9 articles per group
    out = summarise(data, "balance", by="outlet_type")  # default min_n = 10
    assert out["ci_low"].isna().all() and out["ci_high"].isna().all()
    assert (out["interval"] == "n too small").all()
    assert out["estimate"].notna().all()
    shown = summarise(data, "balance", by="outlet_type", min_n=9)
    assert (shown["interval"] == "bca").all() and (shown["ci_low"] < shown["estimate"]).all()


def test_bca_falls_back_to_percentile_on_constant_values():
    flat = pd.DataFrame({"g": ["a"] * 12, "m": [0.0] * 12})
    out = summarise(flat, "m", by="g").iloc[0]
    assert out["interval"] == "percentile" and out["ci_low"] == out["ci_high"] == 0.0


def test_interval_kinds_agree_on_a_large_sample():
    # for n = 400 normal values, BCa, percentile and t intervals all sit near mean +- 1.96 sd / 20
    x = np.random.default_rng(9).normal(0.0, 1.0, 400)
    half = 1.96 * x.std(ddof=1) / 20
    for kind in ("bca", "percentile", "t"):
        low, high, got = confidence_interval(x, interval=kind, n_boot=4000, rng=1)
        assert str(got) == kind
        assert float(low) == pytest.approx(x.mean() - half, abs=0.02)
        assert float(high) == pytest.approx(x.mean() + half, abs=0.02)
    # the expansion widens the bootstrap interval, by more at small n
    small = x[:10]
    lo_e, hi_e, _ = confidence_interval(small, rng=1)
    lo_p, hi_p, _ = confidence_interval(small, rng=1, expand=False)
    assert hi_e - lo_e > 1.1 * (hi_p - lo_p)
    with pytest.raises(FramingError, match="at least 2"):
        confidence_interval(x[:1])
    with pytest.raises(FramingError, match="interval"):
        confidence_interval(x, interval="basic")


@pytest.mark.slow
def test_default_interval_coverage_small_simulation():
    """A small run of bench/coverage.py: 800 groups per cell, n = 10 and 20, every shape."""
    spec = importlib.util.spec_from_file_location("bench_coverage", ROOT / "bench" / "coverage.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    for shape in bench.SHAPES:
        for n in (10, 20):
            cell = bench.simulate_cell(shape, n, reps=800, seed=3, n_boot=999)
            # 800 groups: the standard error of a coverage near 0.95 is about 0.008
            assert 0.925 <= cell["coverage"] <= 0.975, cell
    plain = bench.simulate_cell("balance", 10, reps=800, seed=3, n_boot=999, expand=False)
    assert plain["coverage"] < 0.93  # BCa alone falls short at n = 10; the expansion is what fixes it


def test_summarise_median():
    out = summarise(SCORES, "kremlin_salience", by="lang", statistic="median", n_boot=200).set_index("group")
    # fr median of 1, 2, 3, 6 = (2 + 3) / 2
    assert out.loc["fr", "estimate"] == pytest.approx(2.5)


def test_summarise_interval_contains_estimate_and_is_deterministic():
    data = _normal_groups(3, 60, 0.5)
    first = summarise(data, "balance", by="outlet_type", seed=11)
    again = summarise(data, "balance", by="outlet_type", seed=11)
    other = summarise(data, "balance", by="outlet_type", seed=12)
    pd.testing.assert_frame_equal(first, again)
    assert not np.allclose(first["ci_low"], other["ci_low"])
    assert (first["ci_low"] < first["estimate"]).all()
    assert (first["estimate"] < first["ci_high"]).all()
    # the estimate is the plain group mean
    assert first.loc[0, "estimate"] == pytest.approx(data.loc[data.outlet_type == "x", "balance"].mean())


def test_summarise_group_interval_independent_of_other_groups():
    data = _normal_groups(5, 30, 1.0)
    both = summarise(data, "balance", by="outlet_type").set_index("group")
    only_x = summarise(data[data.outlet_type == "x"], "balance", by="outlet_type").set_index("group")
    assert both.loc["x", "ci_low"] == only_x.loc["x", "ci_low"]
    assert both.loc["x", "ci_high"] == only_x.loc["x", "ci_high"]


def test_summarise_interval_narrows_as_n_grows():
    rng = np.random.default_rng(2024)
    small = pd.DataFrame({"g": "a", "m": rng.normal(0, 1, 20)})
    large = pd.DataFrame({"g": "a", "m": rng.normal(0, 1, 2000)})
    w_small = summarise(small, "m", by="g").eval("ci_high - ci_low").iloc[0]
    w_large = summarise(large, "m", by="g").eval("ci_high - ci_low").iloc[0]
    # the width scales like 1 / sqrt(n): expect roughly sqrt(100) = 10 times narrower
    assert w_large < w_small / 5


def test_summarise_several_by_columns_and_measures():
    out = summarise(SCORES, ["kremlin_salience"], by=["lang", "outlet_type"], n_boot=100)
    assert list(out.columns) == ["group", "lang", "outlet_type", "measure", "estimate", "ci_low", "ci_high", "n",
                                 "n_missing", "interval"]
    assert list(out["group"]) == ["en | broadcaster", "fr | daily", "ru | agency"]
    assert out.set_index("group").loc["fr | daily", "n"] == 4


def test_summarise_errors():
    with pytest.raises(FramingError, match="'france_prominence'") as err:
        summarise(SCORES, "france_prominence", by="lang")
    assert "kremlin_salience" in str(err.value)  # lists the available columns
    with pytest.raises(FramingError, match="'country'"):
        summarise(SCORES, "kremlin_salience", by="country")
    with pytest.raises(FramingError, match="numeric"):
        summarise(SCORES, "headline", by="lang")
    with pytest.raises(FramingError, match="statistic"):
        summarise(SCORES, "kremlin_salience", by="lang", statistic="mode")
    with pytest.raises(FramingError, match="ci"):
        summarise(SCORES, "kremlin_salience", by="lang", ci=95)
    with pytest.raises(FramingError, match="interval"):
        summarise(SCORES, "kremlin_salience", by="lang", interval="basic")
    with pytest.raises(FramingError, match="min_n"):
        summarise(SCORES, "kremlin_salience", by="lang", min_n=-1)


# ---------------------------------------------------------------------------
# permutation_test
# ---------------------------------------------------------------------------


def test_permutation_effect_sizes_by_hand():
    result = permutation_test(EFFECT, "x", by="group", groups=("a", "b"), n_perm=999)
    assert result["difference"] == pytest.approx(2.0)
    assert result["cohens_d"] == pytest.approx(2.0 / math.sqrt(2.5))
    assert result["cohens_d"] == pytest.approx(1.26491, abs=1e-5)
    assert result["cliffs_delta"] == pytest.approx(6 / 9)
    assert (result["n_a"], result["n_b"]) == (3, 3)
    # reversed order flips the signs
    reverse = permutation_test(EFFECT, "x", by="group", groups=("b", "a"), n_perm=999)
    assert reverse["cohens_d"] == pytest.approx(-result["cohens_d"])
    assert reverse["cliffs_delta"] == pytest.approx(-6 / 9)


def test_permutation_clear_difference():
    data = _normal_groups(1, 40, 1.5)
    result = permutation_test(data, "balance", by="outlet_type", groups=("y", "x"), seed=3)
    assert result["p_value"] < 0.01
    assert result["ci_low"] < result["difference"] < result["ci_high"]
    assert result["ci_low"] > 0


def test_permutation_same_distribution():
    data = _normal_groups(8, 40, 0.0)
    result = permutation_test(data, "balance", by="outlet_type", seed=3)  # two groups -> no `groups` needed
    assert result["p_value"] > 0.05
    assert result["ci_low"] < 0 < result["ci_high"]


def test_permutation_p_value_correction_and_determinism():
    # identical values: every relabelling gives |diff| = 0 >= 0 -> k = n_perm, p = (n_perm + 1) / (n_perm + 1) = 1
    flat = pd.DataFrame({"g": ["a"] * 3 + ["b"] * 3, "m": [1.0] * 6})
    assert permutation_test(flat, "m", by="g", n_perm=99)["p_value"] == 1.0
    data = _normal_groups(1, 40, 1.5)
    r1 = permutation_test(data, "balance", by="outlet_type", n_perm=199, seed=5)
    r2 = permutation_test(data, "balance", by="outlet_type", n_perm=199, seed=5)
    assert r1 == r2
    # (k + 1) / (n_perm + 1): never below 1/200 and a multiple of 1/200
    assert r1["p_value"] >= 1 / 200
    assert r1["p_value"] * 200 == pytest.approx(round(r1["p_value"] * 200))


def test_permutation_errors():
    with pytest.raises(FramingError, match="'tass_agency'") as err:
        permutation_test(SCORES, "kremlin_salience", by="lang", groups=("fr", "tass_agency"))
    assert "'ru'" in str(err.value) and "'fr'" in str(err.value)  # lists the available groups
    with pytest.raises(FramingError, match="'balance'") as err:
        permutation_test(SCORES, "balance", by="lang", groups=("fr", "ru"))
    assert "kremlin_salience" in str(err.value)
    with pytest.raises(FramingError, match="exactly two groups"):
        permutation_test(SCORES, "kremlin_salience", by="lang")


# ---------------------------------------------------------------------------
# term_counts and stop-word lists
# ---------------------------------------------------------------------------


def test_term_counts_english():
    texts = ["The war in 2022: the WAR goes on.", None, "Peace talks, and more war."]
    counts = term_counts(texts, lang="en")
    # tokens: the war in 2022 the war goes on / peace talks and more war
    # dropped: the, in, on, and, more (stop words), 2022 (number)
    assert counts.to_dict() == {"war": 3, "goes": 1, "peace": 1, "talks": 1}
    assert list(counts.index) == ["war", "goes", "peace", "talks"]
    assert term_counts(texts, lang="en", min_count=2).to_dict() == {"war": 3}
    no_stop = term_counts(texts, lang="en", stopwords=False)
    assert no_stop["the"] == 2 and "2022" not in no_stop.index
    cased = term_counts(texts, lang="en", lowercase=False)
    assert cased["war"] == 2 and cased["WAR"] == 1 and "The" not in cased.index


def test_term_counts_french_and_russian():
    fr = term_counts(["L'armée et la guerre : qu'il parte, dit l'armée."], lang="fr")
    assert fr.to_dict() == {"armée": 2, "dit": 1, "guerre": 1, "parte": 1}
    ru = term_counts(["Это война, и она ещё идёт. Война в 2022 году!"], lang="ru")
    assert ru.to_dict() == {"война": 2, "году": 1, "идёт": 1}


def test_term_counts_unknown_language():
    with pytest.raises(FramingError, match="'de'") as err:
        term_counts(["Der Krieg"], lang="de")
    assert "en, fr, ru" in str(err.value)


@pytest.mark.parametrize("lang", ["en", "fr", "ru"])
def test_stopword_lists_are_well_formed(lang):
    text = (files("framing") / "data" / "stopwords" / f"{lang}.txt").read_text(encoding="utf-8")
    words = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    words = [w for w in words if w]
    assert 150 <= len(words) <= 300
    assert len(words) == len(set(words))
    assert all(w == w.lower() and " " not in w for w in words)


# ---------------------------------------------------------------------------
# keyness
# ---------------------------------------------------------------------------


def test_g2_by_hand():
    out = keyness(COUNTS_A, COUNTS_B, method="g2").set_index("term")
    # war: 2 x 2 table  [[10, 52], [2, 58]], N = 122, column totals 12 / 110
    #   E = 62*12/122 = 6.09836, 62*110/122 = 55.90164, 60*12/122 = 5.90164, 60*110/122 = 54.09836
    #   O ln(O/E): 10 ln(10/6.09836) = 4.94565;  52 ln(52/55.90164) = -3.76220
    #               2 ln(2/5.90164) = -2.16417;  58 ln(58/54.09836) = 4.03907
    #   G2 = 2 * (4.94565 - 3.76220 - 2.16417 + 4.03907) = 6.11671, over-represented in a -> +
    assert out.loc["war", "score"] == pytest.approx(6.11671, abs=1e-5)
    assert out.loc["war", "g2"] == pytest.approx(6.11671, abs=1e-5)
    # chi-square 1 df tail: P(X > g) = erfc(sqrt(g / 2)) = 0.013391
    assert out.loc["war", "p_value"] == pytest.approx(math.erfc(math.sqrt(6.11671 / 2)), rel=1e-4)
    assert out.loc["war", "p_value"] == pytest.approx(0.013391, abs=1e-6)
    # program: [[2, 60], [8, 52]], column totals 10 / 112
    #   E = 62*10/122 = 5.08197, 62*112/122 = 56.91803, 60*10/122 = 4.91803, 60*112/122 = 55.08197
    #   2 * (2 ln(2/5.08197) + 60 ln(60/56.91803) + 8 ln(8/4.91803) + 52 ln(52/55.08197))
    #   = 2 * (-1.86510 + 3.16394 + 3.89226 - 2.99409) = 4.39402, under-represented in a -> -
    assert out.loc["program", "score"] == pytest.approx(-4.39402, abs=1e-5)
    assert list(out.index) == ["war", "the", "program"]
    assert list(out.columns) == ["count_a", "count_b", "score", "g2", "p_value"]


def test_log_odds_default_prior_by_hand():
    out = keyness(COUNTS_A, COUNTS_B).set_index("term")
    # prior = combined counts: a_war = 12, a0 = 122
    # delta = ln((10 + 12) / (62 + 122 - 10 - 12)) - ln((2 + 12) / (60 + 122 - 2 - 12))
    #       = ln(22/162) - ln(14/168) = -1.99655 + 2.48491 = 0.48835
    # variance = 1/22 + 1/14 = 0.116883;  z = 0.48835 / sqrt(0.116883) = 1.42843
    assert out.loc["war", "delta"] == pytest.approx(0.48835, abs=1e-5)
    assert out.loc["war", "variance"] == pytest.approx(1 / 22 + 1 / 14)
    assert out.loc["war", "score"] == pytest.approx(1.42843, abs=1e-5)
    assert list(out.index) == ["war", "the", "program"]


def test_log_odds_stated_prior_by_hand():
    # uniform prior a_w = 1 for the three terms, a0 = 3
    # delta = ln(11 / (62 + 3 - 11)) - ln(3 / (60 + 3 - 3)) = ln(11/54) - ln(3/60) = ln(4.07407) = 1.40464
    # variance = 1/11 + 1/3 = 0.424242;  z = 1.40464 / 0.651339 = 2.15655
    out = keyness(COUNTS_A, COUNTS_B, prior={"war": 1, "program": 1, "the": 1}).set_index("term")
    assert out.loc["war", "delta"] == pytest.approx(1.40464, abs=1e-5)
    assert out.loc["war", "score"] == pytest.approx(2.15655, abs=1e-5)
    # combined counts rescaled to alpha0 = 12.2: a_war = 12 * 12.2/122 = 1.2
    # delta = ln(11.2 / (62 + 12.2 - 11.2)) - ln(3.2 / (60 + 12.2 - 3.2)) = ln(11.2/63) - ln(3.2/69) = 1.34373
    # variance = 1/11.2 + 1/3.2 = 0.401786;  z = 1.34373 / 0.633866 = 2.11990
    scaled = keyness(COUNTS_A, COUNTS_B, alpha0=12.2).set_index("term")
    assert scaled.loc["war", "delta"] == pytest.approx(1.34373, abs=1e-5)
    assert scaled.loc["war", "score"] == pytest.approx(2.11990, abs=1e-5)


def test_keyness_union_of_terms_and_min_count():
    out = keyness({"war": 5, "the": 20}, pd.Series({"peace": 5, "the": 20}), method="g2", min_count=6)
    # war and peace (5 each) fall below min_count; totals still use all terms (25 vs 25)
    assert list(out["term"]) == ["the"]
    assert out.loc[0, "score"] == pytest.approx(0.0)
    both = keyness({"war": 5, "the": 20}, {"peace": 5, "the": 20}, method="g2").set_index("term")
    assert both.loc["peace", "count_a"] == 0 and both.loc["war", "count_b"] == 0
    assert both.loc["war", "score"] == pytest.approx(-both.loc["peace", "score"])


def test_keyness_errors():
    with pytest.raises(FramingError, match="method"):
        keyness(COUNTS_A, COUNTS_B, method="tfidf")
    with pytest.raises(FramingError, match="prior"):
        keyness(COUNTS_A, COUNTS_B, method="g2", prior=COUNTS_A)
    with pytest.raises(FramingError, match="'program'"):
        keyness(COUNTS_A, COUNTS_B, prior={"war": 1, "the": 1})
    with pytest.raises(FramingError, match="non-negative"):
        keyness({"war": -1, "the": 3}, COUNTS_B)
    with pytest.raises(FramingError, match="both corpora"):
        keyness({}, COUNTS_B)


# ---------------------------------------------------------------------------
# each article once per group
# ---------------------------------------------------------------------------


def test_stacked_methods_are_refused_naming_the_article():
    one = SCORES.assign(doc_id=[f"d{i}" for i in range(len(SCORES))], method="lexicon")
    stacked = pd.concat([one, one.assign(method="classifier")], ignore_index=True)
    with pytest.raises(DuplicateArticleError, match="article 'd0' appears 2 times in group 'fr'") as err:
        summarise(stacked, "kremlin_salience", by="lang")
    assert "methods classifier, lexicon" in str(err.value) and "one method first" in str(err.value)
    with pytest.raises(DuplicateArticleError, match="permutation_test .* article 'd0'"):
        permutation_test(stacked, "kremlin_salience", by="lang", groups=("ru", "fr"), n_perm=99)
    # one method at a time, or grouped by method, each article counts once
    assert summarise(stacked[stacked["method"] == "lexicon"], "kremlin_salience", by="lang")["n"].sum() == 7
    by_method = summarise(stacked, "kremlin_salience", by=["method", "lang"])
    assert by_method["n"].sum() == 14
    # an article may sit in two different groups
    two_groups = pd.DataFrame({"doc_id": ["a", "a"], "g": ["x", "y"], "m": [1.0, 2.0]})
    assert summarise(two_groups, "m", by="g")["n"].tolist() == [1, 1]


# ---------------------------------------------------------------------------
# keyness without the outlets' own names
# ---------------------------------------------------------------------------


def test_metadata_terms_and_keyness_exclude():
    meta = pd.DataFrame({"outlet": ["Vestnik (service français)", "Radio Hexagone"], "country": ["RU", "FR"],
                         "byline": [None, np.nan]})
    assert metadata_terms(meta) == {"vestnik", "service", "français", "radio", "hexagone", "ru", "fr"}
    assert metadata_terms(meta, columns=["country", "nope"]) == {"ru", "fr"}
    a = {"vestnik": 9, "war": 10, "the": 50}
    b = {"hexagone": 4, "war": 2, "the": 50}
    kept = keyness(a, b, method="g2")
    assert kept["term"].iloc[0] == "vestnik" and kept["term"].iloc[-1] == "hexagone"
    dropped = keyness(a, b, method="g2", exclude=metadata_terms(meta))
    assert dropped["term"].tolist() == ["war", "the"]
    # the excluded words leave the corpus totals too: n_a = 60, n_b = 52 as if they were never counted
    assert dropped.set_index("term")["g2"].tolist() == pytest.approx(
        keyness({"war": 10, "the": 50}, {"war": 2, "the": 50}, method="g2")["g2"].tolist())


def test_keyness_between_outlet_groups_drops_the_outlet_names(articles):
    from framing.paper import keyness_between

    compared = articles[(articles["lang"] == "fr") & articles["country"].isin(["RU", "FR"])]
    names = metadata_terms(compared, columns=["outlet"])
    assert "vestnik" in names
    default = keyness_between(articles, column="country", groups=("RU", "FR"), lang="fr")
    kept = keyness_between(articles, column="country", groups=("RU", "FR"), lang="fr", drop_metadata=False)
    # with the names kept, the Russian wire's own name ranks among the top five terms of the Russian outlets
    assert "vestnik" in kept["term"].head(5).tolist()
    assert not set(default["term"]) & names
    assert set(kept["term"]) - set(default["term"]) <= names | {"ru", "fr"}
